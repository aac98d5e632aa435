import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import type { Evidence } from '../../../core/findings.js';
import { signerEvidence, signers } from './lib/signers.js';

/** The last API level without the Janus fix in its base image (Android 8.0 = 26; 8.1 shipped patched). */
const JANUS_LAST_UNPATCHED_API = 26;

/**
 * A v1-only APK is protected entry by entry: bytes before the zip (a whole DEX, CVE-2017-13156
 * "Janus") are not covered, and Android 5.0–8.0 runs that DEX instead of the signed one.
 */
export default defineAndroidCheck({
  id: 'AND-SIGN-002',
  name: 'janus-v1-only',
  title: 'APK is signed only with the v1 (JAR) scheme',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-2', 'MASVS-CODE-4'], cwe: [347], figi: [] },
  needs: ['signing', 'manifest'],
  messages: {
    janus:
      'The APK carries only a v1 (JAR) signature and supports Android API {min}: on Android 5.0–8.0 devices (API 21–26) a DEX prepended to this signed APK runs as the app (Janus, CVE-2017-13156), keeping its identity and data.',
    v1Only:
      'The APK carries only a v1 (JAR) signature: v1 does not cover the zip structure or the bytes outside entries, and Android 11+ refuses v1-only APKs that target API 30 or higher.',
  },
  remediation:
    'Sign with APK Signature Scheme v2 and v3 as well as v1 (apksigner sign --v2-signing-enabled true --v3-signing-enabled true, or the Android Gradle Plugin defaults), and raise minSdkVersion to 24+ so every supported device checks the whole-file signature.',
  run(ctx, report) {
    const signing = ctx.apk.signing;
    if (!signing || !signing.v1.present) return;
    if (signing.v2.present || signing.v3.present || signing.v31.present) return;
    const min = ctx.minSdk;
    const evidence: Evidence[] = [];
    const first = signers(signing)[0];
    evidence.push(
      first
        ? signerEvidence(ctx.apk, first, 'the only signature scheme in the APK')
        : { kind: 'file', file: 'META-INF/MANIFEST.MF', snippet: 'v1 (JAR) signature data; no v2/v3 block' },
    );
    const minAttr = ctx.manifest?.sdk.minAttr;
    if (min <= JANUS_LAST_UNPATCHED_API) {
      if (minAttr) evidence.push(manifestEvidence(minAttr));
      report({ messageId: 'janus', data: { min }, evidence });
      return;
    }
    report({ messageId: 'v1Only', evidence, severity: 'medium' });
  },
});
