/**
 * One scan of the whole app (every DEX string, every resource string, every text file), shared
 * by all the secrets/endpoint checks and by `endpointInventory`: the result is cached per
 * AuditContext.
 */
import { isDfslabError } from '../../../../core/errors.js';
import { ARSC_PATH } from '../../../apk.js';
import type { AuditContext } from '../../../audit/context.js';
import type { FoundUrl, SecretHit } from '../../../secrets/index.js';
import { scanDexStrings, type StringMemo } from './dex-strings.js';
import { scanNativeLibs } from './native-strings.js';
import { scanResources, scanTextFiles } from './res-files.js';
import type { AppScan, AppSecret, AppUrl, StringSource } from './types.js';

/** Sources kept per secret / URL (the first ones found; the count is what matters after that). */
export const MAX_SOURCES = 64;

/**
 * Runs one phase; a typed parse error in a malformed part stops that phase only (what was found
 * before it is kept) and is recorded with the APK's part errors. Bugs still throw.
 */
function guarded<T>(ctx: AuditContext, file: string | undefined, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    ctx.apk.errors.push({ part: 'secrets-scan', file, code: e.code, message: e.message });
    return undefined;
  }
}

const cache = new WeakMap<AuditContext, AppScan>();

export function scanApp(ctx: AuditContext): AppScan {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const t0 = performance.now();
  const secrets = new Map<string, AppSecret>();
  const urls = new Map<string, AppUrl>();
  const add = <T extends { sources: StringSource[] }>(item: T, source: StringSource): void => {
    if (item.sources.length < MAX_SOURCES) item.sources.push(source);
  };
  const sink = {
    secret(hit: SecretHit, source: StringSource): void {
      const key = `${hit.detector}\0${hit.secret}`;
      let s = secrets.get(key);
      if (!s) secrets.set(key, (s = { hit, sources: [] }));
      add(s, source);
    },
    url(url: FoundUrl, source: StringSource): void {
      let u = urls.get(url.url);
      if (!u) urls.set(url.url, (u = { url, sources: [] }));
      add(u, source);
    },
  };
  let dexStrings = 0;
  // Strings repeated across the DEX files (multidex apps repeat their libraries) judged once.
  const memo: StringMemo = new Map();
  ctx.dex.forEach((entry, part) => {
    dexStrings += guarded(ctx, entry.file, () => scanDexStrings(entry, part, sink, memo)) ?? 0;
  });
  const table = ctx.apk.resources;
  const resourceStrings = table ? (guarded(ctx, ARSC_PATH, () => scanResources(table, sink)) ?? 0) : 0;
  const [files, fileBytes] = guarded(ctx, undefined, () => scanTextFiles(ctx.apk, sink)) ?? [0, 0];
  const [nativeFiles, nativeBytes] = guarded(ctx, undefined, () => scanNativeLibs(ctx.apk, sink)) ?? [0, 0];
  const scan: AppScan = {
    secrets: [...secrets.values()],
    urls: [...urls.values()],
    stats: {
      dexStrings,
      resourceStrings,
      files,
      fileBytes,
      nativeFiles,
      nativeBytes,
      ms: performance.now() - t0,
    },
  };
  cache.set(ctx, scan);
  return scan;
}
