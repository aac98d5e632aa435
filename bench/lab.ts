/**
 * The lab server benchmark (`npm run bench -- --lab [options]`): authenticated read throughput and
 * latency with wrk on loopback, for PGlite and a real PostgreSQL, against a bare Hono route as the
 * ceiling; then audits per minute with 1 and 2 `dfslab worker` processes. Markdown on stdout,
 * progress on stderr, every figure in bench/out/lab-<date>.json. See bench/README.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { MiB, fmtMs, log, mdTable, median, parseArgs, writeBenchJson } from './common.js';
import { adminUrl, BENCH_LINE, createBenchDb, spawnNode, type BenchDb } from './lab-procs.js';
import { auditsPerMinute, workerApks, type WorkersResult } from './lab-workers.js';
import { wrk, wrkAvailable, type WrkResult } from './lab-wrk.js';

/** The goal for authenticated reads on PostgreSQL, 2 cores shared with the load tool. */
export const GOAL_RPS = 3000;
export const GOAL_P99_MS = 50;

type Backend = 'bare' | 'pglite' | 'postgres';
type Auth = 'none' | 'token' | 'cookie';
type Route = 'bare' | 'findings' | 'audits';

export type ReadRow = {
  backend: Backend;
  auth: Auth;
  route: Route;
  path: string;
  runs: WrkResult[];
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
};

type Served = {
  url: string;
  token?: string;
  cookie?: string;
  auditId?: string;
  seedMs?: number;
  audits?: number;
  findings?: number;
};

const ROUTES: Record<Exclude<Route, 'bare'>, (s: Served) => string> = {
  findings: (s) => `/api/audits/${s.auditId}/findings`,
  audits: () => '/api/audits',
};

async function startServer(args: string[]): Promise<{ served: Served; stop(): Promise<void> }> {
  const { child, line } = await spawnNode(['bench/lab-server.ts', ...args], new RegExp(`^${BENCH_LINE}`));
  return { served: JSON.parse(line.slice(BENCH_LINE.length)) as Served, stop: child.stop };
}

function headersFor(auth: Auth, s: Served): Record<string, string> {
  if (auth === 'token') return { authorization: `Bearer ${s.token}` };
  if (auth === 'cookie') return { cookie: s.cookie ?? '' };
  return {};
}

type LoadOptions = { seconds: number; runs: number; connections: number };

async function measure(
  backend: Backend,
  auth: Auth,
  route: Route,
  s: Served,
  o: LoadOptions,
): Promise<ReadRow> {
  const path = route === 'bare' ? '/' : ROUTES[route](s);
  const headers = headersFor(auth, s);
  const probe = await fetch(s.url + path, { headers });
  const body = await probe.text();
  if (probe.status !== 200)
    throw new Error(`${backend} ${auth} ${path}: ${probe.status} ${body.slice(0, 200)}`);
  await wrk({ url: s.url + path, headers, seconds: Math.min(2, o.seconds), connections: o.connections });
  const runs: WrkResult[] = [];
  for (let i = 0; i < o.runs; i++)
    runs.push(await wrk({ url: s.url + path, headers, seconds: o.seconds, connections: o.connections }));
  const row: ReadRow = {
    backend,
    auth,
    route,
    path: route === 'findings' ? '/api/audits/{id}/findings' : path,
    runs,
    rps: median(runs.map((r) => r.rps)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    non2xx: runs.reduce((n, r) => n + r.non2xx + r.socketErrors, 0),
  };
  log(
    `  ${backend} ${auth} ${row.path}: ${row.rps.toFixed(0)} req/s, p50 ${fmtMs(row.p50Ms)} ms, p99 ${fmtMs(row.p99Ms)} ms`,
  );
  return row;
}

async function labReads(
  backend: 'pglite' | 'postgres',
  admin: string | undefined,
  o: LoadOptions,
): Promise<ReadRow[]> {
  const data = await mkdtemp(join(tmpdir(), `dfslab-bench-${backend}-`));
  let db: BenchDb | undefined;
  try {
    const args = ['lab', '--data', data];
    if (backend === 'postgres') {
      if (!admin) throw new Error('no PostgreSQL: set DFSLAB_BENCH_DATABASE_URL or install postgresql-15');
      db = await createBenchDb(admin);
      args.push('--url', db.url);
    }
    log(`${backend}: seeding and starting the lab …`);
    const server = await startServer(args);
    const s = server.served;
    log(`  seeded ${s.audits} audits, ${s.findings} findings in ${s.seedMs} ms`);
    try {
      const rows: ReadRow[] = [];
      for (const auth of ['token', 'cookie'] as const)
        for (const route of ['findings', 'audits'] as const)
          rows.push(await measure(backend, auth, route, s, o));
      return rows;
    } finally {
      await server.stop();
    }
  } finally {
    await db?.drop();
    await rm(data, { recursive: true, force: true });
  }
}

export function formatReads(rows: readonly ReadRow[]): string {
  // No request finished within wrk's timeout: there is no latency to show.
  const ms = (r: ReadRow, v: number) => (r.rps > 0 ? fmtMs(v) : '—');
  return mdTable(
    ['back end', 'auth', 'route', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
    rows.map((r) => [
      r.backend,
      r.auth,
      r.path,
      r.rps.toFixed(0),
      ms(r, r.p50Ms),
      ms(r, r.p99Ms),
      String(r.non2xx),
    ]),
  );
}

export function formatWorkers(rows: readonly WorkersResult[]): string {
  return mdTable(
    ['workers', 'APKs', 'MiB', 'seconds', 'audits/min', 'failed'],
    rows.map((r) => [
      String(r.workers),
      String(r.apks),
      (r.totalBytes / MiB).toFixed(1),
      r.seconds.toFixed(1),
      r.auditsPerMinute.toFixed(1),
      String(r.failed),
    ]),
  );
}

function goalLine(rows: readonly ReadRow[]): string {
  const pgAuth = rows.filter((r) => r.backend === 'postgres' && r.auth !== 'none');
  if (pgAuth.length === 0) return 'Goal: not measured (no PostgreSQL rows).';
  const worst = pgAuth.reduce((a, b) => (b.rps < a.rps ? b : a));
  const p99 = Math.max(...pgAuth.map((r) => r.p99Ms));
  const ok = worst.rps >= GOAL_RPS && p99 < GOAL_P99_MS;
  return (
    `Goal (PostgreSQL, authenticated): ≥ ${GOAL_RPS} req/s and p99 < ${GOAL_P99_MS} ms on every route — ` +
    `slowest ${worst.rps.toFixed(0)} req/s (${worst.auth} ${worst.path}), worst p99 ${fmtMs(p99)} ms: ${ok ? 'MET' : 'NOT MET'}`
  );
}

export async function runLabBench(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv, {
    quick: 'bool',
    seconds: 'number',
    runs: 'number',
    connections: 'number',
    only: 'string',
    apks: 'number',
  });
  const quick = args.quick === true;
  const o: LoadOptions = {
    seconds: typeof args.seconds === 'number' ? args.seconds : quick ? 5 : 10,
    runs: typeof args.runs === 'number' ? Math.max(1, Math.floor(args.runs)) : quick ? 1 : 3,
    connections: typeof args.connections === 'number' ? args.connections : 32,
  };
  const only = typeof args.only === 'string' ? args.only.split(',') : undefined;
  const want = (part: string) => only === undefined || only.includes(part);
  const nApks = typeof args.apks === 'number' ? args.apks : quick ? 8 : 24;
  if (!(await wrkAvailable()))
    throw new Error('wrk is not installed (apt-get install wrk, or bash scripts/setup-debian.sh)');
  const started = new Date();
  log(`dfslab lab bench: ${o.runs} run(s) × ${o.seconds} s, ${o.connections} connections, wrk -t1`);
  const admin = want('postgres') || want('workers') ? adminUrl() : undefined;

  const reads: ReadRow[] = [];
  if (want('bare')) {
    const bare = await startServer(['bare']);
    try {
      reads.push(await measure('bare', 'none', 'bare', bare.served, o));
    } finally {
      await bare.stop();
    }
  }
  if (want('pglite')) reads.push(...(await labReads('pglite', admin, o)));
  if (want('postgres')) reads.push(...(await labReads('postgres', admin, o)));

  const workers: WorkersResult[] = [];
  let workersError: string | undefined;
  if (want('workers')) {
    try {
      if (!admin) throw new Error('no PostgreSQL for the worker benchmark');
      const apks = workerApks(nApks);
      for (const n of [1, 2]) {
        log(`audits per minute with ${n} worker(s), ${apks.length} APKs …`);
        workers.push(await auditsPerMinute(admin, n, apks));
      }
    } catch (e) {
      // Keep the read figures already measured.
      workersError = e instanceof Error ? e.message : String(e);
      log(`workers benchmark failed: ${workersError}`);
    }
  }

  const out = [
    `# dfslab lab bench ${started.toISOString()}`,
    '',
    `node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, ${(totalmem() / MiB / 1024).toFixed(1)} GiB RAM; ` +
      `wrk -t1 -c${o.connections}, ${o.runs} × ${o.seconds} s (medians), server in its own process`,
  ];
  if (reads.length) out.push('', '## Reads', '', formatReads(reads), '', goalLine(reads));
  if (workersError) out.push('', `Audits per minute: FAILED (${workersError})`);
  if (workers.length)
    out.push(
      '',
      '## Audits per minute (PostgreSQL, `dfslab worker --concurrency 1`)',
      '',
      formatWorkers(workers),
    );
  process.stdout.write(`${out.join('\n')}\n`);

  writeBenchJson('lab', started, { load: o, reads, workers, workersError });
}
