import { defineAndroidCheck } from '../../audit/context.js';
import { anomalyEvidence, zipAnomalies } from './lib/anomalies.js';

/**
 * Bytes before the first zip entry. When they are a DEX, this is the Janus shape
 * (CVE-2017-13156): a v1-signed APK still verifies, and Android 5.0–8.0 runs the prepended DEX.
 */
export default defineAndroidCheck({
  id: 'AND-PKG-002',
  name: 'zip-prefix-data',
  title: 'Data before the start of the zip (Janus)',
  severity: 'critical',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-2', 'MASVS-CODE-4'], cwe: [347], figi: [] },
  needs: ['zip'],
  messages: {
    dex: "The APK starts with {length} bytes of DEX before its first zip entry: this is the Janus attack file (CVE-2017-13156); on Android 5.0–8.0 a v1-verified APK runs this DEX instead of the app's code.",
    other:
      'The APK has {length} bytes before its first zip entry; Android ignores them, but they are outside every signature scheme except v2+ and are a common way to smuggle payloads.',
  },
  remediation:
    'Never distribute this file: rebuild and re-sign from source with v2/v3 signatures. Keep minSdkVersion >= 24 (or sign with v2) so devices verify the whole file and reject prefixed APKs.',
  run(ctx, report) {
    const length = ctx.apk.zip.prefixLength;
    for (const a of zipAnomalies(ctx.apk, 'prefix-data')) {
      const dex = a.severity === 'error';
      report({
        messageId: dex ? 'dex' : 'other',
        data: { length },
        evidence: anomalyEvidence(a, length),
        ...(dex ? {} : { severity: 'medium' as const }),
      });
    }
  },
});
