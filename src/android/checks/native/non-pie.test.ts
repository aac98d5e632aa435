import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditNativeCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './non-pie.js';

test('AND-NATIVE-006 ET_EXEC native code', async (t) => {
  const { weak, hardened } = await auditNativeCases(t, check);
  if (!weak || !hardened) return;
  const f = findingsOf(weak, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'exec');
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'file' && ev.file === 'lib/x86_64/libexec.so' && /ET_EXEC, entry 0x4/.test(ev.snippet ?? ''),
    JSON.stringify(ev),
  );
  assert.equal(findingsOf(hardened, check.id).length, 0);
});
