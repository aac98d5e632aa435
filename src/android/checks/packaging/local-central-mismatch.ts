import { defineAndroidCheck } from '../../audit/context.js';
import { anomalyEvidence, zipAnomalies } from './lib/anomalies.js';

/**
 * A local header that names another file or method than its central record: readers that walk
 * local headers (old verifiers, some unzip tools) see different content than Android's loader.
 */
export default defineAndroidCheck({
  id: 'AND-PKG-003',
  name: 'local-central-mismatch',
  title: 'Zip local header disagrees with the central directory',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-2', 'MASVS-CODE-4'], cwe: [347], figi: [] },
  needs: ['zip'],
  messages: {
    mismatch:
      "Entry {name}: {detail}. Tools that read local headers and Android's loader (central directory) see different files, the shape of the signature-bypass bugs 9695860 and 9950697.",
    minor:
      'Entry {name}: {detail}. Harmless to Android but unusual; it suggests the APK was edited after it was built.',
  },
  remediation:
    'Rebuild the APK with the official toolchain (aapt2/bundletool, zipalign, apksigner); do not post-process the zip. An APK like this that you did not build yourself was tampered with.',
  run(ctx, report) {
    for (const a of zipAnomalies(ctx.apk, 'local-central-mismatch')) {
      const serious = a.severity === 'error';
      report({
        messageId: serious ? 'mismatch' : 'minor',
        data: { name: JSON.stringify(a.file ?? '?'), detail: a.message },
        evidence: anomalyEvidence(a),
        ...(serious ? {} : { severity: 'low' as const }),
      });
    }
  },
});
