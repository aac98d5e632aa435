import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import type { Evidence } from '../../../core/findings.js';
import { anomalyEvidence, zipAnomalies } from './lib/anomalies.js';

/**
 * Stored (uncompressed) native libraries are mapped straight from the APK when
 * extractNativeLibs="false": that needs page-aligned data (4 KiB, and 16 KiB on Android 15
 * devices with 16 KiB pages). Hygiene and compatibility, not a vulnerability.
 */
export default defineAndroidCheck({
  id: 'AND-PKG-007',
  name: 'native-lib-alignment',
  title: 'Stored native library is not page-aligned',
  severity: 'info',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-1'], cwe: [], figi: [] },
  needs: ['zip'],
  messages: {
    unaligned:
      '{name} is stored uncompressed but its data at APK offset {offset} is not 4 KiB aligned: it cannot be mapped from the APK{extract}.',
    not16k:
      '{name} is stored uncompressed at APK offset {offset}, 4 KiB but not 16 KiB aligned: on devices with 16 KiB pages (Android 15+) it cannot be mapped from the APK.',
  },
  remediation:
    'Align with `zipalign -P 16 -f 4` (or Android Gradle Plugin 8.5.1+, which aligns to 16 KiB), and link native code with `-Wl,-z,max-page-size=16384` for 16 KiB page devices.',
  run(ctx, report) {
    const extract = ctx.manifest?.application?.extractNativeLibs;
    const mapped = extract?.value === false;
    for (const a of zipAnomalies(ctx.apk, 'unaligned-native-library', 'native-library-not-16k-aligned')) {
      const evidence: Evidence[] = [anomalyEvidence(a)];
      if (mapped && extract) evidence.push(manifestEvidence(extract));
      const unaligned = a.code === 'unaligned-native-library';
      report({
        messageId: unaligned ? 'unaligned' : 'not16k',
        data: {
          name: JSON.stringify(a.file ?? '?'),
          offset: a.offset ?? -1,
          extract: mapped
            ? ', and the manifest sets extractNativeLibs="false", so installation fails'
            : ' (the package manager extracts it instead, using extra storage)',
        },
        evidence,
        ...(unaligned && mapped ? { severity: 'low' as const } : {}),
      });
    }
  },
});
