import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { auditShared, auditSigningCases, rezip } from '../../../../test/packaging-checks-helpers.js';
import { auditBytes, findingsOf } from '../../testing/check-harness.js';
import { buildFixture, manifestXml } from '../../testing/fixture.js';
import check from './signature-not-verified.js';

test('AND-SIGN-004 signature does not verify', async (t) => {
  const r = await auditSigningCases(t, check);
  if (!r.unsigned || !r.v1v2Min21) return;
  assert.deepEqual(
    findingsOf(r.unsigned, check.id).map((f) => f.messageId),
    ['unsigned'],
  );
  for (const k of ['v1OnlyMin21', 'v1OnlyMin28', 'v2OnlyMin24', 'v1v2Min21'] as const)
    assert.equal(findingsOf(r[k], check.id).length, 0, k);
  // v2-only with minSdk 21 fails apksigner only for the missing v1 signature: AND-SIGN-003's case.
  assert.equal(findingsOf(r.v2OnlyMin21, check.id).length, 0);

  // The same signed APK with one entry added after signing: the v2 block is gone and v1 no longer covers the zip.
  const signed = readFileSync(buildFixture({ manifest: manifestXml({ minSdk: 21 }) }).path);
  const tampered = rezip(signed, (es) => [...es, { name: 'assets/added.txt', data: 'added after signing' }]);
  const f = findingsOf(await auditBytes(tampered, [check]), check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'failed');
  assert.ok(f[0].evidence.length >= 1 && f[0].evidence.every((e) => e.kind === 'text'));
  assert.ok(
    f[0].evidence.some((e) => e.kind === 'text' && /^JAR_SIG_/.test(e.text)),
    JSON.stringify(f[0].evidence),
  );
});

test('AND-SIGN-004 on real apps: a v2 signature that does not verify', async (t) => {
  const bad = await auditShared(
    t,
    check,
    'androguard/APK/apksig/v2-only-with-rsa-pkcs1-sha256-2048-sig-does-not-verify.apk',
  );
  if (!bad) return;
  const f = findingsOf(bad, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'failed');
  for (const ok of [
    'dvba/dvba.apk',
    'insecurebankv2/InsecureBankv2-release.apk',
    'ostorlab/Ostorlab_insecure_app.apk',
  ]) {
    assert.equal(findingsOf(await auditShared(t, check, ok), check.id).length, 0, ok);
  }
});
