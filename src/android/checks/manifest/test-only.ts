import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import { valueOf } from './lib/util.js';

/**
 * android:testOnly="true" marks a build meant for `adb install -t` only: it is what Android
 * Studio's "Run" produces. A published APK carrying it is a development build (usually also
 * with debug settings), and the flag itself lets the app be installed next to test tooling.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-002',
  name: 'test-only',
  title: 'Application is marked testOnly',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-4', 'MASVS-RESILIENCE-4'], cwe: [489], figi: ['FIGI-APP-T1.2'] },
  needs: ['manifest'],
  messages: {
    explicit:
      '<application> sets android:testOnly="true": this is a development build (installable only with adb install -t), not a store release.',
  },
  remediation:
    'Publish the APK/AAB produced by the release build (Build > Generate Signed Bundle / assembleRelease); never distribute the APK that Android Studio installs with "Run". Remove android:testOnly from the manifest.',
  run(ctx, report) {
    const flag = ctx.manifest?.application?.testOnly;
    if (flag && valueOf(flag) === true) report({ messageId: 'explicit', evidence: manifestEvidence(flag) });
  },
});
