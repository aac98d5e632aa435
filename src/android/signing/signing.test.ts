import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isDfslabError, LimitError } from '../../core/errors.js';
import { withLimits } from '../../core/limits.js';
import { readZip } from '../zip/read.js';
import { SHARED_APKS } from '../../../test/helpers.js';
import { findPair, findSigningBlock } from './sigblock.js';
import { verifyApkSignatures } from './verify.js';

const DIR = join(SHARED_APKS, 'androguard/APK/apksig');
const HAVE = existsSync(DIR);
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));

function verify(bytes: Uint8Array, minSdkVersion = 24, maxSdkVersion?: number) {
  return verifyApkSignatures(bytes, readZip(bytes), { minSdkVersion, maxSdkVersion });
}

/** Offset of the v2 block value inside the APK. */
function v2Offset(bytes: Uint8Array): number {
  const zip = readZip(bytes);
  const found = findSigningBlock(bytes, zip, withLimits().signing);
  assert.ok('block' in found);
  const pair = findPair(found.block, 0x7109871a);
  assert.ok('value' in pair);
  return pair.offset;
}

describe('verifyApkSignatures', { skip: !HAVE && 'shared APKs missing' }, () => {
  it("leaves the caller's bytes as they were, a Buffer included (the v2 digest patches a copy of the EOCD)", () => {
    const file = readFileSync(join(DIR, 'v2-only-with-rsa-pkcs1-sha256-2048.apk'));
    const before = Buffer.from(file);
    assert.equal(verifyApkSignatures(file, readZip(file), { minSdkVersion: 24 }).v2.verified, true);
    assert.ok(file.equals(before), 'the file bytes changed');
  });

  it('verifies a v2 signature and describes the certificate', () => {
    const r = verify(load('v2-only-with-rsa-pkcs1-sha256-2048.apk'));
    assert.equal(r.verified, true);
    assert.equal(r.v2.verified, true);
    assert.equal(r.v1.checked, false);
    const c = r.signerCertificates[0];
    assert.equal(c.subject, 'CN=rsa-2048');
    assert.equal(c.keyAlgorithm, 'RSA');
    assert.equal(c.keySize, 2048);
    assert.match(c.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(Object.keys(r.contentDigests), ['CHUNKED_SHA256']);
  });

  it('needs v1 below API 24: a v2-only APK fails with minSdk 23', () => {
    const r = verify(load('v2-only-with-rsa-pkcs1-sha256-2048.apk'), 23);
    assert.equal(r.verified, false);
    assert.ok(r.errors.some((e) => e.code === 'JAR_SIG_NO_MANIFEST'));
  });

  it('verifies v1 for old platforms and reads EC keys', () => {
    const r = verify(load('v1-only-with-ecdsa-sha1-1.2.840.10045.4.1-p256.apk'), 18);
    assert.equal(r.v1.verified, true, JSON.stringify(r.errors));
    assert.equal(r.signerCertificates[0].keyAlgorithm, 'EC');
    assert.equal(r.signerCertificates[0].keySize, 256);
  });

  it('reports the v3 lineage', () => {
    const r = verify(load('v1v2v3-with-rsa-2048-lineage-3-signers.apk'), 28);
    assert.equal(r.v3.verified, true, JSON.stringify(r.errors));
    assert.equal(r.v3.lineage?.length, 3);
    assert.equal(r.v3.lineage?.[2].certificate.sha256, r.signerCertificates[0].sha256);
  });

  it('a flipped byte in signed data fails the signature', () => {
    const b = load('v2-only-with-rsa-pkcs1-sha256-2048.apk');
    const o = v2Offset(b);
    // signers(4) signer(4) signedData(4) digests(4) digest(4) algId(4) digestLen(4): first digest byte.
    b[o + 28] ^= 0xff;
    const r = verify(b);
    assert.equal(r.verified, false);
    assert.ok(
      r.errors.some((e) => e.code === 'V2_SIG_DID_NOT_VERIFY'),
      JSON.stringify(r.errors),
    );
  });

  it('a flipped content byte fails the content digest', () => {
    const b = load('v2-only-with-rsa-pkcs1-sha256-2048.apk');
    b[40] ^= 0x01;
    const r = verify(b);
    assert.equal(r.verified, false);
    assert.ok(
      r.errors.some((e) => e.code === 'V2_SIG_APK_DIGEST_DID_NOT_VERIFY'),
      JSON.stringify(r.errors),
    );
  });

  it('a wrong magic, a size mismatch or a huge size means no signing block', () => {
    const orig = load('v2-only-with-rsa-pkcs1-sha256-2048.apk');
    const zip = readZip(orig);
    const footer = zip.cdOffset - 24;
    const cases: [string, (b: Uint8Array) => void, RegExp | undefined][] = [
      ['magic', (b) => (b[footer + 8] ^= 1), undefined],
      ['header size', (b) => (b[findBlockStart(orig)] ^= 1), /sizes in header and footer do not match/],
      ['huge footer size', (b) => b.fill(0xff, footer, footer + 8), /size out of range/],
    ];
    for (const [what, mutate, anomaly] of cases) {
      const b = new Uint8Array(orig);
      mutate(b);
      const r = verify(b);
      assert.equal(r.v2.present, false, what);
      assert.equal(r.verified, false, what);
      if (anomaly) assert.match(r.anomalies.map((a) => a.message).join(), anomaly, what);
    }
  });

  it('a pair with a huge length hides the scheme blocks after it', () => {
    const b = load('v2-only-with-rsa-pkcs1-sha256-2048.apk');
    const start = findBlockStart(b);
    new DataView(b.buffer, b.byteOffset).setUint32(start + 8, 0xfffffff0, true);
    const r = verify(b);
    assert.equal(r.v2.verified, false);
    assert.equal(r.verified, false);
  });

  it('refuses a signing block over the size limit with LimitError', () => {
    const b = load('v2-only-with-rsa-pkcs1-sha256-2048.apk');
    assert.throws(
      () =>
        verifyApkSignatures(b, readZip(b), {
          minSdkVersion: 24,
          limits: { maxBlockSize: 64, maxSigners: 8, maxCerts: 8 },
        }),
      (e) => e instanceof LimitError,
    );
  });

  it('detects v2 stripping through the JAR X-Android-APK-Signed header', () => {
    const r = verify(load('v2-stripped.apk'), 18);
    assert.equal(r.verified, false);
    assert.ok(
      r.errors.some((e) => e.code === 'JAR_SIG_MISSING_APK_SIG_REFERENCED'),
      JSON.stringify(r.errors),
    );
  });

  it('only typed errors escape on mutated signed APKs (fixed seed)', () => {
    const inputs = [
      'v1v2v3-with-rsa-2048-lineage-3-signers.apk',
      'v2-only-two-signers.apk',
      'golden-aligned-v1v2v3-out.apk',
    ].map(load);
    const mutation = fc.record({
      kind: fc.constantFrom('flip', 'huge', 'truncate', 'zero'),
      where: fc.double({ min: 0.5, max: 1, noNaN: true }),
      value: fc.nat(255),
    });
    fc.assert(
      fc.property(
        fc.nat(inputs.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (i, muts) => {
          let b = new Uint8Array(inputs[i]);
          for (const m of muts) {
            const at = Math.min(b.length - 1, Math.floor(m.where * b.length));
            if (m.kind === 'flip') b[at] ^= m.value | 1;
            else if (m.kind === 'zero') b[at] = 0;
            else if (m.kind === 'huge') b.fill(0xff, at, Math.min(b.length, at + 4));
            else b = b.subarray(0, at);
          }
          try {
            const r = verifyApkSignatures(b, readZip(b), { minSdkVersion: 1 });
            assert.equal(typeof r.verified, 'boolean');
          } catch (e) {
            if (!isDfslabError(e)) throw e;
          }
        },
      ),
      { seed: 20261125, numRuns: 400 },
    );
  });
});

function findBlockStart(b: Uint8Array): number {
  const zip = readZip(b);
  const found = findSigningBlock(b, zip, withLimits().signing);
  assert.ok('block' in found);
  return found.block.offset;
}
