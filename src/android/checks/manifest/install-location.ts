import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import { valueOf } from './lib/util.js';

/**
 * android:installLocation="preferExternal" or "auto" lets the system move the APK (and on old
 * devices its data containers) to removable storage (FIGI T1.3).
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-014',
  name: 'install-location',
  title: 'App may be installed on external storage',
  severity: 'low',
  confidence: 'high',
  refs: { masvs: ['MASVS-STORAGE-1'], cwe: [922], figi: ['FIGI-APP-T1.3'] },
  needs: ['manifest'],
  messages: {
    external:
      '<manifest> sets android:installLocation="{value}": the app can be installed on or moved to external storage (SD card), where the APK can be read or replaced on devices without adoptable-storage encryption.',
  },
  remediation:
    'Remove android:installLocation (the default is internalOnly) or set it to "internalOnly" so the wallet always installs on internal, encrypted storage.',
  run(ctx, report) {
    const attr = ctx.manifest?.installLocation;
    const v = valueOf(attr);
    if (!attr || (v !== 'auto' && v !== 'preferExternal')) return;
    report({
      messageId: 'external',
      data: { value: v },
      evidence: manifestEvidence(attr),
    });
  },
});
