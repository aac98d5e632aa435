import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditShared, auditSigningCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './multiple-signers.js';

const APKSIG = 'androguard/APK/apksig';

test('AND-SIGN-008 multiple signers: single-signer fixtures', async (t) => {
  const r = await auditSigningCases(t, check);
  if (!r.v1v2Min21) return;
  for (const [k, v] of Object.entries(r)) assert.equal(findingsOf(v, check.id).length, 0, k);
});

test('AND-SIGN-008 multiple signers: apksig two-signer vectors', async (t) => {
  const v2 = await auditShared(t, check, `${APKSIG}/v2-only-two-signers.apk`);
  if (!v2) return;
  const f = findingsOf(v2, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'several');
  assert.match(f[0].message, /v2 signature has 2 signers/);
  assert.equal(f[0].evidence.length, 2);
  const v1 = findingsOf(await auditShared(t, check, `${APKSIG}/v1-only-two-signers.apk`), check.id);
  assert.equal(v1.length, 1);
  assert.deepEqual(
    v1[0].evidence.map((e) => (e.kind === 'file' ? e.file : '')),
    ['META-INF/CERT0.RSA', 'META-INF/CERT1.EC'],
  );
  // v3 lineage with three certificates is one signer, not several.
  assert.equal(
    findingsOf(await auditShared(t, check, `${APKSIG}/v1v2v3-with-rsa-2048-lineage-3-signers.apk`), check.id)
      .length,
    0,
  );
});
