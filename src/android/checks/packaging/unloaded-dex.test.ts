import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditPackagingCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './unloaded-dex.js';

test('AND-PKG-006 DEX files the runtime does not load', async (t) => {
  const { base, extraDex } = await auditPackagingCases(t, check);
  if (!base || !extraDex) return;
  assert.equal(findingsOf(base, check.id).length, 0);
  const f = findingsOf(extraDex, check.id);
  const got = f.map((x) => [x.messageId, x.evidence[0].kind === 'file' ? x.evidence[0].file : '']).sort();
  // assets/notes.dex is not a DEX (no magic): not reported.
  assert.deepEqual(got, [
    ['asset', 'assets/payload.dex'],
    ['gap', 'classes3.dex'],
  ]);
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'file' && ev.byteOffset === 0 && ev.length === 0x70 && /dex\\n035/.test(ev.snippet ?? ''),
  );
});
