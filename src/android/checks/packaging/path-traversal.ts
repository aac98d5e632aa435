import { defineAndroidCheck } from '../../audit/context.js';
import { anomalyEvidence, zipAnomalies } from './lib/anomalies.js';

/**
 * Entry names with '..', absolute paths or backslashes: harmless to the package manager, but code
 * (in the app, an SDK or an updater) that unzips the APK or its assets can be made to write outside
 * its folder ("Zip Slip").
 */
export default defineAndroidCheck({
  id: 'AND-PKG-004',
  name: 'zip-path-traversal',
  title: 'APK entry name escapes its folder',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-4'], cwe: [22], figi: [] },
  needs: ['zip'],
  messages: {
    traversal:
      'Entry {name} {detail}: any extractor that joins it to a folder without checking writes outside that folder (Zip Slip); legitimate build tools never produce such names.',
  },
  remediation:
    'Remove the entry and rebuild with the official toolchain. Code that unzips archives must resolve each entry against the target folder and reject names that leave it (canonical path check).',
  run(ctx, report) {
    for (const a of zipAnomalies(ctx.apk, 'path-traversal')) {
      const name = a.file ?? '?';
      const quotedName = JSON.stringify(name);
      const detail = a.message.startsWith(`entry name ${quotedName} `)
        ? a.message.slice(`entry name ${quotedName} `.length)
        : a.message;
      report({ messageId: 'traversal', data: { name: quotedName, detail }, evidence: anomalyEvidence(a) });
    }
  },
});
