/**
 * The large real APKs: Debian's framework-res.apk (46 MB of resources) and the ~18 MB, 16-dex
 * appium-uiautomator2-server APK, fetched once with `npm pack` into bench/out/cache (git-ignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { OUT_DIR, log } from './common.js';

export const FRAMEWORK_RES = '/usr/share/android-framework-res/framework-res.apk';
/** Pinned: the benchmark compares runs over time, so the input must not move. */
export const UIAUTOMATOR2_VERSION = '10.6.6';
const PKG = 'appium-uiautomator2-server';
const CACHE = join(OUT_DIR, 'cache');

export type LargeApk = { label: string; path: string };

/**
 * The uiautomator2 server APK: from the cache, else (with `download`) fetched and unpacked;
 * undefined if neither works.
 */
export function uiautomator2Apk(download = true): string | undefined {
  const apk = join(CACHE, 'package', 'apks', `${PKG}-v${UIAUTOMATOR2_VERSION}.apk`);
  if (existsSync(apk)) return apk;
  if (!download) return undefined;
  const tgz = join(CACHE, `${PKG}-${UIAUTOMATOR2_VERSION}.tgz`);
  try {
    mkdirSync(CACHE, { recursive: true });
    if (!existsSync(tgz)) {
      log(`fetching ${PKG}@${UIAUTOMATOR2_VERSION} with npm pack …`);
      execFileSync('npm', ['pack', `${PKG}@${UIAUTOMATOR2_VERSION}`, '--pack-destination', CACHE], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    execFileSync('tar', ['xzf', tgz, '-C', CACHE, 'package/apks'], { stdio: 'inherit' });
  } catch (e) {
    log(`could not fetch ${PKG}: ${String(e)}`);
    return undefined;
  }
  return existsSync(apk) ? apk : undefined;
}

export function largeApks(download: boolean): LargeApk[] {
  const out: LargeApk[] = [];
  if (existsSync(FRAMEWORK_RES)) out.push({ label: 'framework-res.apk (Debian)', path: FRAMEWORK_RES });
  else log(`${FRAMEWORK_RES} not installed (apt-get install android-framework-res); skipped`);
  const ui = uiautomator2Apk(download); // --quick: only when already cached
  if (ui) out.push({ label: `${PKG}-v${UIAUTOMATOR2_VERSION}.apk`, path: ui });
  return out;
}
