import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FormatError } from '../../core/errors.js';
import { isValidUtf8, safeEntryPath, unsafeNameReason } from './names.js';

describe('entry names', () => {
  it('safeEntryPath accepts plain relative names', () => {
    for (const n of ['AndroidManifest.xml', 'res/layout/a.xml', 'lib/arm64-v8a/libx.so', 'a..b/c..', '.hidden/..x']) {
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
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe6, 0x97], [0xf5, 0x80, 0x80, 0x80], [0x80], [0xe9]]) {
      const b = Uint8Array.from(bad);
      assert.equal(isValidUtf8(b, 0, b.length), false, JSON.stringify(bad));
    }
  });
});
