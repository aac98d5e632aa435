/**
 * Damn Vulnerable Bank (../shared/apks/dvba): the README's spoiler list (items ticked [x] are in the
 * app; for protections an unticked [ ] means the protection is missing), the guide's chapters, and
 * the two facts ../shared/apks/README.md records (cleartext allowed; v2-only with minSdk 21).
 */
import type { AppTable } from './types.js';

const LIST = 'README.upstream.md (spoiler list)';
const APP = 'com/app/damnvulnerablebank/';

export const DVBA: AppTable = {
  app: 'DVBA',
  builds: [{ key: 'dvba', path: 'dvba/dvba.apk' }],
  rows: [
    {
      id: 'DV-01',
      name: 'Root and emulator detection [x]',
      source: `${LIST}; guide/installation_bypass_root-detection.md`,
      static: false,
      reason:
        'a protection the app has (a.a.a.a.a.R() runs "which su"; GPU/emulator checks): the weakness the guide teaches is bypassing it with Frida at run time. AND-RESILIENCE-001/-002 must stay silent (asserted below).',
    },
    {
      id: 'DV-02',
      name: 'Anti-debugging checks (prevents hooking with frida, jdb, etc) [x]',
      source: `${LIST}; guide/installation_bypass_frida-detection-with-ghidra.md`,
      static: false,
      reason:
        'a protection the app has (libfrida-check.so connects to port 27042); the bypass (run frida on another port) is run time. AND-RESILIENCE-003 must stay silent (asserted below).',
    },
    {
      id: 'DV-03',
      name: 'SSL pinning [ ] (not implemented)',
      source: LIST,
      static: true,
      expect: [{ checkId: 'AND-NETCFG-005', messageId: 'none' }],
    },
    {
      id: 'DV-04',
      name: 'Obfuscate the entire code [x]',
      source: LIST,
      static: false,
      reason:
        'a protection the app has (99% of app classes have 1–2 character names); AND-RESILIENCE-005 must not say "not obfuscated" (asserted below).',
    },
    {
      id: 'DV-05',
      name: 'Encrypt all requests and responses [x]',
      source: `${LIST}; guide/footprinting_crypto.md`,
      static: true,
      note: 'The "encryption" is XOR with the constant "amazing" in c.b.a.e (guide: recreating crypto functions).',
      expect: [{ checkId: 'AND-CRYPTO-011', messageId: 'xor', dexClass: 'Lc/b/a/e;' }],
    },
    {
      id: 'DV-06',
      name: 'Hardcoded sensitive information [x]',
      source: `${LIST}; guide/exploits_exploit-2.md`,
      static: true,
      note: 'The guide: "The secret key that\'s used for crypting purposes is hardcoded in the source code" (const-string "amazing" in c.b.a.e). R8 inlined the SECRET constant, so no name calls it a secret (AND-SECRET-005 cannot see it); AND-CRYPTO-011 reports the key with the XOR loop that uses it.',
      expect: [{ checkId: 'AND-CRYPTO-011', dexClass: 'Lc/b/a/e;', message: '"amazing"' }],
    },
    {
      id: 'DV-07',
      name: 'Logcat leakage [x]',
      source: `${LIST}; guide/exploits_exploit-2.md`,
      static: true,
      note: 'The guide shows the access token in adb logcat.',
      expect: [
        {
          checkId: 'AND-STORAGE-004',
          messageId: 'sensitive',
          message: '"token"',
          dexClass: `${APP}BankLogin$`,
        },
      ],
    },
    {
      id: 'DV-08',
      name: 'Insecure storage (saved credit card numbers maybe) [ ] (not planted)',
      source: LIST,
      static: true,
      note: 'Not planted upstream, but the access token is stored in plain SharedPreferences by BankLogin.',
      expect: [
        {
          checkId: 'AND-STORAGE-006',
          messageId: 'plain',
          message: '"accesstoken"',
          dexClass: `${APP}BankLogin$`,
        },
      ],
    },
    {
      id: 'DV-09',
      name: 'Exported activities [x]',
      source: `${LIST}; guide/exploits_exploit-3.md`,
      static: true,
      note: 'The guide starts SendMoney without logging in.',
      expect: ['.SendMoney ', '.ViewBalance '].map((a) => ({
        checkId: 'AND-MANIFEST-004',
        messageId: 'activityNoFilter',
        message: a,
      })),
    },
    {
      id: 'DV-10',
      name: 'JWT token [ ]',
      source: `${LIST}; guide/exploits_exploit-1.md`,
      static: false,
      reason:
        'server-side: the token is issued and verified by the backend (the guide shows the signature is checked there).',
    },
    {
      id: 'DV-11',
      name: 'Webview integration [x]',
      source: `${LIST}; guide/exploits_exploit-4.md`,
      static: true,
      note: 'CurrencyRates loads the deep link\'s "url" query parameter into its WebView.',
      expect: [
        {
          checkId: 'AND-WEBVIEW-007',
          messageId: 'exported',
          dexClass: `${APP}CurrencyRates;`,
          dexMethod: 'onCreate',
        },
      ],
    },
    {
      id: 'DV-12',
      name: 'Deep links [x]',
      source: `${LIST}; guide/exploits_exploit-4.md`,
      static: true,
      expect: [
        { checkId: 'AND-MANIFEST-009', messageId: 'unverifiedAppLink', message: '.CurrencyRates' },
        { checkId: 'AND-MANIFEST-004', messageId: 'activity', message: '.CurrencyRates ' },
      ],
    },
    {
      id: 'DV-13',
      name: 'IDOR [ ]',
      source: LIST,
      static: false,
      reason: "server-side: object-level authorisation is the backend's.",
    },
    {
      id: 'DV-14',
      name: 'REST API vulnerabilities',
      source: 'guide/exploits_exploit-1.md',
      static: false,
      reason: 'needs a running backend (tampering with JWTs and requests to the REST API).',
    },
    {
      id: 'DV-15',
      name: 'Traffic interception with a user-installed CA (Burp)',
      source: 'guide/footprinting_index.md',
      static: true,
      expect: [{ checkId: 'AND-NETCFG-002', messageId: 'base', manifestValue: 'user' }],
    },
    {
      id: 'DV-16',
      name: 'Cleartext traffic allowed',
      source: '../shared/apks/README.md; MANIFEST.tsv',
      static: true,
      expect: [
        {
          checkId: 'AND-NETCFG-001',
          messageId: 'manifestAttr',
          manifestAttribute: 'usesCleartextTraffic',
          manifestValue: 'true',
        },
      ],
    },
    {
      id: 'DV-17',
      name: 'v2-only signature with minSdk 21',
      source: '../shared/apks/README.md (known quirks)',
      static: true,
      expect: [{ checkId: 'AND-SIGN-003', messageId: 'noV1' }],
    },
    {
      id: 'DV-18',
      name: 'hardwareAccelerated="true" (the app crashes on emulators without a GPU)',
      source: 'guide/installation_bypass_gpu-detection.md',
      static: false,
      reason: 'not a security weakness: an installation hurdle the guide removes by repackaging.',
    },
  ],
  silence: [
    {
      id: 'DV-P1',
      silent: { checkId: 'AND-MANIFEST-005' },
      fact: 'the only provider (FirebaseInitProvider) has android:exported="false"',
    },
    { id: 'DV-P2', silent: { checkId: 'AND-MANIFEST-001' }, fact: 'aapt dump badging: not debuggable' },
    {
      id: 'DV-P3',
      silent: { checkId: 'AND-RESILIENCE-001' },
      fact: 'a.a.a.a.a.R() runs "/system/xbin/which su" (root detection, guide)',
    },
    {
      id: 'DV-P4',
      silent: { checkId: 'AND-RESILIENCE-002' },
      fact: 'emulator detection (README spoiler list, guide)',
    },
    {
      id: 'DV-P5',
      silent: { checkId: 'AND-RESILIENCE-003' },
      fact: 'libfrida-check.so probes the Frida port 27042 (guide)',
    },
    {
      id: 'DV-P6',
      silent: { checkId: 'AND-RESILIENCE-005', messageId: 'clear' },
      fact: '1542 of 1559 app classes have 1–2 character names (R8)',
    },
    {
      id: 'DV-P7',
      silent: { checkId: 'AND-SIGN-002' },
      fact: 'apksigner: v2 signature, no v1 (so no Janus exposure)',
    },
    { id: 'DV-P8', silent: { checkId: 'AND-SIGN-001' }, fact: 'not an Android Debug certificate' },
    {
      id: 'DV-P9',
      silent: { checkId: 'AND-CRYPTO-001' },
      fact: 'no Cipher.getInstance in app code: the "encryption" is a XOR loop',
    },
    {
      id: 'DV-P10',
      silent: { checkId: 'AND-PLATFORM-001' },
      fact: 'the app loads no code: the only class loader use is in the R8-renamed Play services dynamite loader (c.c.a.a.e.b, strings "com.google.android.gms.dynamite.IDynamiteLoader")',
    },
  ],
};
