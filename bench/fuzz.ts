/**
 * dfslab mutation fuzz campaign: `npm run fuzz -- [--per-format N] [--seed S] [--format F] [--timeout MS] [--workers W]`.
 * For each format, N mutants of real seeds run in worker threads; a crash is any exception that is
 * not a DfslabError, a hang is a mutant that outlives the timeout twice. Crashing and hanging
 * inputs are saved under bench/out/fuzz/<format>/; the summary goes to stdout and
 * bench/out/fuzz-report.md. Exits 1 if anything crashed or hung. See bench/README.md.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT_DIR, log, parseArgs } from './common.js';
import { FuzzPool, type PoolResult } from './fuzz-pool.js';
import { hashSeed, makeRng, mutate, type Mutant } from './fuzz-mutate.js';
import { ALL_FORMATS, FORMATS, collectSeeds, type Format } from './fuzz-seeds.js';
import { fuzzReport, newStats, recordFinding, type FormatStats } from './fuzz-report.js';

const DEFAULT_PER_FORMAT = 10_000;
const DEFAULT_SEED = 0x5eed;
const DEFAULT_TIMEOUT_MS = 2000;
const DEFAULT_WORKERS = 2;
const PROGRESS_EVERY = 1000;

async function runFormat(
  format: Format,
  pool: FuzzPool,
  seeds: ReturnType<typeof collectSeeds>[Format],
  n: number,
  seed: number,
  fuzzDir: string,
): Promise<FormatStats> {
  const stats = newStats(format, seeds.length);
  rmSync(join(fuzzDir, format), { recursive: true, force: true }); // findings of an earlier run would mislead
  const t0 = performance.now();
  const inFlight = new Set<Promise<void>>();
  const handle = (i: number, m: Mutant, r: PoolResult) => {
    stats.mutants++;
    stats.maxMs = Math.max(stats.maxMs, r.ms);
    stats.totalMs += r.ms;
    if (r.ms > stats.slowest.ms) stats.slowest = { ms: r.ms, seedName: m.seedName, ops: m.ops, index: i };
    if (r.status === 'ok') stats.ok++;
    else if (r.status === 'typed') stats.typed++;
    else recordFinding(stats, fuzzDir, format, i, m, r);
    if (stats.mutants % PROGRESS_EVERY === 0) {
      log(
        `  ${format}: ${stats.mutants}/${n} (${((performance.now() - t0) / 1000).toFixed(0)} s, crashes ${stats.crashes}, hangs ${stats.hangs})`,
      );
    }
  };
  for (let i = 0; i < n; i++) {
    const m = mutate(makeRng(hashSeed(seed, format, i)), seeds);
    const p = pool.run({ id: i, format, bytes: m.bytes, variant: i }).then((r) => handle(i, m, r));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    // keep at most a couple of jobs queued beyond the workers, so memory stays flat
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  stats.wallMs = performance.now() - t0;
  return stats;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), {
    'per-format': 'number',
    seed: 'number',
    format: 'string',
    timeout: 'number',
    workers: 'number',
  });
  const n =
    typeof args['per-format'] === 'number' ? Math.max(1, Math.floor(args['per-format'])) : DEFAULT_PER_FORMAT;
  const seed = typeof args.seed === 'number' ? args.seed >>> 0 : DEFAULT_SEED;
  const timeoutMs = typeof args.timeout === 'number' ? args.timeout : DEFAULT_TIMEOUT_MS;
  const workers = typeof args.workers === 'number' ? Math.max(1, Math.floor(args.workers)) : DEFAULT_WORKERS;
  const only = typeof args.format === 'string' ? args.format.split(',') : undefined;
  for (const f of only ?? [])
    if (!(ALL_FORMATS as readonly string[]).includes(f))
      throw new Error(`unknown format ${f}; known: ${ALL_FORMATS.join(', ')}`);
  const formats = only ? ALL_FORMATS.filter((f) => only.includes(f)) : FORMATS;

  log(`collecting seeds from /work/shared/apks …`);
  const seeds = collectSeeds();
  for (const f of formats) log(`  ${f}: ${seeds[f].length} seeds`);
  const fuzzDir = join(OUT_DIR, 'fuzz');
  mkdirSync(fuzzDir, { recursive: true });
  const pool = new FuzzPool(workers, timeoutMs);
  const started = new Date();
  const all: FormatStats[] = [];
  try {
    for (const f of formats) {
      if (seeds[f].length === 0) {
        log(`${f}: no seeds, skipped`);
        continue;
      }
      log(`${f}: ${n} mutants …`);
      all.push(await runFormat(f, pool, seeds[f], n, seed, fuzzDir));
    }
  } finally {
    await pool.close();
  }
  const report = fuzzReport(all, { seed, perFormat: n, timeoutMs, workers, started });
  process.stdout.write(`${report}\n`);
  writeFileSync(join(OUT_DIR, 'fuzz-report.md'), `${report}\n`);
  log(`wrote ${join(OUT_DIR, 'fuzz-report.md')}`);
  const bad = all.reduce((s, x) => s + x.crashes + x.hangs, 0);
  process.exitCode = bad > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(2);
});
