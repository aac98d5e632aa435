/**
 * `dfslab inspect`: the facts of an APK (or a loose DEX) as one plain, JSON-ready object.
 * Everything here is read from the parsed structures; nothing is guessed.
 */
import { createHash } from 'node:crypto';
import type { Anomaly } from '../core/anomaly.js';
import { FormatError } from '../core/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../core/limits.js';
import { Apk, type PartError } from './apk.js';
import type { ResTypeGroup } from './arsc/index.js';
import { analyzeDex, parseDex, type DexFile, type DexIndex } from './dex/index.js';
import type { ElfInfo } from './elf/index.js';
import { summarizeManifest, type ManifestSummary } from './inspect-manifest.js';
import type { CertificateInfo, LineageNode, SchemeResult, SigningReport } from './signing/index.js';

export const INSPECT_SCHEMA_VERSION = 1;

export type DexFacts = {
  file: string;
  version: number;
  size: number;
  checksumValid: boolean;
  strings: number;
  types: number;
  protos: number;
  fields: number;
  methods: number;
  classes: number;
  /** Methods defined in class data (as opposed to method ids referenced). */
  definedMethods: number;
  codeUnits: number;
  invokes: number;
  fieldAccesses: number;
  stringRefs: number;
  typeRefs: number;
};

export type CertificateFacts = Omit<CertificateInfo, 'der'>;

export type SchemeFacts = {
  present: boolean;
  verified: boolean;
  signers: number;
  errors: string[];
  warnings: string[];
};

export type SigningFacts = {
  verified: boolean;
  minSdkVersion: number;
  schemes: { v1: SchemeFacts; v2: SchemeFacts; v3: SchemeFacts; v31: SchemeFacts };
  certificates: CertificateFacts[];
  lineage: (CertificateFacts & { flags: number })[];
  errors: string[];
  warnings: string[];
};

export type NativeLibFacts = {
  file: string;
  abi: string;
  size: number;
  /** ELF facts without the full symbol lists (imports/exports), which `notableImports` summarises. */
  elf?: Omit<ElfInfo, 'anomalies' | 'imports' | 'exports'>;
  error?: string;
};

export type ApkFacts = {
  schemaVersion: number;
  kind: 'apk';
  file: { name: string; size: number; sha256: string };
  zip: { entries: number; zip64: boolean; prefixLength: number; commentLength: number };
  manifest?: ManifestSummary;
  resources?: {
    packages: { id: number; name: string; types: number; entries: number }[];
    configurations: number;
    strings: number;
  };
  dex: DexFacts[];
  otherDex: string[];
  signing?: SigningFacts;
  nativeLibs: NativeLibFacts[];
  errors: PartError[];
  anomalies: Anomaly[];
  timingsMs: Record<string, number>;
};

export type DexOnlyFacts = {
  schemaVersion: number;
  kind: 'dex';
  file: { name: string; size: number; sha256: string };
  dex: DexFacts;
  anomalies: Anomaly[];
  timingsMs: Record<string, number>;
};

export type InspectFacts = ApkFacts | DexOnlyFacts;

const DEX_MAGIC = 'dex\n';

/** True for a loose DEX file (else the bytes are read as an APK); refuses an oversized file. */
function isLooseDex(bytes: Uint8Array, limits: Limits): boolean {
  if (bytes.length > limits.maxArtifactSize)
    throw new FormatError('apk', 0, `file is larger than ${limits.maxArtifactSize} bytes`);
  return String.fromCharCode(...bytes.subarray(0, 4)) === DEX_MAGIC;
}

export function inspect(bytes: Uint8Array, fileName: string, limits: Limits = DEFAULT_LIMITS): InspectFacts {
  if (isLooseDex(bytes, limits)) return inspectDex(bytes, fileName, limits);
  return inspectApk(bytes, fileName, limits);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function timed<T>(timings: Record<string, number>, key: string, fn: () => T): T {
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    timings[key] = Math.round((performance.now() - t0) * 100) / 100;
  }
}

export function dexFacts(file: string, dex: DexFile, index: DexIndex): DexFacts {
  const h = dex.header;
  const invokes = index.byMethod.xref.length;
  const fieldAccesses = index.byField.xref.length;
  const stringRefs = index.byString.xref.length;
  const typeRefs = index.byType.xref.length;
  return {
    file,
    version: h.version,
    size: dex.bytes.length,
    checksumValid: !dex.anomalies.some((a) => a.code === 'bad-checksum'),
    strings: h.stringIdsSize,
    types: h.typeIdsSize,
    protos: h.protoIdsSize,
    fields: h.fieldIdsSize,
    methods: h.methodIdsSize,
    classes: h.classDefsSize,
    definedMethods: dex.members.methodCount,
    codeUnits: index.codeUnits,
    invokes,
    fieldAccesses,
    stringRefs,
    typeRefs,
  };
}

function inspectDex(bytes: Uint8Array, fileName: string, limits: Limits): DexOnlyFacts {
  const timingsMs: Record<string, number> = {};
  const dex = timed(timingsMs, 'dex', () => parseDex(bytes, limits.dex, { verifyChecksum: true }));
  const index = timed(timingsMs, 'xrefs', () => analyzeDex(dex, limits.dex));
  return {
    schemaVersion: INSPECT_SCHEMA_VERSION,
    kind: 'dex',
    file: { name: fileName, size: bytes.length, sha256: timed(timingsMs, 'hash', () => sha256(bytes)) },
    dex: dexFacts(fileName, dex, index),
    anomalies: [...dex.anomalies, ...index.anomalies],
    timingsMs,
  };
}

function certFacts(c: CertificateInfo): CertificateFacts {
  const { der: _der, ...rest } = c;
  return rest;
}

function schemeFacts(s: SchemeResult): SchemeFacts {
  return {
    present: s.present,
    verified: s.verified,
    signers: s.signers.length,
    errors: s.errors.concat(s.signers.flatMap((x) => x.errors)).map((i) => i.message),
    warnings: s.warnings.concat(s.signers.flatMap((x) => x.warnings)).map((i) => i.message),
  };
}

export function signingFacts(r: SigningReport): SigningFacts {
  const certs = r.signerCertificates.length
    ? r.signerCertificates
    : ([r.v31, r.v3, r.v2, r.v1]
        .find((s) => s.signers.length)
        ?.signers.map((s) => s.certificates[0])
        .filter(Boolean) ?? []);
  const lineage: LineageNode[] = r.v31.lineage ?? r.v3.lineage ?? [];
  return {
    verified: r.verified,
    minSdkVersion: r.minSdkVersion,
    schemes: { v1: schemeFacts(r.v1), v2: schemeFacts(r.v2), v3: schemeFacts(r.v3), v31: schemeFacts(r.v31) },
    certificates: certs.map(certFacts),
    lineage: lineage.map((n) => ({ ...certFacts(n.certificate), flags: n.flags })),
    errors: r.errors.map((i) => i.message),
    warnings: r.warnings.map((i) => i.message),
  };
}

/**
 * `inspect` with both cores: DEX files inflate on libuv's thread pool while the main thread reads
 * the resources and the manifest, then parses each DEX while the next inflates. The same facts as
 * `inspect`; what the CLI and the audit use.
 */
export async function inspectAsync(
  bytes: Uint8Array,
  fileName: string,
  limits: Limits = DEFAULT_LIMITS,
): Promise<InspectFacts> {
  if (isLooseDex(bytes, limits)) return inspectDex(bytes, fileName, limits);
  const timingsMs: Record<string, number> = {};
  const apk = timed(timingsMs, 'zip', () => Apk.open(bytes, { limits }));
  await readApkParts(apk, timingsMs);
  return inspectApkFrom(apk, bytes, fileName, timingsMs);
}

/**
 * Reads the resources, the manifest and every DEX of `apk` (see `Apk.loadDex`: the DEX files
 * inflate off the main thread while it parses the rest), recording their times in `timingsMs`.
 */
export async function readApkParts(apk: Apk, timingsMs: Record<string, number>): Promise<void> {
  const t0 = performance.now();
  const loading = apk.loadDex();
  // Resources first: the manifest resolves its references through them.
  timed(timingsMs, 'resources', () => apk.resources);
  timed(timingsMs, 'manifest', () => apk.manifest);
  await loading;
  // The wall time the DEX files added beyond the resources and the manifest.
  const dexMs = performance.now() - t0 - (timingsMs.resources ?? 0) - (timingsMs.manifest ?? 0);
  timingsMs.dex = Math.round(dexMs * 100) / 100;
}

export function inspectApk(bytes: Uint8Array, fileName: string, limits: Limits = DEFAULT_LIMITS): ApkFacts {
  const timingsMs: Record<string, number> = {};
  const apk = timed(timingsMs, 'zip', () => Apk.open(bytes, { limits }));
  return inspectApkFrom(apk, bytes, fileName, timingsMs);
}

/** The facts of an APK that is already open (the audit reuses its parse). */
export function inspectApkFrom(
  apk: Apk,
  bytes: Uint8Array,
  fileName: string,
  timingsMs: Record<string, number> = {},
): ApkFacts {
  // Parts read before (readApkParts) keep their times.
  const part = <T>(key: string, fn: () => T): T => (key in timingsMs ? fn() : timed(timingsMs, key, fn));
  // Resources first: the manifest resolves its references through them.
  const table = part('resources', () => apk.resources);
  const manifest = part('manifest', () => apk.manifest);
  const dex = part('dex', () => apk.dex);
  const signing = timed(timingsMs, 'signing', () => apk.signing);
  const nativeLibs = timed(timingsMs, 'native', () => apk.nativeLibs);
  // The file's identity: one SHA-256 pass over every byte (on a 46 MB APK, as long as inflating it).
  const fileSha256 = timed(timingsMs, 'hash', () => sha256(bytes));
  return {
    schemaVersion: INSPECT_SCHEMA_VERSION,
    kind: 'apk',
    file: { name: fileName, size: bytes.length, sha256: fileSha256 },
    zip: {
      entries: apk.zip.entries.length,
      zip64: apk.zip.zip64,
      prefixLength: apk.zip.prefixLength,
      commentLength: apk.zip.comment.length,
    },
    manifest: manifest ? summarizeManifest(manifest, apk.resolver) : undefined,
    resources: table
      ? {
          packages: table.packages.map((p) => {
            const groups = p.types.filter((g): g is ResTypeGroup => g !== undefined);
            return {
              id: p.id,
              name: p.name,
              types: groups.length,
              entries: groups.reduce((n, g) => n + g.entryCount, 0),
            };
          }),
          configurations: new Set(
            table.packages.flatMap((p) =>
              p.types.flatMap((g) => (g ? g.chunks.map((c) => c.configName) : [])),
            ),
          ).size,
          strings: table.strings.count,
        }
      : undefined,
    dex: dex.map((d) => dexFacts(d.file, d.dex, d.index)),
    otherDex: apk.otherDexEntries.map((e) => e.name),
    signing: signing ? signingFacts(signing) : undefined,
    nativeLibs: nativeLibs.map((l) => {
      const f: NativeLibFacts = { file: l.file, abi: l.abi, size: l.size };
      if (l.elf) {
        const { anomalies: _a, imports: _i, exports: _e, ...elf } = l.elf;
        f.elf = elf;
      }
      if (l.error) f.error = l.error.message;
      return f;
    }),
    errors: apk.errors,
    anomalies: apk.anomalies(),
    timingsMs,
  };
}
