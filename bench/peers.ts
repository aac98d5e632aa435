/**
 * Peer tools on the same file, each in its own process, timed by wall clock with peak RSS from
 * `/usr/bin/time -v`: `aapt dump badging`, `dexdump -d` over every loaded DEX (extracted first,
 * only dexdump timed) and androguard's full analysis (bench/androguard-full.py).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { readZip } from '../src/android/zip/index.js';
import { BENCH_DIR, OUT_DIR } from './common.js';

const KiB = 1024;
const TIME_BIN = '/usr/bin/time';
const PYTHON = '/usr/bin/python3';
const STDERR_TAIL = 64 * KiB;

export type ToolRun = {
  ms: number;
  maxRss?: number;
  exitCode: number | null;
  timedOut: boolean;
  stdoutTail: string;
  stderrTail: string;
};

export type PeerResult = ToolRun & { ok: boolean; note?: string };

function tail(s: string, add: string): string {
  const t = s + add;
  return t.length > STDERR_TAIL ? t.slice(-STDERR_TAIL) : t;
}

/** Runs `cmd args` under /usr/bin/time -v (when present); stdout is kept (tail) only if asked. */
export function runTool(
  cmd: string,
  args: readonly string[],
  timeoutMs: number,
  keepStdout = false,
): Promise<ToolRun> {
  const useTime = existsSync(TIME_BIN);
  const argv = useTime ? ['-v', cmd, ...args] : [...args];
  const bin = useTime ? TIME_BIN : cmd;
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(bin, argv, { stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'] });
    let stdoutTail = '';
    let stderrTail = '';
    let timedOut = false;
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdoutTail = tail(stdoutTail, d)));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderrTail = tail(stderrTail, d)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      stderrTail = tail(stderrTail, String(e));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderrTail);
      const maxRss = m ? Number(m[1]) * KiB : undefined;
      // /usr/bin/time reports the child's status as its own
      done({ ms, maxRss, exitCode: code, timedOut, stdoutTail, stderrTail });
    });
  });
}

export async function aapt(file: string, timeoutMs: number): Promise<PeerResult> {
  const r = await runTool('aapt', ['dump', 'badging', file], timeoutMs);
  return { ...r, ok: r.exitCode === 0 && !r.timedOut };
}

/** Extracts the loaded classes*.dex files of an APK into bench/out/tmp; returns their paths. */
export function extractDex(bytes: Uint8Array, tag: string): string[] {
  const dir = join(OUT_DIR, 'tmp', tag.replace(/[^\w.-]+/g, '_'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const zip = readZip(bytes);
  const out: string[] = [];
  for (const e of zip.entries) {
    if (!/^classes\d*\.dex$/.test(e.name)) continue;
    const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    const data = e.method === 0 ? raw : inflateRawSync(raw);
    const path = join(dir, e.name);
    writeFileSync(path, data);
    out.push(path);
  }
  return out;
}

export function removeExtracted(tag: string): void {
  rmSync(join(OUT_DIR, 'tmp', tag.replace(/[^\w.-]+/g, '_')), { recursive: true, force: true });
}

/** `dexdump -d` over the given DEX files in one process (output discarded). */
export async function dexdump(
  dexFiles: readonly string[],
  timeoutMs: number,
): Promise<PeerResult | undefined> {
  if (dexFiles.length === 0) return undefined;
  const r = await runTool('dexdump', ['-d', ...dexFiles], timeoutMs);
  return { ...r, ok: r.exitCode === 0 && !r.timedOut };
}

export type AndroguardStats = {
  importS: number;
  analyzeS: number;
  xrefsS: number;
  methods: number;
  xrefs: number;
  dex: number;
};

export async function androguard(
  file: string,
  timeoutMs: number,
): Promise<PeerResult & { stats?: AndroguardStats }> {
  const r = await runTool(PYTHON, [join(BENCH_DIR, 'androguard-full.py'), file], timeoutMs, true);
  const line = r.stdoutTail.trim().split('\n').pop() ?? '';
  let stats: AndroguardStats | undefined;
  try {
    stats = JSON.parse(line) as AndroguardStats;
  } catch {
    stats = undefined;
  }
  const ok = r.exitCode === 0 && !r.timedOut && stats !== undefined;
  const note = ok
    ? undefined
    : r.timedOut
      ? 'timeout'
      : r.stderrTail
          .trim()
          .split('\n')
          .filter((l) => !/^\s|^Command (exited|terminated)/.test(l))
          .slice(-1)[0];
  return { ...r, ok, stats, note };
}
