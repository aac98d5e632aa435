import { defineAndroidCheck } from '../../audit/context.js';
import { describeCert, signerEvidence, signingCertificates } from './lib/signers.js';

/** NIST SP 800-57 / BSI: the smallest sizes still considered secure. */
const MIN_RSA_BITS = 2048;
const MIN_EC_BITS = 256;
const MIN_DSA_BITS = 2048;

/**
 * The signing key is the app's identity for its whole life: whoever can factor or forge with it
 * ships "updates" that inherit the app's data and permissions. 1024-bit RSA is within reach.
 */
export default defineAndroidCheck({
  id: 'AND-SIGN-006',
  name: 'weak-signing-key',
  title: 'APK signing key is too small',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-2', 'MASVS-CRYPTO-1'], cwe: [326], figi: [] },
  needs: ['signing'],
  messages: {
    small:
      'The APK is signed with a {bits}-bit {alg} key ({cert}); {alg} keys below {min} bits are considered breakable, and a forged signature passes as an update from you.',
    dsa: 'The APK is signed with a DSA key ({cert}); DSA is deprecated for new signatures (FIPS 186-5) and brittle with a weak random source.',
  },
  remediation:
    'Move to a new RSA 3072-bit or EC P-256 key: use APK Signature Scheme v3 key rotation (apksigner rotate, then sign with the lineage) or Play App Signing key upgrade, so installed apps accept updates signed with the new key.',
  run(ctx, report) {
    const signing = ctx.apk.signing;
    if (!signing) return;
    for (const { cert, at } of signingCertificates(signing)) {
      const bits = cert.keySize;
      const alg = cert.keyAlgorithm;
      const min =
        alg === 'RSA' ? MIN_RSA_BITS : alg === 'EC' ? MIN_EC_BITS : alg === 'DSA' ? MIN_DSA_BITS : undefined;
      const evidence = signerEvidence(
        ctx.apk,
        at,
        `${alg}${bits ? ` ${bits}-bit` : ''} key, certificate ${cert.subject}`,
      );
      if (min !== undefined && bits !== undefined && bits < min) {
        report({ messageId: 'small', data: { bits, alg, min, cert: describeCert(cert) }, evidence });
        continue;
      }
      if (alg === 'DSA')
        report({ messageId: 'dsa', data: { cert: describeCert(cert) }, evidence, severity: 'low' });
    }
  },
});
