/**
 * What an Android check sees: the parsed APK (each part parsed once, on first use) and small
 * helpers that turn parser locations into findings evidence. Checks never parse bytes themselves.
 */
import { checkDefiner } from '../../core/check.js';
import type { DexEvidence, ManifestEvidence } from '../../core/findings.js';
import { isDfslabError } from '../../core/errors.js';
import type { Apk, DexEntry } from '../apk.js';
import { MANIFEST_PATH } from '../apk.js';
import {
  callSites,
  methodDescriptor,
  type CodeIndex,
  type CodeSite,
  type DexEncodedMethod,
  type DexFile,
} from '../dex/index.js';
import {
  isUnresolved,
  parseNetworkSecurityConfig,
  type Attr,
  type Location,
  type Manifest,
  type NetworkSecurityConfig,
} from '../manifest/index.js';

export type NscFile = { path: string; config: NetworkSecurityConfig };

/** A call site of an API, with what a finding needs to point at it. */
export type ApiCall = CodeSite & { entry: DexEntry; dex: DexFile; encoded: DexEncodedMethod; api: string };

export class AuditContext {
  readonly apk: Apk;
  private nsc?: { value: NscFile | undefined };
  private readonly callCache = new Map<string, readonly ApiCall[]>();

  constructor(apk: Apk) {
    this.apk = apk;
  }

  get manifest(): Manifest | undefined {
    return this.apk.manifest;
  }

  get dex(): DexEntry[] {
    return this.apk.dex;
  }

  get code(): CodeIndex | undefined {
    return this.apk.code;
  }

  get targetSdk(): number {
    return this.manifest?.sdk.target ?? 1;
  }

  get minSdk(): number {
    return this.manifest?.sdk.min ?? 1;
  }

  /** The network security config the manifest names (android:networkSecurityConfig), parsed. */
  get networkSecurityConfig(): NscFile | undefined {
    if (!this.nsc) {
      let value: NscFile | undefined;
      const attr = this.manifest?.application?.networkSecurityConfig;
      const raw = attr && !isUnresolved(attr.value) ? attr.value : undefined;
      const id = raw?.type === 'reference' ? raw.value : undefined;
      const path =
        id !== undefined ? this.apk.resolver?.filePath(id) : raw?.type === 'string' ? raw.value : undefined;
      if (path) {
        const doc = this.apk.xml(path);
        if (doc) {
          try {
            value = { path, config: parseNetworkSecurityConfig(doc) };
          } catch (e) {
            if (!isDfslabError(e)) throw e;
            this.apk.errors.push({
              part: 'network-security-config',
              file: path,
              code: e.code,
              message: e.message,
            });
          }
        }
      }
      this.nsc = { value };
    }
    return this.nsc.value;
  }

  /**
   * Every call site of `api` ('Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;').
   * Cached per API: several checks ask for the same APIs (the logging, crypto and storage sinks).
   */
  calls(api: string): readonly ApiCall[] {
    const hit = this.callCache.get(api);
    if (hit) return hit;
    const code = this.code;
    const out: ApiCall[] = [];
    if (code) {
      for (const s of callSites(code, api)) {
        const entry = this.dex[s.part];
        out.push({
          part: s.part,
          method: s.method,
          offset: s.offset,
          opcode: s.opcode,
          entry,
          dex: entry.dex,
          encoded: entry.dex.method(s.method),
          api,
        });
      }
    }
    this.callCache.set(api, out);
    return out;
  }

  /** Evidence for a DEX location: file, class, method (name + proto) and bytecode offset. */
  dexEvidence(site: { part: number; method: number; offset: number }, instruction?: string): DexEvidence {
    const entry = this.dex[site.part];
    const m = entry.dex.method(site.method);
    const full = methodDescriptor(entry.dex, m.methodIdx); // Lcls;->name(proto)ret
    const arrow = full.indexOf('->');
    const ev: DexEvidence = {
      kind: 'dex',
      file: entry.file,
      class: arrow > 0 ? full.slice(0, arrow) : full,
      method: arrow > 0 ? full.slice(arrow + 2) : full,
      bytecodeOffset: site.offset,
    };
    if (instruction) ev.instruction = instruction;
    return ev;
  }
}

/** Evidence pointing at a manifest element, or at one of its attributes. */
export function manifestEvidence(
  at: Location | Attr<unknown>,
  attribute?: string,
  file = MANIFEST_PATH,
): ManifestEvidence {
  const path = at.path;
  const slash = path.lastIndexOf('/@');
  const ev: ManifestEvidence = {
    kind: 'manifest',
    file,
    element: slash > 0 ? path.slice(0, slash) : path,
    byteOffset: at.offset,
  };
  const attr = attribute ?? (slash > 0 ? path.slice(slash + 2) : undefined);
  if (attr) ev.attribute = attr;
  if ('raw' in at) {
    const v = (at as Attr<unknown>).value;
    ev.value = isUnresolved(v) ? v.ref : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return ev;
}

export const defineAndroidCheck = checkDefiner<AuditContext>();
