import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import { valueOf } from './lib/util.js';

/**
 * android:sharedUserId runs the app under one Linux uid with every other app signed by the same
 * key that declares the same id: they read each other's private files. Deprecated in API 29.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-015',
  name: 'shared-user-id',
  title: 'App shares its Linux user id with other apps',
  severity: 'low',
  confidence: 'high',
  refs: { masvs: ['MASVS-PLATFORM-1', 'MASVS-STORAGE-2'], cwe: [250], figi: [] },
  needs: ['manifest'],
  messages: {
    shared:
      '<manifest> sets android:sharedUserId="{value}": every app signed with the same key that declares this id shares the wallet\'s uid, private files and permissions (deprecated since API 29, and it cannot be removed later without losing data).',
  },
  remediation:
    'Do not ship a shared user id in the wallet. Exchange data with sibling apps through a content provider or bound service protected by a signature permission. New apps must not add sharedUserId (it cannot be removed from an installed app without data loss; API 33 adds android:sharedUserMaxSdkVersion for migration).',
  run(ctx, report) {
    const attr = ctx.manifest?.sharedUserId;
    const v = valueOf(attr);
    if (!attr || !v) return;
    report({ messageId: 'shared', data: { value: v }, evidence: manifestEvidence(attr) });
  },
});
