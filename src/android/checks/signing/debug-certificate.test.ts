import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { requireTool } from '../../../../test/helpers.js';
import { auditShared, auditSigningCases } from '../../../../test/packaging-checks-helpers.js';
import { auditBytes, findingsOf } from '../../testing/check-harness.js';
import { buildFixture, manifestXml } from '../../testing/fixture.js';
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

test('AND-SIGN-001 debug certificate: a key with the AOSP test-key subject', async (t) => {
  if (!requireTool(t, 'openssl') || !requireTool(t, 'apksigner')) return;
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-aosp-key-'));
  try {
    const subject =
      '/C=US/ST=California/L=Mountain View/O=Android/OU=Android/CN=Android/emailAddress=android@android.com';
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        subject,
        '-days',
        '10000',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    execFileSync(
      'openssl',
      [
        'pkcs8',
        '-topk8',
        '-nocrypt',
        '-outform',
        'DER',
        '-in',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'key.pk8'),
      ],
      { stdio: 'pipe' },
    );
    const unsigned = buildFixture({ manifest: manifestXml({ minSdk: 24 }), sign: 'none' });
    const out = join(dir, 'signed.apk');
    execFileSync(
      'apksigner',
      ['sign', '--key', join(dir, 'key.pk8'), '--cert', join(dir, 'cert.pem'), '--out', out, unsigned.path],
      { stdio: 'pipe' },
    );
    const f = findingsOf(await auditBytes(readFileSync(out), [check]), check.id);
    assert.equal(f.length, 1);
    assert.equal(f[0].messageId, 'aospTestKey');
    assert.equal(f[0].confidence, 'medium');
    assert.match(f[0].message, /emailAddress=android@android\.com/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
