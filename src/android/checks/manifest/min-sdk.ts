import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';

/** Android 7.0: network security config, user CAs not trusted by default, APK signature v2 verified. */
const NOUGAT = 24;
/** Android 5.0: below this, TLS 1.2 off by default, no ART, no per-app SELinux hardening. */
const LOLLIPOP = 21;

/**
 * A low minSdkVersion keeps the wallet installable on Android releases that no longer get
 * security updates and lack platform protections the app silently relies on.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-010',
  name: 'min-sdk-outdated',
  title: 'minSdkVersion allows unsupported Android versions',
  severity: 'low',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-1', 'MASVS-NETWORK-1'], cwe: [1104], figi: [] },
  needs: ['manifest'],
  messages: {
    belowNougat:
      'minSdkVersion is {min}: the app installs on Android {release}, before Android 7.0 (API 24), where user-installed CAs are trusted by default, the network security config does not exist and only the v1 (JAR) signature is verified (Janus, CVE-2017-13156).',
    belowLollipop:
      'minSdkVersion is {min}: the app installs on Android {release}, before Android 5.0 (API 21): TLS 1.2 is not enabled by default, no platform security patches have been published for a decade, and the protections of newer releases are missing.',
  },
  remediation:
    'Raise minSdkVersion to at least 24 (Android 7.0); for a new wallet prefer 26 or later. If users on older phones must be served, gate sensitive features (transfers, PIN entry) behind a server-side check of the Android version reported by the app.',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m || m.sdk.minCodename) return;
    const min = m.sdk.min;
    if (min >= NOUGAT) return;
    const evidence = m.sdk.minAttr
      ? manifestEvidence(m.sdk.minAttr)
      : manifestEvidence(m.sdk.at ?? m.at, 'android:minSdkVersion');
    const release = RELEASES[min] ?? `API ${min}`;
    if (min < LOLLIPOP)
      report({ messageId: 'belowLollipop', data: { min, release }, evidence, severity: 'medium' });
    else report({ messageId: 'belowNougat', data: { min, release }, evidence });
  },
});

const RELEASES: Record<number, string> = {
  1: '1.0',
  2: '1.1',
  3: '1.5',
  4: '1.6',
  5: '2.0',
  6: '2.0.1',
  7: '2.1',
  8: '2.2',
  9: '2.3',
  10: '2.3.3',
  11: '3.0',
  12: '3.1',
  13: '3.2',
  14: '4.0',
  15: '4.0.3',
  16: '4.1',
  17: '4.2',
  18: '4.3',
  19: '4.4',
  20: '4.4W',
  21: '5.0',
  22: '5.1',
  23: '6.0',
};
