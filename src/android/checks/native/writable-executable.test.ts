import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditNativeCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './writable-executable.js';

test('AND-NATIVE-005 writable and executable segment', async (t) => {
  const { weak, hardened } = await auditNativeCases(t, check);
  if (!weak || !hardened) return;
  const f = findingsOf(weak, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'wx');
  const ev = f[0].evidence[0];
  assert.ok(ev.kind === 'file' && ev.file === 'lib/x86_64/libwx.so');
  if (ev.kind === 'file') {
    assert.match(ev.snippet ?? '', /LOAD RWE/);
    const lib = weak.ctx.apk.nativeLibs.find((l) => l.file === 'lib/x86_64/libwx.so');
    const seg = lib?.elf?.segments.find((s) => s.typeName === 'LOAD' && s.flags === 7);
    assert.ok(seg && seg.filesz > 0);
    assert.equal(ev.byteOffset, seg.offset);
    assert.equal(ev.length, seg.filesz);
  }
  assert.equal(findingsOf(hardened, check.id).length, 0);
});
