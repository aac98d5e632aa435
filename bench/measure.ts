/**
 * In-process measurements: the floor (read the zip and inflate every entry with node:zlib, no
 * parsing), the reader's own floor (read the zip and inflate exactly the entries one `inspect`
 * reads) and dfslab's full `inspect` (manifest, resources, every DEX decoded and cross-referenced,
 * signatures verified, native libraries, the file's SHA-256).
 */
import { inflateRawSync } from 'node:zlib';
import { isDfslabError } from '../src/core/errors.js';
import { Apk } from '../src/android/apk.js';
import { inspectApkFrom, inspectAsync } from '../src/android/inspect.js';
import { readZip } from '../src/android/zip/index.js';
import type { ZipArchive, ZipEntry } from '../src/android/zip/index.js';
import { getGc, median } from './common.js';

const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const DEX_MAGIC = [0x64, 0x65, 0x78, 0x0a];

export type ZipShape = { entries: number; dexCount: number; uncompressed: number; isDex: boolean };

function isLooseDex(bytes: Uint8Array): boolean {
  return DEX_MAGIC.every((b, i) => bytes[i] === b);
}

/** Entries, loaded DEX count and total uncompressed size; undefined when the zip is unreadable. */
export function zipShape(bytes: Uint8Array): ZipShape | undefined {
  if (isLooseDex(bytes)) return { entries: 1, dexCount: 1, uncompressed: bytes.length, isDex: true };
  let zip: ZipArchive;
  try {
    zip = readZip(bytes);
  } catch {
    return undefined;
  }
  let uncompressed = 0;
  let dexCount = 0;
  for (const e of zip.entries) {
    uncompressed += e.uncompressedSize;
    if (/^classes\d*\.dex$/.test(e.name)) dexCount++;
  }
  return { entries: zip.entries.length, dexCount, uncompressed, isDex: false };
}

/** zlib's output chunk is sized from the declared size (capped), as the reader does: one buffer per entry. */
const MAX_CHUNK = 4 * 1024 * 1024;
const MIN_CHUNK = 64;

/**
 * Bytes produced by inflating (or slicing) one entry with node:zlib. A broken entry costs what
 * zlib spent on it; the floor does not judge. The output chunk is sized from the declared size:
 * with zlib's default 16 KiB chunks a 4 MB DEX is produced in 250 pieces and concatenated, which
 * made the floor ~15–20 % slower on the 16-DEX uiautomator2 APK (flattering the ratio); on small
 * entries the two are within noise. The reader inflates the same way (zip/inflate.ts).
 */
function inflateForFloor(bytes: Uint8Array, e: ZipEntry): number {
  const data = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  if (e.method === METHOD_STORED) return data.length;
  if (e.method !== METHOD_DEFLATED) return 0;
  const chunkSize = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, e.uncompressedSize + 1));
  try {
    return inflateRawSync(data, { chunkSize }).length;
  } catch {
    return 0;
  }
}

/**
 * The floor: locate every entry and inflate it with node:zlib (stored entries are just sliced).
 * Returns the number of bytes produced so the work cannot be optimised away.
 */
export function floorOnce(bytes: Uint8Array): number {
  if (isLooseDex(bytes)) return bytes.length;
  let zip: ZipArchive;
  try {
    zip = readZip(bytes);
  } catch (e) {
    if (isDfslabError(e)) return 0; // not a readable zip: nothing to inflate
    throw e;
  }
  let produced = 0;
  for (const e of zip.entries) produced += inflateForFloor(bytes, e);
  return produced;
}

/**
 * Indexes (in the central directory) of the entries one `inspect` reads: the DEX files, manifest,
 * resources and native libraries, plus every signed entry when v1 (JAR) signatures are verified.
 * Undefined for a loose DEX or an unreadable zip.
 */
export function entriesInspectReads(bytes: Uint8Array, name: string): number[] | undefined {
  if (isLooseDex(bytes)) return undefined;
  let apk: Apk;
  try {
    apk = Apk.open(bytes);
    inspectApkFrom(apk, bytes, name);
  } catch (e) {
    if (isDfslabError(e)) return undefined;
    throw e;
  }
  return apk.entriesRead.map((e) => e.index);
}

/**
 * The reader's own floor: `readZip` and inflating exactly the entries `inspect` reads (see
 * entriesInspectReads), so an APK whose signatures do not make the reader touch every entry is
 * not flattered by a floor that inflates entries the reader never opens. Same zlib call as floorOnce.
 */
export function readerFloorOnce(bytes: Uint8Array, indexes: readonly number[] | undefined): number {
  if (indexes === undefined) return floorOnce(bytes);
  let zip: ZipArchive;
  try {
    zip = readZip(bytes);
  } catch (e) {
    if (isDfslabError(e)) return 0;
    throw e;
  }
  let produced = 0;
  for (const i of indexes) produced += inflateForFloor(bytes, zip.entries[i]);
  return produced;
}

export type InspectOutcome = {
  ok: boolean;
  error?: string;
  timingsMs?: Record<string, number>;
  partErrors?: number;
};

/** One `inspectAsync` (what `dfslab inspect` runs: DEX files inflate on the thread pool). */
export async function inspectOnce(bytes: Uint8Array, name: string): Promise<InspectOutcome> {
  try {
    const r = await inspectAsync(bytes, name);
    return { ok: true, timingsMs: r.timingsMs, partErrors: r.kind === 'apk' ? r.errors.length : 0 };
  } catch (e) {
    if (isDfslabError(e)) return { ok: false, error: e.message };
    throw e;
  }
}

export type TimedPair = {
  floorMs: number;
  dfslabMs: number;
  /** The reader's own floor (entries inspect reads only) and how many entries that is; not measured in the shared aggregate. */
  readerFloorMs?: number;
  readerEntries?: number;
  /** Medians of process CPU time (user + system), steadier than wall clock on a busy machine. */
  floorCpuMs: number;
  readerFloorCpuMs?: number;
  dfslabCpuMs: number;
  floorRuns: number[];
  readerFloorRuns?: number[];
  dfslabRuns: number[];
  outcome: InspectOutcome;
};

const gc = getGc();

type Sample = { wall: number; cpu: number };

async function time(fn: () => unknown): Promise<Sample> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/**
 * Median of `runs` floor runs, `runs` reader-floor runs and `runs` inspect runs, interleaved after
 * one warm-up of each, with a GC before every run so one run's garbage is not billed to the next.
 */
export async function measurePair(
  bytes: Uint8Array,
  name: string,
  runs: number,
  warmup = true,
  withReaderFloor = true,
): Promise<TimedPair> {
  let outcome: InspectOutcome = { ok: false };
  const indexes = withReaderFloor ? entriesInspectReads(bytes, name) : undefined;
  if (warmup) {
    floorOnce(bytes);
    if (withReaderFloor) readerFloorOnce(bytes, indexes);
    outcome = await inspectOnce(bytes, name);
  }
  const floor: Sample[] = [];
  const readerFloor: Sample[] = [];
  const dfslab: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    floor.push(await time(() => floorOnce(bytes)));
    if (withReaderFloor) {
      gc();
      readerFloor.push(await time(() => readerFloorOnce(bytes, indexes)));
    }
    gc();
    dfslab.push(await time(async () => (outcome = await inspectOnce(bytes, name))));
  }
  const wall = (xs: Sample[]) => xs.map((s) => s.wall);
  const cpu = (xs: Sample[]) => median(xs.map((s) => s.cpu));
  const reader = withReaderFloor
    ? {
        readerFloorMs: median(wall(readerFloor)),
        readerEntries: indexes?.length,
        readerFloorCpuMs: cpu(readerFloor),
        readerFloorRuns: wall(readerFloor),
      }
    : {};
  return {
    floorMs: median(wall(floor)),
    dfslabMs: median(wall(dfslab)),
    floorCpuMs: cpu(floor),
    dfslabCpuMs: cpu(dfslab),
    floorRuns: wall(floor),
    dfslabRuns: wall(dfslab),
    ...reader,
    outcome,
  };
}

/** Median wall time of `runs` full audits (every check, report built), after one warm-up. */
export async function measureAudit(
  bytes: Uint8Array,
  name: string,
  runs: number,
): Promise<{ ms: number; findings: number } | undefined> {
  const { auditApk } = await import('../src/android/audit/audit.js');
  const once = async () =>
    (await auditApk(bytes, name, { tool: { name: 'dfslab', version: 'bench' } })).report.findings.length;
  let findings: number;
  try {
    findings = await once();
  } catch (e) {
    if (isDfslabError(e)) return undefined;
    throw e;
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = performance.now();
    await once();
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), findings };
}
