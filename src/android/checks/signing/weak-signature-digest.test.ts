import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditShared, auditSigningCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './weak-signature-digest.js';

test('AND-SIGN-005 weak digests: apksigner fixtures use SHA-256 (minSdk >= 18) and a SHA-256 certificate', async (t) => {
  const r = await auditSigningCases(t, check);
  if (!r.v1OnlyMin21) return;
  for (const [k, v] of Object.entries(r)) assert.equal(findingsOf(v, check.id).length, 0, k);
});

test('AND-SIGN-005 weak digests in real APKs', async (t) => {
  // InsecureBankv2 (minSdk 15, v1 checked on API 15–23): the .SF digests with SHA-1 only.
  const ib = await auditShared(t, check, 'insecurebankv2/InsecureBankv2-release.apk');
  if (!ib) return;
  const f = findingsOf(ib, check.id);
  assert.deepEqual(
    f.map((x) => [x.messageId, x.severity]),
    [['v1Digest', 'low']],
  );
  const ev = f[0].evidence[0];
  assert.ok(ev.kind === 'file' && ev.file === 'META-INF/CERT.SF');
  if (ev.kind === 'file') {
    assert.match(ev.snippet ?? '', /^SHA1-Digest-Manifest: /);
    assert.equal(ev.byteOffset, 49);
  }
  // Ostorlab: minSdk 24, so v1 is not what devices check; but the certificate is SHA1withRSA.
  const ostorlab = await auditShared(t, check, 'ostorlab/Ostorlab_insecure_app.apk');
  const g = findingsOf(ostorlab, check.id);
  assert.deepEqual(
    g.map((x) => x.messageId),
    ['certSignature'],
  );
  assert.match(g[0].message, /sha1WithRSAEncryption/);
  // A v2-only APK with a SHA-256 certificate: nothing.
  assert.equal(findingsOf(await auditShared(t, check, 'dvba/dvba.apk'), check.id).length, 0);
});
