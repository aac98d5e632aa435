/**
 * Small helpers shared by the benchmark and the fuzz campaign: paths, argument parsing,
 * statistics, formatting and progress output (stderr, so stdout stays a clean report).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(BENCH_DIR, '..');
export const OUT_DIR = join(BENCH_DIR, 'out');
export const SHARED_APKS = resolve(ROOT, '..', 'shared', 'apks');
export const MiB = 1024 * 1024;

export function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

/** A file's bytes as a plain Uint8Array view (no copy). */
export function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export type ManifestRow = { path: string; size: number; sha256: string };

/** Rows of /work/shared/apks/MANIFEST.tsv (path relative to SHARED_APKS). */
export function sharedRows(): ManifestRow[] {
  const lines = readFileSync(join(SHARED_APKS, 'MANIFEST.tsv'), 'utf8').split('\n');
  const out: ManifestRow[] = [];
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const [path, size, sha256] = line.split('\t');
    out.push({ path, size: Number(size), sha256 });
  }
  return out;
}

/** The folder a shared file is summarised under (apksig vectors get their own row). */
export function folderOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'androguard')
    return parts[2] === 'apksig' ? 'androguard/APK/apksig' : `androguard/${parts[1]}`;
  return parts[0];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `gc()` without needing --expose-gc on the command line (npm scripts are fixed). */
export function getGc(): () => void {
  setFlagsFromString('--expose_gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
}

type ArgSpec = Record<string, 'bool' | 'string' | 'number'>;
export type ParsedArgs = Record<string, string | number | boolean | undefined>;

/** `--name value` / `--flag` parsing against a spec; unknown options are an error. */
export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.replace(/^--/, '');
    const kind = spec[name];
    if (!a.startsWith('--') || kind === undefined)
      throw new Error(
        `unknown option ${a}; known: ${Object.keys(spec)
          .map((k) => `--${k}`)
          .join(' ')}`,
      );
    if (kind === 'bool') {
      out[name] = true;
      continue;
    }
    const v = argv[++i];
    if (v === undefined) throw new Error(`option ${a} needs a value`);
    if (kind === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error(`option ${a} needs a number, got ${v}`);
      out[name] = n;
      continue;
    }
    out[name] = v;
  }
  return out;
}

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}

export function fmtMiB(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  return (bytes / MiB).toFixed(1);
}

export function fmtRatio(r: number | undefined): string {
  if (r === undefined || !Number.isFinite(r)) return '—';
  return `${r.toFixed(2)}x`;
}

/** A markdown table; every cell already formatted. */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The machine a benchmark ran on, recorded with its figures. */
export function benchEnv(): { node: string; cpu: string | undefined; cores: number; totalMemMiB: number } {
  return {
    node: process.version,
    cpu: cpus()[0]?.model,
    cores: availableParallelism(),
    totalMemMiB: Math.round(totalmem() / MiB),
  };
}

/** Writes `bench/out/<kind>-<start time>.json` (every number of a run) and says where. */
export function writeBenchJson(kind: string, started: Date, data: Record<string, unknown>): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const stamp = started.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
  const path = join(OUT_DIR, `${kind}-${stamp}.json`);
  writeFileSync(
    path,
    `${JSON.stringify({ date: started.toISOString(), env: benchEnv(), ...data }, null, 2)}\n`,
  );
  log(`wrote ${path}`);
  return path;
}
