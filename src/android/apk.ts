/**
 * One APK, parsed once. `Apk` composes the format parsers over a single buffer: each part
 * (manifest, resources, every DEX, signatures, native libraries) is parsed on first use and
 * cached, and each entry is inflated at most once. A malformed part becomes a `PartError` fact
 * (the rest of the APK is still read); only an unreadable zip stops everything.
 */
import type { Anomaly } from '../core/anomaly.js';
import { isDfslabError, type DfslabError } from '../core/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../core/limits.js';
import { createResolver, parseArsc, type ResourceTable } from './arsc/index.js';
import { parseAxml, type AxmlDocument } from './axml/index.js';
import {
  analyzeDex,
  mergeDexIndexes,
  parseDex,
  type CodeIndex,
  type DexFile,
  type DexIndex,
} from './dex/index.js';
import { parseElf, type ElfInfo } from './elf/index.js';
import { parseManifest, type Manifest } from './manifest/index.js';
import type { ResourceResolver } from './resources.js';
import { verifyApkSignatures, type SigningReport } from './signing/index.js';
import {
  createInflateBudget,
  inflateEntry,
  inflateEntryAsync,
  readZip,
  type InflateBudget,
  type ZipArchive,
  type ZipEntry,
} from './zip/index.js';

export const MANIFEST_PATH = 'AndroidManifest.xml';
export const ARSC_PATH = 'resources.arsc';

/** Why one part of the APK could not be read. */
export type PartError = { part: string; file?: string; code: DfslabError['code']; message: string };

export type DexEntry = { file: string; dex: DexFile; index: DexIndex };

export type NativeLib = {
  file: string;
  abi: string;
  name: string;
  size: number;
  elf?: ElfInfo;
  error?: PartError;
};

export type ApkOptions = { limits?: Limits };

/** `classes.dex`, `classes2.dex`, … — the files the runtime loads, in load order. */
const DEX_NAME = /^classes(\d*)\.dex$/;
const ATTR_TARGET_SANDBOX_VERSION = 0x0101054c;
const NATIVE_LIB = /^lib\/([^/]+)\/([^/]+\.so)$/;
const METHOD_DEFLATED = 8;
/** DEX entries smaller than this are inflated on the main thread by `loadDex` (by default). */
const POOL_MIN_SIZE = 1024 * 1024;

type Memo<T> = { value: T } | undefined;

export class Apk {
  readonly bytes: Uint8Array;
  readonly zip: ZipArchive;
  readonly limits: Limits;
  /** Parts that failed, with the typed error that stopped each. */
  readonly errors: PartError[] = [];
  private readonly budget: InflateBudget;
  private readonly inflated = new Map<ZipEntry, Uint8Array>();
  /** Every entry whose bytes were read, kept or not (the benchmark's floor inflates exactly these). */
  private readonly read = new Set<ZipEntry>();
  private memo: {
    manifestDoc?: Memo<AxmlDocument | undefined>;
    manifest?: Memo<Manifest | undefined>;
    table?: Memo<ResourceTable | undefined>;
    resolver?: Memo<ResourceResolver | undefined>;
    dex?: Memo<DexEntry[]>;
    code?: Memo<CodeIndex | undefined>;
    signing?: Memo<SigningReport | undefined>;
    native?: Memo<NativeLib[]>;
    loadedDex?: Memo<readonly ZipEntry[]>;
  } = {};

  private constructor(bytes: Uint8Array, zip: ZipArchive, limits: Limits) {
    this.bytes = bytes;
    this.zip = zip;
    this.limits = limits;
    this.budget = createInflateBudget(limits.zip);
  }

  /** Reads the zip structure; throws a typed error when the file is not a readable zip at all. */
  static open(bytes: Uint8Array, opts: ApkOptions = {}): Apk {
    const limits = opts.limits ?? DEFAULT_LIMITS;
    return new Apk(bytes, readZip(bytes, limits.zip), limits);
  }

  /** The uncompressed bytes of an entry (inflated once, then cached); undefined if absent. */
  entry(name: string): Uint8Array | undefined {
    const e = this.zip.byName.get(name);
    return e ? this.entryData(e) : undefined;
  }

  entryData(e: ZipEntry): Uint8Array {
    let data = this.inflated.get(e);
    if (!data) {
      data = this.inflate(e);
      this.inflated.set(e, data);
    }
    return data;
  }

  private inflate(e: ZipEntry): Uint8Array {
    this.read.add(e);
    return inflateEntry(this.bytes, e, this.limits.zip, this.budget);
  }

  private refund(n: number): void {
    this.budget.remaining += n;
    this.budget.used -= n;
  }

  /** Bytes inflated (or sliced) so far, counted against the archive's total-size limit. */
  get inflatedBytes(): number {
    return this.budget.used;
  }

  /** The entries read so far (inflated or sliced), in the order of the central directory. */
  get entriesRead(): ZipEntry[] {
    return this.zip.entries.filter((e) => this.read.has(e));
  }

  /** Parses part `part` with `fn`; a typed error is recorded and yields undefined. Bugs still throw. */
  private attempt<T>(part: string, file: string | undefined, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!isDfslabError(e)) throw e;
      this.errors.push({ part, file, code: e.code, message: e.message });
      return undefined;
    }
  }

  /** Any binary XML file in the APK (manifest, network security config, layouts). */
  xml(path: string): AxmlDocument | undefined {
    if (path === MANIFEST_PATH) return this.manifestDoc;
    return this.attempt('xml', path, () => {
      const data = this.entry(path);
      return data ? parseAxml(data, this.limits.axml) : undefined;
    });
  }

  get manifestDoc(): AxmlDocument | undefined {
    this.memo.manifestDoc ??= {
      value: this.attempt('manifest', MANIFEST_PATH, () => {
        const data = this.entry(MANIFEST_PATH);
        if (!data) {
          this.errors.push({
            part: 'manifest',
            file: MANIFEST_PATH,
            code: 'FORMAT',
            message: 'the APK has no AndroidManifest.xml',
          });
          return undefined;
        }
        return parseAxml(data, this.limits.axml);
      }),
    };
    return this.memo.manifestDoc.value;
  }

  get resources(): ResourceTable | undefined {
    this.memo.table ??= {
      value: this.attempt('resources', ARSC_PATH, () => {
        const data = this.entry(ARSC_PATH);
        return data ? parseArsc(data, this.limits.arsc) : undefined;
      }),
    };
    return this.memo.table.value;
  }

  get resolver(): ResourceResolver | undefined {
    this.memo.resolver ??= { value: this.resources ? createResolver(this.resources) : undefined };
    return this.memo.resolver.value;
  }

  get manifest(): Manifest | undefined {
    this.memo.manifest ??= {
      value: this.attempt('manifest', MANIFEST_PATH, () => {
        const doc = this.manifestDoc;
        return doc ? parseManifest(doc, this.resolver) : undefined;
      }),
    };
    return this.memo.manifest.value;
  }

  /** Zip entries of the DEX files the runtime loads (classes.dex, classes2.dex, … without gaps). */
  get loadedDexEntries(): readonly ZipEntry[] {
    this.memo.loadedDex ??= { value: this.findLoadedDex() };
    return this.memo.loadedDex.value;
  }

  private findLoadedDex(): ZipEntry[] {
    const byNumber = new Map<number, ZipEntry>();
    for (const e of this.zip.entries) {
      const m = DEX_NAME.exec(e.name);
      if (!m || this.zip.byName.get(e.name) !== e) continue;
      const n = m[1] === '' ? 1 : Number(m[1]);
      if (m[1] === '1' || (m[1] !== '' && m[1].startsWith('0'))) continue; // classes1.dex / classes02.dex are not loaded
      byNumber.set(n, e);
    }
    const out: ZipEntry[] = [];
    for (let n = 1; byNumber.has(n); n++) out.push(byNumber.get(n) as ZipEntry);
    return out;
  }

  /** DEX files elsewhere in the APK (assets, nested payloads): not loaded by the runtime, but present. */
  get otherDexEntries(): ZipEntry[] {
    const loaded = new Set(this.loadedDexEntries);
    return this.zip.entries.filter(
      (e) => !e.isDirectory && e.name.toLowerCase().endsWith('.dex') && !loaded.has(e),
    );
  }

  /** Every loaded DEX, parsed and cross-referenced. A malformed DEX is recorded and skipped. */
  get dex(): DexEntry[] {
    if (!this.memo.dex) {
      const out: DexEntry[] = [];
      for (const e of this.loadedDexEntries) {
        const d = this.parseDexEntry(e);
        if (d) out.push(d);
      }
      this.memo.dex = { value: out };
    }
    return this.memo.dex.value;
  }

  private parseDexEntry(e: ZipEntry): DexEntry | undefined {
    return this.attempt('dex', e.name, () => {
      const dex = parseDex(this.entryData(e), this.limits.dex);
      return { file: e.name, dex, index: analyzeDex(dex, this.limits.dex) };
    });
  }

  /**
   * `dex`, with both cores: from the second DEX on, each is inflated on libuv's thread pool while
   * the main thread parses the one before it (the first, inflated on the main thread, after the
   * caller's own next steps: the resources, the manifest). The result, errors and memory are those
   * of `dex`; an entry that fails to inflate off-thread is left to `dex`'s own inflation, which
   * records the error as usual. Reading `dex` meanwhile is safe: this then stops.
   */
  async loadDex(opts: { poolMinSize?: number } = {}): Promise<DexEntry[]> {
    const poolMin = opts.poolMinSize ?? POOL_MIN_SIZE;
    if (this.memo.dex) return this.memo.dex.value;
    const entries = this.loadedDexEntries;
    const pending = new Map<ZipEntry, Promise<void>>();
    // The main thread inflates the first DEX itself (it has nothing else to do meanwhile); the pool
    // inflates the next one while the main thread parses.
    let next = 1;
    const startNext = (): void => {
      while (next < entries.length) {
        const e = entries[next++];
        // Small entries are cheaper to inflate inline than to hand to the pool.
        if (this.inflated.has(e) || e.method !== METHOD_DEFLATED || e.uncompressedSize < poolMin) continue;
        this.read.add(e);
        pending.set(
          e,
          inflateEntryAsync(this.bytes, e, this.limits.zip, this.budget).then(
            (data) => {
              if (!this.inflated.has(e)) this.inflated.set(e, data);
              else this.refund(data.length); // inflated by `dex` meanwhile: counted once
            },
            (err: unknown) => {
              if (!isDfslabError(err)) throw err;
            },
          ),
        );
        return;
      }
    };
    startNext();
    // Give the caller its turn (the resources, the manifest) while the pool starts.
    await Promise.resolve();
    const out: DexEntry[] = [];
    for (const e of entries) {
      const inflating = pending.get(e);
      if (inflating) {
        await inflating;
        pending.delete(e);
        if (pending.size === 0) startNext();
      }
      const meanwhile = this.memo.dex as Memo<DexEntry[]>; // `dex` may have been read meanwhile
      if (meanwhile) {
        await Promise.all(pending.values()); // what is still inflating lands (and is given back)
        return meanwhile.value;
      }
      const d = this.parseDexEntry(e);
      if (d) out.push(d);
    }
    this.memo.dex = { value: out };
    return out;
  }

  /** One cross-reference index over every loaded DEX (multidex merged). */
  get code(): CodeIndex | undefined {
    this.memo.code ??= { value: this.dex.length ? mergeDexIndexes(this.dex.map((d) => d.index)) : undefined };
    return this.memo.code.value;
  }

  get signing(): SigningReport | undefined {
    this.memo.signing ??= {
      value: this.attempt('signing', undefined, () =>
        verifyApkSignatures(this.bytes, this.zip, {
          minSdkVersion: this.manifest?.sdk.min ?? 1,
          maxSdkVersion: this.manifest?.sdk.max,
          targetSdkVersion: this.manifest?.sdk.target,
          targetSandboxVersion: this.targetSandboxVersion(),
          limits: this.limits.signing,
          // Reuse entries already inflated (DEX, manifest); inflate the rest without keeping them.
          readEntry: (e: ZipEntry) => (this.keepsEntry(e) ? this.entryData(e) : this.inflate(e)),
        }),
      ),
    };
    return this.memo.signing.value;
  }

  /**
   * Entries other parts read too (manifest, resources, DEX, native libraries): signature
   * verification caches them instead of inflating them a second time later. Other entries (images,
   * assets) are hashed and dropped, so memory stays bounded by what is kept.
   */
  private keepsEntry(e: ZipEntry): boolean {
    if (this.inflated.has(e)) return true;
    return (
      e.name === MANIFEST_PATH || e.name === ARSC_PATH || DEX_NAME.test(e.name) || NATIVE_LIB.test(e.name)
    );
  }

  /** <manifest android:targetSandboxVersion>, which the signature policy needs (v2+ when > 1). */
  private targetSandboxVersion(): number | undefined {
    const attr = this.manifestDoc?.root.attributes.find((a) => a.resourceId === ATTR_TARGET_SANDBOX_VERSION);
    return attr?.value.type === 'int' ? attr.value.value : undefined;
  }

  get nativeLibs(): NativeLib[] {
    if (!this.memo.native) {
      const libs: NativeLib[] = [];
      for (const e of this.zip.entries) {
        const m = NATIVE_LIB.exec(e.name);
        if (!m || e.isDirectory) continue;
        const lib: NativeLib = { file: e.name, abi: m[1], name: m[2], size: e.uncompressedSize };
        try {
          lib.elf = parseElf(this.entryData(e));
        } catch (err) {
          if (!isDfslabError(err)) throw err;
          lib.error = { part: 'native', file: e.name, code: err.code, message: err.message };
        }
        libs.push(lib);
      }
      this.memo.native = { value: libs };
    }
    return this.memo.native.value;
  }

  /** Every anomaly any parser recorded, each tagged with the file it is about. */
  anomalies(): Anomaly[] {
    const out: Anomaly[] = [...this.zip.anomalies];
    const tag = (file: string, list: readonly Anomaly[] | undefined) => {
      for (const a of list ?? []) out.push(a.file ? a : { ...a, file });
    };
    tag(MANIFEST_PATH, this.manifestDoc?.anomalies);
    tag(MANIFEST_PATH, this.manifest?.anomalies);
    tag(ARSC_PATH, this.resources?.anomalies);
    for (const d of this.dex) {
      tag(d.file, d.dex.anomalies);
      tag(d.file, d.index.anomalies);
    }
    for (const l of this.nativeLibs) tag(l.file, l.elf?.anomalies);
    return out;
  }
}
