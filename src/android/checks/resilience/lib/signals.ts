/**
 * Where the resilience checks look for a control: constant strings and API calls in the app's
 * own code (bundled libraries excluded: Crashlytics' root probe is telemetry, not a defence),
 * calls into a dedicated protection library, and strings inside the app's native libraries.
 */
import type { DexEvidence, FileEvidence } from '../../../../core/findings.js';
import { isDfslabError } from '../../../../core/errors.js';
import type { AuditContext } from '../../../audit/context.js';
import { referencedStringsWhere } from '../../../dex/query.js';
import type { StringPrefilter } from '../../../dex/lookups.js';
import { callersOf, isLibraryClass, methodsNamed, siteClass } from '../../storage/lib/app-code.js';

export type Signal = { what: string; evidence: DexEvidence | FileEvidence };

/**
 * The first app-code const-string that `match` accepts (as `appStrings` orders them). `match` must
 * reject what `pre` rules out, so most strings are dismissed on their bytes, never decoded.
 */
export function stringSignal(
  ctx: AuditContext,
  pre: StringPrefilter,
  match: (s: string) => boolean,
  label: string,
): Signal | undefined {
  const code = ctx.code;
  if (!code) return undefined;
  for (const { value, sites } of referencedStringsWhere(code, pre, match)) {
    for (const site of sites) {
      const cls = siteClass(ctx, site);
      if (!cls || isLibraryClass(cls)) continue;
      return {
        what: `${label} ${JSON.stringify(value)} in ${cls}`,
        evidence: ctx.dexEvidence(site, `const-string ${JSON.stringify(value)}`),
      };
    }
  }
  return undefined;
}

/** The first app-code call of any of `apis` (full descriptors). */
export function callSignal(
  ctx: AuditContext,
  apis: readonly string[],
  label: string,
  keep?: (cls: string) => boolean,
): Signal | undefined {
  const site = callersOf(ctx, apis, keep)[0];
  if (!site) return undefined;
  return { what: label, evidence: ctx.dexEvidence(site) };
}

/** The first app-code call of a method of class prefix `clsPrefix` named one of `names` (any proto), from outside that prefix. */
export function libraryCallSignal(
  ctx: AuditContext,
  clsPrefix: string,
  names: readonly string[],
  label: string,
  keep?: (cls: string) => boolean,
): Signal | undefined {
  const apis = names.flatMap((n) => methodsNamed(ctx, n, '(')).filter((d) => d.startsWith(clsPrefix));
  return callSignal(ctx, apis, label, (cls) => !cls.startsWith(clsPrefix) && (keep ? keep(cls) : true));
}

/** Native libraries bigger than this are not searched (a browser engine is not where a root check lives). */
const MAX_NATIVE_SCAN = 32 * 1024 * 1024;

/** The first of `needles` found in a native library of the APK (one ABI is enough: the same code is built per ABI). */
export function nativeSignal(
  ctx: AuditContext,
  needles: readonly string[],
  label: string,
): Signal | undefined {
  const libs = ctx.apk.zip.entries.filter(
    (e) => !e.isDirectory && /^lib\/[^/]+\/[^/]+\.so$/.test(e.name) && e.uncompressedSize <= MAX_NATIVE_SCAN,
  );
  const abi = libs[0]?.name.split('/')[1];
  const bufs = needles.map((n) => Buffer.from(n, 'latin1'));
  for (const e of libs) {
    if (e.name.split('/')[1] !== abi) continue;
    let data: Uint8Array;
    try {
      data = ctx.apk.entryData(e);
    } catch (err) {
      if (!isDfslabError(err)) throw err;
      continue;
    }
    const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    for (let i = 0; i < bufs.length; i++) {
      const at = b.indexOf(bufs[i]);
      if (at >= 0)
        return {
          what: `${label} "${needles[i]}" in ${e.name}`,
          evidence: { kind: 'file', file: e.name, byteOffset: at },
        };
    }
  }
  return undefined;
}
