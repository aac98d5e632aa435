import { isDfslabError } from '../../../core/errors.js';
import { defineAndroidCheck } from '../../audit/context.js';
import type { Apk } from '../../apk.js';
import { signerEvidence, signingCertificates } from './lib/signers.js';

const DIGEST_ATTR = /^([A-Za-z0-9-]+)-Digest(?:-Manifest(?:-Main-Attributes)?)?:/gm;
const STRONG = new Set(['SHA-256', 'SHA-384', 'SHA-512']);
const WEAK_CERT_SIGNATURE = /^(md2|md4|md5|sha1)With/i;

type SfDigests = { file: string; algorithms: Set<string>; firstOffset: number; firstLine: string };

/** The digest algorithms a v1 .SF file names (`SHA1-Digest-Manifest:`, `SHA-256-Digest:` …). */
function sfDigests(apk: Apk, blockName: string): SfDigests | undefined {
  const dot = blockName.lastIndexOf('.');
  const file = `META-INF/${dot > 0 ? blockName.slice(0, dot) : blockName}.SF`;
  let data: Uint8Array | undefined;
  try {
    data = apk.entry(file);
  } catch (err) {
    if (!isDfslabError(err)) throw err;
    return undefined; // unreadable .SF: AND-SIGN-004 reports the broken signature
  }
  if (!data) return undefined;
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  const algorithms = new Set<string>();
  let firstOffset = -1;
  let firstLine = '';
  for (const m of text.matchAll(DIGEST_ATTR)) {
    const alg = m[1].toUpperCase().replace(/^SHA1$/, 'SHA-1');
    algorithms.add(alg);
    if (firstOffset < 0) {
      firstOffset = m.index;
      const end = text.indexOf('\n', m.index);
      firstLine = text.slice(m.index, end < 0 ? undefined : end).trim();
    }
  }
  return { file, algorithms, firstOffset, firstLine };
}

/**
 * SHA-1 and MD5 no longer resist collisions: a v1 signature that only digests with them lets an
 * attacker craft a second file with the same digest. Only matters where the platform checks v1.
 */
export default defineAndroidCheck({
  id: 'AND-SIGN-005',
  name: 'weak-signature-digest',
  title: 'Signature relies on a broken digest algorithm',
  severity: 'low',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-2', 'MASVS-CRYPTO-1'], cwe: [327, 328], figi: [] },
  needs: ['signing'],
  messages: {
    v1Digest:
      'The v1 signature {file} digests entries only with {algorithms}, and the v1 scheme is what devices from API {min} check: collisions in {algorithms} let a modified entry keep a valid digest.',
    certSignature:
      'The signing certificate {subject} is self-signed with {algorithm}: Android does not check this self-signature, but it marks a key generated with an obsolete toolchain that likely also signs with SHA-1.',
  },
  remediation:
    'Sign with apksigner (v2 + v3, which digest with SHA-256 or stronger) and keep v1 only for devices below API 24; set minSdkVersion >= 18 so v1 uses SHA-256. When the key itself is old (SHA-1/MD5 certificate, 1024-bit), rotate to a new RSA 3072 or EC P-256 key with APK Signature Scheme v3 rotation or Play App Signing.',
  run(ctx, report) {
    const signing = ctx.apk.signing;
    if (!signing) return;
    if (signing.v1.present && signing.v1.checked) {
      for (const signer of signing.v1.signers) {
        if (!signer.name) continue;
        const sf = sfDigests(ctx.apk, signer.name);
        if (!sf || sf.algorithms.size === 0 || [...sf.algorithms].some((a) => STRONG.has(a))) continue;
        const algorithms = [...sf.algorithms].sort().join(' and ');
        report({
          messageId: 'v1Digest',
          data: { file: sf.file, algorithms, min: signing.minSdkVersion },
          evidence: {
            kind: 'file',
            file: sf.file,
            byteOffset: sf.firstOffset,
            length: sf.firstLine.length,
            snippet: sf.firstLine,
          },
          ...(sf.algorithms.has('MD5') ? { severity: 'medium' as const } : {}),
        });
      }
    }
    for (const { cert, at } of signingCertificates(signing)) {
      if (!WEAK_CERT_SIGNATURE.test(cert.signatureAlgorithm)) continue;
      report({
        messageId: 'certSignature',
        data: { subject: cert.subject, algorithm: cert.signatureAlgorithm },
        evidence: signerEvidence(
          ctx.apk,
          at,
          `certificate signature algorithm ${cert.signatureAlgorithm} (${cert.signatureAlgorithmOid})`,
        ),
      });
    }
  },
});
