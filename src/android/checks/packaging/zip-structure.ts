import { defineAndroidCheck } from '../../audit/context.js';
import { anomalyEvidence, zipAnomalies } from './lib/anomalies.js';

/**
 * Zip layouts no build tool writes: entries sharing bytes (zip bombs, polyglots), an entry
 * running into the central directory, or central records hidden after the declared count.
 */
export default defineAndroidCheck({
  id: 'AND-PKG-005',
  name: 'zip-structure-tampering',
  title: 'Zip structure was crafted by hand',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-2', 'MASVS-CODE-4'], cwe: [347], figi: [] },
  needs: ['zip'],
  messages: {
    overlap:
      'Entry {name} shares bytes with another entry ({detail}): an overlapping-entry zip, used for zip bombs and to show tools different content.',
    intoCd:
      'Entry {name} runs into the central directory ({detail}): a crafted zip that tools parse differently.',
    hiddenRecords:
      'The central directory holds records beyond the count the end record declares ({detail}): some tools list entries that others hide.',
  },
  remediation:
    'Rebuild the APK with the official toolchain (aapt2/bundletool, zipalign, apksigner) and distribute only that file; an APK with this layout was produced or modified by something else.',
  run(ctx, report) {
    const ids = {
      'overlapping-entries': 'overlap',
      'entry-overlaps-central-directory': 'intoCd',
      'central-directory-size-mismatch': 'hiddenRecords',
    } as const;
    for (const a of zipAnomalies(
      ctx.apk,
      'overlapping-entries',
      'entry-overlaps-central-directory',
      'central-directory-size-mismatch',
    )) {
      if (a.severity !== 'error') continue;
      const messageId = ids[a.code as keyof typeof ids];
      report({
        messageId,
        data: { name: JSON.stringify(a.file ?? '?'), detail: a.message },
        evidence: anomalyEvidence(a),
      });
    }
  },
});
