/** Processes and databases for the lab benchmark: child servers/workers, throwaway PostgreSQL databases. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { ROOT } from './common.js';

/** The line a bench/lab-server.ts child prints when it is serving. */
export const BENCH_LINE = 'BENCH ';

export type Child = { proc: ChildProcess; stop(): Promise<void> };

/** Spawn `node --import tsx <args>` and wait for a stdout line matching `ready` (its text returned). */
export function spawnNode(
  args: readonly string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 300_000,
): Promise<{ child: Child; line: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((res) => proc.once('exit', () => res()));
  const child: Child = {
    proc,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(t);
    },
  };
  return new Promise((res, rej) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      rej(new Error(`${args.join(' ')}: not ready after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    const lines = createInterface({ input: proc.stdout! });
    lines.on('line', (line) => {
      if (!ready.test(line)) return;
      clearTimeout(timer);
      res({ child, line });
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`${args.join(' ')} exited with ${code} before it was ready\n${stderr}`));
    });
  });
}

/** The admin URL of a PostgreSQL where the benchmark may create databases (never the tests' own). */
export function adminUrl(): string | undefined {
  const given = process.env.DFSLAB_BENCH_DATABASE_URL ?? process.env.DFSLAB_TEST_DATABASE_URL;
  if (given) return given;
  const r = spawnSync('bash', [join(ROOT, 'scripts/pg-test-server.sh'), 'start'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n').pop() : undefined;
}

export type BenchDb = { url: string; drop(): Promise<void> };

/** A fresh database `dfslab_bench_<hex>` on the admin URL's server, dropped by `drop()`. */
export async function createBenchDb(admin: string): Promise<BenchDb> {
  const name = `dfslab_bench_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}
