import { defineAndroidCheck } from '../../audit/context.js';
import type { CertificateInfo } from '../../signing/index.js';
import { describeCert, dnAttributes, signerEvidence, signingCertificates } from './lib/signers.js';

/** The subject the Android build tools give the auto-generated debug key (~/.android/debug.keystore). */
function isAndroidDebug(c: CertificateInfo): boolean {
  const dn = dnAttributes(c.subject);
  return dn.get('CN') === 'Android Debug' && dn.get('O') === 'Android';
}

/** The subject of the AOSP test keys (build/target/product/security: testkey, platform, shared, media). */
function isAospTestKey(c: CertificateInfo): boolean {
  const dn = dnAttributes(c.subject);
  const email = dn.get('EMAILADDRESS') ?? dn.get('E') ?? dn.get('1.2.840.113549.1.9.1');
  return (
    dn.get('CN') === 'Android' &&
    dn.get('O') === 'Android' &&
    dn.get('L') === 'Mountain View' &&
    email === 'android@android.com'
  );
}

/** Words a certificate uses to say it is not a release key ('TEST KEY', 'NOT SECRET', 'do not ship'). */
const SELF_DECLARED_TEST =
  /\b(test|debug|sample|demo|dummy)[ _-]?(key|cert(ificate)?|only)\b|\bnot[ _-]secret\b|\bdo[ _-]not[ _-](use|ship|release|publish)\b/i;

function declaresTest(c: CertificateInfo): boolean {
  return [...dnAttributes(c.subject).values()].some((v) => SELF_DECLARED_TEST.test(v));
}

/**
 * A debug key is generated on every developer machine and never protected: anyone holding a copy
 * of that machine's keystore can sign an "update" the phone accepts. The AOSP test keys are public.
 */
export default defineAndroidCheck({
  id: 'AND-SIGN-001',
  name: 'debug-certificate',
  title: 'APK is signed with a debug or public test key',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-2', 'MASVS-CODE-4'], cwe: [321], figi: [] },
  needs: ['signing'],
  messages: {
    androidDebug:
      "The APK is signed with an Android debug certificate {cert}: the key sits unprotected in a developer's debug.keystore, so whoever copies it can ship updates that replace this app.",
    aospTestKey:
      'The APK is signed with a certificate carrying the AOSP test-key subject {cert}: the AOSP test keys are published, and anyone can sign an update or a same-signature app with them.',
    selfDeclaredTest:
      'The APK is signed with a certificate whose own subject says it is a test key ({cert}): test keys are shared and stored without protection, so others may hold it and sign updates.',
  },
  remediation:
    'Sign store releases with a dedicated release key kept in an HSM or Play App Signing, never with ~/.android/debug.keystore or the AOSP test keys. An app already shipped with a debug key can move to a new key with APK Signature Scheme v3 key rotation (apksigner rotate) or Play App Signing key upgrade.',
  run(ctx, report) {
    const signing = ctx.apk.signing;
    if (!signing) return;
    for (const { cert, at } of signingCertificates(signing)) {
      const messageId = isAndroidDebug(cert)
        ? 'androidDebug'
        : isAospTestKey(cert)
          ? 'aospTestKey'
          : declaresTest(cert)
            ? 'selfDeclaredTest'
            : undefined;
      if (!messageId) continue;
      report({
        messageId,
        data: { cert: describeCert(cert) },
        evidence: signerEvidence(ctx.apk, at, `certificate ${cert.subject}, SHA-256 ${cert.sha256}`),
        ...(messageId === 'androidDebug' ? {} : { confidence: 'medium' as const }),
      });
    }
  },
});
