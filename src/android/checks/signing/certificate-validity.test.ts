import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditShared, auditSigningCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './certificate-validity.js';

test('AND-SIGN-007 certificate validity: the 100-year fixture certificate is fine', async (t) => {
  const r = await auditSigningCases(t, check);
  if (!r.v1v2Min21) return;
  assert.equal(findingsOf(r.v1v2Min21, check.id).length, 0);
  assert.equal(findingsOf(r.v2OnlyMin24, check.id).length, 0);
});

test('AND-SIGN-007 certificate validity: an expired debug certificate (2011–2012)', async (t) => {
  const expired = await auditShared(t, check, 'androguard/APK/TC-debug.apk');
  if (!expired) return;
  const f = findingsOf(expired, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'expired');
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /2012-04-06/);
  assert.ok(f[0].evidence[0].kind === 'file' && f[0].evidence[0].file === 'META-INF/CERT.RSA');
  assert.equal(
    findingsOf(await auditShared(t, check, 'insecurebankv2/InsecureBankv2-release.apk'), check.id).length,
    0,
  );
});
