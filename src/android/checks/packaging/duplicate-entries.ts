import { defineAndroidCheck } from '../../audit/context.js';
import { anomalyEvidence, zipAnomalies } from './lib/anomalies.js';

/**
 * Two entries with one name: the signature verifier and the loader may each pick a different one
 * (Android bug 8219321, "Master Key"), so unsigned code can run under a valid signature.
 */
export default defineAndroidCheck({
  id: 'AND-PKG-001',
  name: 'duplicate-zip-entries',
  title: 'APK contains duplicate zip entries',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-2', 'MASVS-CODE-4'], cwe: [347], figi: [] },
  needs: ['zip'],
  messages: {
    duplicate:
      'The APK holds the entry {name} {count} times: tools and Android versions disagree on which copy counts (the "Master Key" bug 8219321 class), so what was signed and reviewed may not be what runs.',
  },
  remediation:
    'Rebuild the APK with the official toolchain (aapt2/bundletool, zipalign, apksigner): they never write duplicate names. An APK with duplicates that you did not build this way was repackaged; do not distribute it.',
  run(ctx, report) {
    const byName = new Map<string, ReturnType<typeof zipAnomalies>>();
    for (const a of zipAnomalies(ctx.apk, 'duplicate-entry')) {
      const name = a.file ?? '?';
      byName.set(name, [...(byName.get(name) ?? []), a]);
    }
    for (const [name, dups] of byName) {
      const first = ctx.apk.zip.byName.get(name);
      const evidence = dups.map((a) => anomalyEvidence(a));
      if (first)
        evidence.unshift({
          kind: 'file',
          file: '<apk>',
          byteOffset: first.centralOffset,
          snippet: `${name}: first copy (central record), used by Android`,
        });
      report({
        messageId: 'duplicate',
        data: { name: JSON.stringify(name), count: dups.length + 1 },
        evidence,
      });
    }
  },
});
