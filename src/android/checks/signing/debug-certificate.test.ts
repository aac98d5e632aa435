import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditShared, auditSigningCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './debug-certificate.js';

test('AND-SIGN-001 debug certificate: a self-declared test key (fixture keystore)', async (t) => {
  const { v1v2Min21 } = await auditSigningCases(t, check);
  if (!v1v2Min21) return;
  const f = findingsOf(v1v2Min21, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'selfDeclaredTest');
  assert.equal(f[0].confidence, 'medium');
  const ev = f[0].evidence[0];
  assert.equal(ev.kind, 'file');
  if (ev.kind === 'file') {
    assert.equal(ev.file, 'META-INF/DEMO.RSA'); // v1 block, reported first
    assert.match(ev.snippet ?? '', /TEST KEY/);
  }
});

test('AND-SIGN-001 debug certificate: Android Debug keys (real apps), and a release key', async (t) => {
  const ostorlab = await auditShared(t, check, 'ostorlab/Ostorlab_insecure_app.apk');
  if (!ostorlab) return;
  const f = findingsOf(ostorlab, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'androidDebug');
  assert.match(f[0].message, /22279b1f302aef2f7c7c0da3a4f81d37cc0afc31deb3413312e00daf61940f6b/);
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'file' && ev.file === '<apk>' && typeof ev.byteOffset === 'number' && ev.byteOffset > 0,
    'points into the APK Signing Block',
  );
  const testDebug = await auditShared(t, check, 'androguard/APK/Test-debug.apk');
  assert.deepEqual(
    findingsOf(testDebug, check.id).map((x) => x.messageId),
    ['androidDebug'],
  );
  const release = await auditShared(t, check, 'insecurebankv2/InsecureBankv2-release.apk');
  assert.equal(findingsOf(release, check.id).length, 0);
  const dvba = await auditShared(t, check, 'dvba/dvba.apk');
  assert.equal(findingsOf(dvba, check.id).length, 0);
});
