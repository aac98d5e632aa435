/**
 * In-process measurements: the floor (read the zip and inflate every entry with node:zlib, no
 * parsing) and dfslab's full `inspect` (manifest, resources, every DEX decoded and
 * cross-referenced, signatures verified, native libraries).
 */
import { inflateRawSync } from 'node:zlib';
import { isDfslabError } from '../src/core/errors.js';
import { inspect } from '../src/android/inspect.js';
import { readZip } from '../src/android/zip/index.js';
import type { ZipArchive } from '../src/android/zip/index.js';
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
  for (const e of zip.entries) {
    const data = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    if (e.method === METHOD_STORED) produced += data.length;
    else if (e.method === METHOD_DEFLATED) {
      try {
        produced += inflateRawSync(data).length;
      } catch {
        // a broken entry costs what zlib spent on it; the floor does not judge
      }
    }
  }
  return produced;
}

export type InspectOutcome = {
  ok: boolean;
  error?: string;
  timingsMs?: Record<string, number>;
  partErrors?: number;
};

export function inspectOnce(bytes: Uint8Array, name: string): InspectOutcome {
  try {
    const r = inspect(bytes, name);
    return { ok: true, timingsMs: r.timingsMs, partErrors: r.kind === 'apk' ? r.errors.length : 0 };
  } catch (e) {
    if (isDfslabError(e)) return { ok: false, error: e.message };
    throw e;
  }
}

export type TimedPair = {
  floorMs: number;
  dfslabMs: number;
  /** Medians of process CPU time (user + system), steadier than wall clock on a busy machine. */
  floorCpuMs: number;
  dfslabCpuMs: number;
  floorRuns: number[];
  dfslabRuns: number[];
  outcome: InspectOutcome;
};

const gc = getGc();

type Sample = { wall: number; cpu: number };

function time(fn: () => unknown): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/**
 * Median of `runs` floor runs and `runs` inspect runs, interleaved after one warm-up of each,
 * with a GC before every run so one run's garbage is not billed to the next.
 */
export function measurePair(bytes: Uint8Array, name: string, runs: number, warmup = true): TimedPair {
  let outcome: InspectOutcome = { ok: false };
  if (warmup) {
    floorOnce(bytes);
    outcome = inspectOnce(bytes, name);
  }
  const floor: Sample[] = [];
  const dfslab: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    floor.push(time(() => floorOnce(bytes)));
    gc();
    dfslab.push(time(() => (outcome = inspectOnce(bytes, name))));
  }
  const floorRuns = floor.map((s) => s.wall);
  const dfslabRuns = dfslab.map((s) => s.wall);
  return {
    floorMs: median(floorRuns),
    dfslabMs: median(dfslabRuns),
    floorCpuMs: median(floor.map((s) => s.cpu)),
    dfslabCpuMs: median(dfslab.map((s) => s.cpu)),
    floorRuns,
    dfslabRuns,
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
