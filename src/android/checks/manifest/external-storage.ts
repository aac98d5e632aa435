import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import { valueOf } from './lib/util.js';

const WRITE = 'android.permission.WRITE_EXTERNAL_STORAGE';
const MANAGE = 'android.permission.MANAGE_EXTERNAL_STORAGE';
/** Android 10: scoped storage; Android 11 ignores requestLegacyExternalStorage for apps targeting 30+. */
const ANDROID_10 = 29;
/** Android 4.4: an app writes its own external dirs without a permission. */
const KITKAT = 19;

/**
 * Shared external storage is readable by other apps with storage access (FIGI T2.1): a wallet
 * that can write there can leak statements, receipts, logs or exports to them.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-013',
  name: 'external-storage-permission',
  title: 'App can write to shared external storage',
  severity: 'low',
  confidence: 'medium',
  refs: { masvs: ['MASVS-STORAGE-2'], cwe: [922], figi: ['FIGI-APP-T2.1'] },
  needs: ['manifest'],
  messages: {
    write:
      'The app requests {permission}{max}: on devices before Android 10 (and on later ones while legacy storage applies) it can write files to shared storage, where any app with storage access reads them.',
    legacy:
      '<application> sets android:requestLegacyExternalStorage="true" (targetSdk {target}): the app opts out of scoped storage on Android 10 and keeps full shared-storage access.',
    manage:
      'The app requests {permission}: "all files access" reads and writes the whole shared storage; Google Play allows it only for file managers and similar apps.',
  },
  remediation:
    'Keep wallet data in internal storage (Context.getFilesDir(), EncryptedFile). Drop WRITE_EXTERNAL_STORAGE, or limit it with android:maxSdkVersion="18" if only the app-specific external directory is used; export user documents through the Storage Access Framework or MediaStore. Remove requestLegacyExternalStorage and MANAGE_EXTERNAL_STORAGE.',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m) return;
    for (const up of m.usesPermissions) {
      if (up.name !== WRITE && up.name !== MANAGE) continue;
      const ev = up.nameAttr ? manifestEvidence(up.nameAttr) : manifestEvidence(up.at);
      if (up.name === MANAGE) {
        report({
          messageId: 'manage',
          data: { permission: up.name, max: '' },
          evidence: ev,
          severity: 'medium',
        });
        continue;
      }
      const max = valueOf(up.maxSdkVersion);
      if (max !== undefined && (max < ctx.minSdk || max <= KITKAT - 1)) continue; // only the app's own directory on supported devices
      report({
        messageId: 'write',
        data: { permission: up.name, max: max !== undefined ? ` (up to API ${max})` : '' },
        evidence: ev,
      });
    }
    const legacy = m.application?.requestLegacyExternalStorage;
    if (legacy && valueOf(legacy) === true && ctx.targetSdk === ANDROID_10) {
      report({ messageId: 'legacy', data: { target: ctx.targetSdk }, evidence: manifestEvidence(legacy) });
    }
  },
});
