/**
 * Static rows of the recall tables that dfslab misses today (see recall.test.ts and docs/recall.md).
 */
export type Gap = { app: string; build: string; row: string; reason: string };

/**
 * Static rows dfslab misses today, with the reason observed. Each is asserted to STILL fail: when a
 * check starts reporting one, this test fails until the entry is removed (recall only goes up).
 */
export const KNOWN_GAPS: Gap[] = [
  ...['release', 'debug-v1', 'debug-v2'].flatMap((build) => [
    {
      app: 'InsecureBankv2',
      build,
      row: 'IB-09',
      reason:
        'no check for a WebView loading file:// from external storage with JavaScript on (AND-WEBVIEW-003 only reports an explicit setAllowFileAccess(true), which ViewStatement does not call)',
    },
    {
      app: 'InsecureBankv2',
      build,
      row: 'IB-14',
      reason:
        'no layout check for copy/paste on sensitive input fields (AND-STORAGE-005 only sees ClipboardManager calls)',
    },
    {
      app: 'InsecureBankv2',
      build,
      row: 'IB-16',
      reason: 'no layout check for EditText inputType (keyboard cache)',
    },
    {
      app: 'InsecureBankv2',
      build,
      row: 'IB-24',
      reason: 'no check for a hard-coded user name compared in the login path (String.equals("devadmin"))',
    },
  ]),
  {
    app: 'DVBA',
    build: 'dvba',
    row: 'DV-05',
    reason: 'no check for a home-made XOR cipher with a constant key',
  },
  {
    app: 'DVBA',
    build: 'dvba',
    row: 'DV-06',
    reason:
      'AND-SECRET-005 reports only constants that a name calls a secret (or password-like / high-entropy values so named); R8 inlined the SECRET constant into c.b.a.e, so no name is left, and "amazing" is an ordinary word',
  },
  {
    app: 'Ostorlab',
    build: 'ostorlab',
    row: 'OS-12',
    reason: 'no check for DownloadManager.Request.setAllowedNetworkTypes(NETWORK_MOBILE)',
  },
];

export type Noise = { app: string; build: string; silence: string; reason: string };

/**
 * Silence rows a check breaks today (false positives observed on the real apps). Each is asserted
 * to STILL be reported: fixing the check forces removing the entry.
 */
export const KNOWN_NOISE: Noise[] = [
  {
    app: 'DVBA',
    build: 'dvba',
    silence: 'DV-P10',
    reason:
      'AND-PLATFORM-001/path reports new PathClassLoader in Lc/c/a/a/e/b;-><init>: that class is the R8-renamed Google Play services dynamite loader (its strings name com.google.android.gms.dynamite.IDynamiteLoader), library code the library filter no longer recognises once obfuscated',
  },
];
