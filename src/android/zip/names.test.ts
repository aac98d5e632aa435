import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FormatError } from '../../core/errors.js';
import fc from 'fast-check';
import {
  NAME_CONTROL,
  NAME_SUSPECT,
  hasControlCharacter,
  isValidUtf8,
  safeEntryPath,
  scanName,
  unsafeNameReason,
} from './names.js';

describe('entry names', () => {
  it('safeEntryPath accepts plain relative names', () => {
    for (const n of [
      'AndroidManifest.xml',
      'res/layout/a.xml',
      'lib/arm64-v8a/libx.so',
      'a..b/c..',
      '.hidden/..x',
    ]) {
      assert.equal(safeEntryPath(n), n);
      assert.equal(unsafeNameReason(n), undefined);
    }
  });

  it('safeEntryPath throws FormatError for traversal, absolute, backslash, NUL, drive letters and empty names', () => {
    for (const n of ['..', '../x', 'a/../../b', 'a/..', '/etc/passwd', 'a\\b', 'x\0.so', 'c:/x', 'C:x', '']) {
      assert.throws(() => safeEntryPath(n), FormatError, JSON.stringify(n));
    }
  });

  it('validates UTF-8 strictly', () => {
    const ok = Buffer.from('héllo 日本 😀', 'utf8');
    assert.equal(isValidUtf8(ok, 0, ok.length), true);
    for (const bad of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xe6, 0x97],
      [0xf5, 0x80, 0x80, 0x80],
      [0x80],
      [0xe9],
    ]) {
      const b = Uint8Array.from(bad);
      assert.equal(isValidUtf8(b, 0, b.length), false, JSON.stringify(bad));
    }
  });

  it('scanName pre-filter never misses what the precise checks find (fixed seed)', () => {
    const piece = fc.constantFrom('a', '/', '..', '.', '\\', '\0', '\r', '\n', 'C:', ':', 'é', '\x7f', 'x/');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const name = parts.join('');
        const traits = scanName(name);
        if (unsafeNameReason(name) !== undefined)
          assert.ok((traits & NAME_SUSPECT) !== 0, JSON.stringify(name));
        assert.equal((traits & NAME_CONTROL) !== 0, hasControlCharacter(name), JSON.stringify(name));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });
});
