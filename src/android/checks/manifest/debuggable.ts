import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';

/**
 * android:debuggable="true" lets anyone with USB access attach a debugger, read the app's
 * private files with run-as and change its memory: for a wallet, PINs and tokens in the clear.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-001',
  name: 'debuggable',
  title: 'Application is debuggable',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-4', 'MASVS-CODE-4'], cwe: [489], figi: ['FIGI-APP-T1.2'] },
  needs: ['manifest'],
  messages: {
    explicit:
      '<application> sets android:debuggable="true": a debugger can attach and run-as can read the private data of this release.',
  },
  remediation:
    'Remove android:debuggable from the manifest (release builds default to false) and build the store release with a release build type; check the published APK, not the source.',
  run(ctx, report) {
    const flag = ctx.manifest?.application?.debuggable;
    if (flag && flag.value === true) report({ messageId: 'explicit', evidence: manifestEvidence(flag) });
  },
});
