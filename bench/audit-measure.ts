/**
 * In-process audit measurements: the floor and a full `auditApk` (every check, report built)
 * interleaved with a GC before each run, per-check medians, and a CPU profile of warm audits.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, relative } from 'node:path';
import { auditApk } from '../src/android/audit/audit.js';
import { getGc, median, OUT_DIR, ROOT } from './common.js';
import { floorOnce } from './measure.js';
import { summarizeProfile, type ProfileSummary } from './profile.js';

const gc = getGc();

export type AuditOnce = { findings: number; checkMs: Map<string, number> };

export async function auditOnce(bytes: Uint8Array, name: string): Promise<AuditOnce> {
  const { report } = await auditApk(bytes, name, { tool: { name: 'dfslab', version: 'bench' } });
  const checkMs = new Map<string, number>();
  for (const t of report.timings ?? []) checkMs.set(t.checkId, t.ms);
  return { findings: report.findings.length, checkMs };
}

export type AuditPair = {
  floorMs: number;
  auditMs: number;
  /** Medians of process CPU time (user + system): steadier than wall clock on a busy machine. */
  floorCpuMs: number;
  auditCpuMs: number;
  floorRuns: number[];
  auditRuns: number[];
  /** The audit's first run in this process (JIT cold for this app; modules already loaded). */
  firstAuditMs: number;
  findings: number;
  /** Median ms per check, slowest first. */
  checks: { id: string; ms: number }[];
};

/** Median of `runs` floor and audit runs, interleaved after one warm-up of each. */
export async function measureAuditPair(bytes: Uint8Array, name: string, runs: number): Promise<AuditPair> {
  floorOnce(bytes);
  const t0 = performance.now();
  const first = await auditOnce(bytes, name);
  const firstAuditMs = performance.now() - t0;
  const floorRuns: number[] = [];
  const auditRuns: number[] = [];
  const floorCpu: number[] = [];
  const auditCpu: number[] = [];
  const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
  const perCheck = new Map<string, number[]>();
  for (let i = 0; i < runs; i++) {
    gc();
    let c = process.cpuUsage();
    let t = performance.now();
    floorOnce(bytes);
    floorRuns.push(performance.now() - t);
    floorCpu.push(cpuMs(process.cpuUsage(c)));
    gc();
    c = process.cpuUsage();
    t = performance.now();
    const a = await auditOnce(bytes, name);
    auditRuns.push(performance.now() - t);
    auditCpu.push(cpuMs(process.cpuUsage(c)));
    for (const [id, ms] of a.checkMs) perCheck.set(id, [...(perCheck.get(id) ?? []), ms]);
  }
  const checks = [...perCheck.entries()]
    .map(([id, xs]) => ({ id, ms: median(xs) }))
    .sort((a, b) => b.ms - a.ms);
  return {
    floorMs: median(floorRuns),
    auditMs: median(auditRuns),
    floorCpuMs: median(floorCpu),
    auditCpuMs: median(auditCpu),
    floorRuns,
    auditRuns,
    firstAuditMs,
    findings: first.findings,
    checks,
  };
}

/** CPU profile of `runs` warm audits, written under bench/out/prof and summarised. */
export async function profileAudit(
  tag: string,
  bytes: Uint8Array,
  name: string,
  runs: number,
): Promise<ProfileSummary> {
  const dir = join(OUT_DIR, 'prof');
  mkdirSync(dir, { recursive: true });
  await auditOnce(bytes, name);
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let i = 0; i < runs; i++) await auditOnce(bytes, name);
    const { profile } = await session.post('Profiler.stop');
    const path = join(dir, `audit-${tag.replace(/[^\w.-]+/g, '_')}.cpuprofile`);
    writeFileSync(path, JSON.stringify(profile));
    return { file: name, profile: relative(ROOT, path), ...summarizeProfile(path, 30) };
  } finally {
    session.disconnect();
  }
}
