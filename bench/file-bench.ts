/**
 * One row of the per-file table: floor vs inspect (in-process medians), peak memory in a fresh
 * child process, and the peers on the same file.
 */
import { join } from 'node:path';
import { BENCH_DIR, log, readBytes } from './common.js';
import { measureAudit, measurePair, zipShape } from './measure.js';
import {
  aapt,
  androguard,
  dexdump,
  extractDex,
  removeExtracted,
  runTool,
  type AndroguardStats,
} from './peers.js';

const SECOND = 1000;
const PEER_TIMEOUT = 120 * SECOND;
const ANDROGUARD_TIMEOUT = 300 * SECOND;
const MEM_TIMEOUT = 120 * SECOND;

export type PeerSummary = { ms: number; maxRss?: number; ok: boolean; note?: string };

export type FileResult = {
  label: string;
  path: string;
  large: boolean;
  size: number;
  entries?: number;
  dexCount?: number;
  uncompressed?: number;
  floorMs: number;
  dfslabMs: number;
  ratio?: number;
  /** Floor over only the entries inspect reads (see measure.ts readerFloorOnce), and inspect's ratio to it. */
  readerFloorMs?: number;
  readerEntries?: number;
  readerRatio?: number;
  floorCpuMs: number;
  dfslabCpuMs: number;
  cpuRatio?: number;
  floorRuns: number[];
  dfslabRuns: number[];
  inspectOk: boolean;
  inspectError?: string;
  partErrors?: number;
  timingsMs?: Record<string, number>;
  /** Peak RSS of a fresh process that ran one inspect, and of one that only loaded modules and read the file. */
  peakRss?: number;
  baselineRss?: number;
  /** RSS of the inspect process with Node and the modules loaded, before the file was read. */
  loadedRss?: number;
  /** peakRss − loadedRss: the file's bytes plus everything inspect allocated, at the peak. */
  inspectRss?: number;
  coldMs?: number;
  /** Live JS heap and ArrayBuffer bytes (the file included) at the end of the inspect child. */
  heapUsed?: number;
  arrayBuffers?: number;
  /** inspectRss / uncompressed size of the APK (the memory goal: ≤ 3). */
  memRatio?: number;
  /** peakRss / uncompressed size, Node's own ~100 MiB included. */
  peakRatio?: number;
  aapt?: PeerSummary;
  dexdump?: PeerSummary;
  androguard?: PeerSummary & { stats?: AndroguardStats };
  speedupVsAndroguard?: number;
  /** `dfslab audit` with every check (parse + checks + report), median wall ms, and its ratio to the floor. */
  auditMs?: number;
  auditRatio?: number;
  auditFindings?: number;
  auditSpeedupVsAndroguard?: number;
};

type MemChildOut = {
  maxRss: number;
  rssBefore: number;
  heapUsed: number;
  arrayBuffers: number;
  ms: number;
  ok: boolean;
};

async function memChild(path: string, mode: 'inspect' | 'baseline'): Promise<MemChildOut | undefined> {
  const r = await runTool(
    process.execPath,
    ['--import', 'tsx', join(BENCH_DIR, 'mem-child.ts'), path, mode],
    MEM_TIMEOUT,
    true,
  );
  try {
    return JSON.parse(r.stdoutTail.trim().split('\n').pop() ?? '') as MemChildOut;
  } catch {
    log(`  memory child failed: ${r.stderrTail.slice(-500)}`);
    return undefined;
  }
}

function summary(r: { ms: number; maxRss?: number; ok: boolean; note?: string }): PeerSummary {
  return { ms: r.ms, maxRss: r.maxRss, ok: r.ok, note: r.note };
}

export type FileBenchOptions = { runs: number; androguard: boolean; large: boolean };

export async function runFileBench(label: string, path: string, opts: FileBenchOptions): Promise<FileResult> {
  const bytes = readBytes(path);
  const shape = zipShape(bytes);
  log(`  floor vs inspect, ${opts.runs} runs …`);
  const pair = await measurePair(bytes, path, opts.runs);
  const res: FileResult = {
    label,
    path,
    large: opts.large,
    size: bytes.length,
    entries: shape?.entries,
    dexCount: shape?.dexCount,
    uncompressed: shape?.uncompressed,
    floorMs: pair.floorMs,
    dfslabMs: pair.dfslabMs,
    ratio: pair.floorMs > 0 ? pair.dfslabMs / pair.floorMs : undefined,
    readerFloorMs: pair.readerFloorMs,
    readerEntries: pair.readerEntries,
    readerRatio: pair.readerFloorMs ? pair.dfslabMs / pair.readerFloorMs : undefined,
    floorCpuMs: pair.floorCpuMs,
    dfslabCpuMs: pair.dfslabCpuMs,
    cpuRatio: pair.floorCpuMs > 0 ? pair.dfslabCpuMs / pair.floorCpuMs : undefined,
    floorRuns: pair.floorRuns,
    dfslabRuns: pair.dfslabRuns,
    inspectOk: pair.outcome.ok,
    inspectError: pair.outcome.error,
    partErrors: pair.outcome.partErrors,
    timingsMs: pair.outcome.timingsMs,
  };

  if (!shape?.isDex) {
    log(`  audit (all checks), ${opts.runs} runs …`);
    const a = await measureAudit(bytes, path, opts.runs);
    if (a) {
      res.auditMs = a.ms;
      res.auditFindings = a.findings;
      if (pair.floorMs > 0) res.auditRatio = a.ms / pair.floorMs;
    }
  }

  log('  peak memory (fresh process) …');
  const mem = await memChild(path, 'inspect');
  const base = await memChild(path, 'baseline');
  if (mem) {
    res.peakRss = mem.maxRss;
    res.loadedRss = mem.rssBefore;
    res.inspectRss = mem.maxRss - mem.rssBefore;
    res.heapUsed = mem.heapUsed;
    res.arrayBuffers = mem.arrayBuffers;
    res.coldMs = mem.ms;
    if (res.uncompressed) {
      res.memRatio = res.inspectRss / res.uncompressed;
      res.peakRatio = mem.maxRss / res.uncompressed;
    }
  }
  if (base) res.baselineRss = base.maxRss;

  if (!shape?.isDex) {
    log('  aapt dump badging …');
    res.aapt = summary(await aapt(path, PEER_TIMEOUT));
  }
  if (shape && shape.dexCount > 0) {
    const tag = label;
    const dexFiles = shape.isDex ? [path] : extractDex(bytes, tag);
    log(`  dexdump -d over ${dexFiles.length} dex …`);
    const d = await dexdump(dexFiles, PEER_TIMEOUT);
    if (d) res.dexdump = summary(d);
    if (!shape.isDex) removeExtracted(tag);
  }
  if (opts.androguard) {
    log('  androguard AnalyzeAPK + xrefs …');
    const a = await androguard(path, ANDROGUARD_TIMEOUT);
    res.androguard = { ...summary(a), stats: a.stats };
    if (a.ok && res.dfslabMs > 0) res.speedupVsAndroguard = a.ms / res.dfslabMs;
    if (a.ok && res.auditMs) res.auditSpeedupVsAndroguard = a.ms / res.auditMs;
  }
  return res;
}
