import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditShared, auditSigningCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './weak-signing-key.js';

const APKSIG = 'androguard/APK/apksig';

test('AND-SIGN-006 weak signing key: the RSA 2048 fixture key is fine', async (t) => {
  const r = await auditSigningCases(t, check);
  if (!r.v1v2Min21) return;
  for (const [k, v] of Object.entries(r)) assert.equal(findingsOf(v, check.id).length, 0, k);
});

test('AND-SIGN-006 weak signing key: apksig vectors', async (t) => {
  const rsa1024 = await auditShared(t, check, `${APKSIG}/v1-only-with-rsa-1024.apk`);
  if (!rsa1024) return;
  const f = findingsOf(rsa1024, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'small');
  assert.match(f[0].message, /1024-bit RSA key/);
  assert.ok(f[0].evidence[0].kind === 'file' && f[0].evidence[0].file === 'META-INF/CERT.RSA');

  const v2rsa1024 = findingsOf(
    await auditShared(t, check, `${APKSIG}/v2-only-with-rsa-pkcs1-sha256-1024.apk`),
    check.id,
  );
  assert.deepEqual(
    v2rsa1024.map((x) => x.messageId),
    ['small'],
  );
  const ev = v2rsa1024[0].evidence[0];
  assert.ok(ev.kind === 'file' && ev.file === '<apk>' && (ev.byteOffset ?? 0) > 0);

  const dsa = findingsOf(await auditShared(t, check, `${APKSIG}/v2-only-with-dsa-sha256-2048.apk`), check.id);
  assert.deepEqual(
    dsa.map((x) => [x.messageId, x.severity]),
    [['dsa', 'low']],
  );
  const dsa1024 = findingsOf(
    await auditShared(t, check, `${APKSIG}/v2-only-with-dsa-sha256-1024.apk`),
    check.id,
  );
  assert.deepEqual(
    dsa1024.map((x) => [x.messageId, x.severity]),
    [['small', 'high']],
  );

  for (const ok of [
    'v2-only-with-ecdsa-sha256-p256.apk',
    'v2-only-with-rsa-pkcs1-sha256-2048.apk',
    'v2-only-with-ecdsa-sha256-p384.apk',
  ]) {
    assert.equal(findingsOf(await auditShared(t, check, `${APKSIG}/${ok}`), check.id).length, 0, ok);
  }
  // Ostorlab's debug key is RSA 1024.
  assert.deepEqual(
    findingsOf(await auditShared(t, check, 'ostorlab/Ostorlab_insecure_app.apk'), check.id).map(
      (x) => x.messageId,
    ),
    ['small'],
  );
});
