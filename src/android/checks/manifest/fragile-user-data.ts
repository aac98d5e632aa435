import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import { valueOf } from './lib/util.js';

/**
 * android:hasFragileUserData="true" (Android 10+) offers the user to keep the app's data when
 * uninstalling: the wallet's files then outlive the app on the device.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-017',
  name: 'fragile-user-data',
  title: 'App data can be kept after uninstall',
  severity: 'low',
  confidence: 'high',
  refs: { masvs: ['MASVS-STORAGE-2'], cwe: [922], figi: [] },
  needs: ['manifest'],
  messages: {
    keep: '<application> sets android:hasFragileUserData="true": on uninstall Android offers to keep the app data, so tokens, databases and preferences can stay on the device after the wallet is removed.',
  },
  remediation:
    'Remove android:hasFragileUserData from a wallet: data left behind after uninstall (session tokens, transaction caches) stays readable by a later install of the same package.',
  run(ctx, report) {
    const attr = ctx.manifest?.application?.hasFragileUserData;
    if (attr && valueOf(attr) === true) report({ messageId: 'keep', evidence: manifestEvidence(attr) });
  },
});
