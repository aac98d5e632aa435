/**
 * Static rows of the recall tables that dfslab misses today (see recall.test.ts and docs/recall.md).
 */
export type Gap = { app: string; build: string; row: string; reason: string };

/**
 * Static rows dfslab misses today, with the reason observed. Each is asserted to STILL fail: when a
 * check starts reporting one, this test fails until the entry is removed (recall only goes up).
 */
export const KNOWN_GAPS: Gap[] = [
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
