import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import type { Evidence } from '../../../core/findings.js';
import { schemeEvidence } from './lib/signers.js';

/** Android 7.0: the first release that verifies APK Signature Scheme v2. */
const V2_FIRST_API = 24;
/** Android 9: the first release that verifies v3. */
const V3_FIRST_API = 28;

/**
 * Without a v1 signature, Android 6.0 and older (which only know v1) refuse to install the APK,
 * although the manifest claims to support them: users there cannot install or update.
 */
export default defineAndroidCheck({
  id: 'AND-SIGN-003',
  name: 'no-v1-old-min-sdk',
  title: 'No v1 signature although minSdkVersion is below 24',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-2'], cwe: [347], figi: [] },
  needs: ['signing', 'manifest'],
  messages: {
    noV1: 'minSdkVersion is {min} but the APK has no v1 (JAR) signature, only {schemes}: devices on {range} cannot verify it, so the app does not install or update on devices the manifest claims to support.',
  },
  remediation:
    'Either keep v1 signing enabled next to v2/v3 (apksigner and the Android Gradle Plugin do this automatically for minSdkVersion < 24), or raise minSdkVersion to the oldest release that understands the schemes you sign with (24 for v2, 28 for v3-only).',
  run(ctx, report) {
    const signing = ctx.apk.signing;
    if (!signing || signing.v1.present) return;
    const has = { v2: signing.v2.present, v3: signing.v3.present || signing.v31.present };
    if (!has.v2 && !has.v3) return; // unsigned: AND-SIGN-004
    const min = ctx.minSdk;
    const needed = has.v2 ? V2_FIRST_API : V3_FIRST_API;
    if (min >= needed) return;
    const names = [
      has.v2 ? 'v2' : '',
      signing.v3.present ? 'v3' : '',
      signing.v31.present ? 'v3.1' : '',
    ].filter(Boolean);
    const evidence: Evidence[] = [];
    const minAttr = ctx.manifest?.sdk.minAttr;
    if (minAttr) evidence.push(manifestEvidence(minAttr));
    evidence.push(
      schemeEvidence(
        ctx.apk,
        has.v2 ? 'v2' : 'v3',
        `APK Signature Scheme ${names.join(' + ')} block; no META-INF/*.SF`,
      ),
    );
    report({
      messageId: 'noV1',
      data: {
        min,
        schemes: names.join(' + '),
        range: min === needed - 1 ? `API ${min}` : `API ${min} to ${needed - 1}`,
      },
      evidence,
    });
  },
});
