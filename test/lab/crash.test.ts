/**
 * The crash test: two `dfslab worker` processes on a real PostgreSQL; the one that took the audit
 * is SIGKILLed mid-job; the job completes exactly once on the other and nothing is lost. Needs
 * DFSLAB_TEST_DATABASE_URL (scripts/test.mjs starts a server; in CI a missing one is an error).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { addOrg, addUser, call, signIn, testLab, type TestLab, uploadDemo } from '../lab-helpers.js';

const ADMIN_URL = process.env.DFSLAB_TEST_DATABASE_URL;
const ROOT = join(import.meta.dirname, '../..');
// The survivor's attempt must finish within the expiry: the 2.5 s hold plus the analysis, with
// room for a loaded 2-core CI box (at 3 s a slow analysis was itself expired and retried).
const EXPIRY_S = 5;
const DELAY_MS = 2500;

if (!ADMIN_URL && (process.env.CI === 'true' || process.env.CI === '1')) {
  throw new Error(
    'DFSLAB_TEST_DATABASE_URL is not set: scripts/pg-test-server.sh could not start PostgreSQL',
  );
}

type Proc = {
  child: ChildProcess;
  out: string[];
  exited: Promise<{ code: number | null; signal: string | null }>;
};

function worker(url: string, dataDir: string, extra: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, DFSLAB_TEST_JOB_DELAY_MS: String(DELAY_MS), ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  child.stdout?.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => out.push(d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((res) =>
    child.once('exit', (code, signal) => res({ code, signal })),
  );
  return { child, out, exited };
}

async function waitFor<T>(
  what: string,
  f: () => Promise<T | undefined> | T | undefined,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(
  'two dfslab workers, one SIGKILLed mid-job',
  { skip: ADMIN_URL ? false : 'DFSLAB_TEST_DATABASE_URL not set' },
  () => {
    const dbName = `dfslab_crash_${randomBytes(6).toString('hex')}`;
    let url = '';
    let server: TestLab | undefined;
    const procs: Proc[] = [];

    before(async () => {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.end();
      const u = new URL(ADMIN_URL ?? '');
      u.pathname = `/${dbName}`;
      url = u.toString();
    });
    after(async () => {
      for (const p of procs)
        if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await server?.dispose();
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    });

    it('refuses to start without DATABASE_URL, and on an un-migrated database', async () => {
      const none = worker('', '/nonexistent');
      const r0 = await none.exited;
      assert.equal(r0.code, 2);
      assert.match(none.out.join(''), /needs DATABASE_URL/);
      const early = worker(url, '/nonexistent');
      const r = await early.exited;
      assert.equal(r.code, 2, early.out.join(''));
      assert.match(early.out.join(''), /not migrated .*--migrate/);
      assert.doesNotMatch(early.out.join(''), /\n\s+at /);
    });

    it('completes the job exactly once on the surviving worker, within bounded time', async () => {
      const t0 = Date.now();
      // the server only enqueues (and migrates); short expiry so the retry comes quickly
      server = await testLab({
        store: { url },
        work: false,
        jobSettings: { expireInSeconds: EXPIRY_S, retryLimit: 2 },
      });
      const a = worker(url, server.tmp);
      const b = worker(url, server.tmp);
      procs.push(a, b);
      await waitFor('both workers ready', () =>
        [a, b].every((p) => p.out.join('').includes('taking audit jobs')) ? true : undefined,
      );
      const org = await addOrg(server, 'Crash Org', 'DFS provider', 'TZ');
      await addUser(server, org, 'crash@a.example', 'pw-crash', 'analyst');
      const ana = await signIn(server, 'crash@a.example', 'pw-crash');
      const sha256 = await uploadDemo(server, ana);
      const started = await call(server, ana, 'POST', '/api/audits', { artifactSha256: sha256 });
      assert.equal(started.status, 202);
      const { id } = (await started.json()) as { id: string };

      const first = `audit ${id} attempt 1`;
      const victim = await waitFor('a worker to take the job', () =>
        [a, b].find((p) => p.out.join('').includes(first)),
      );
      const survivor = victim === a ? b : a;
      // mid-job: the row shows it running, with its progress
      const during = await waitFor('progress while running', async () => {
        const r = (await (await call(server!, ana, 'GET', `/api/audits/${id}`)).json()) as {
          status: string;
          progress: string | null;
        };
        return r.status === 'running' && r.progress ? r : undefined;
      });
      assert.match(during.progress ?? '', /waiting|starting/);
      victim.child.kill('SIGKILL');
      assert.equal((await victim.exited).signal, 'SIGKILL');

      const done = await waitFor(
        'the audit to finish on the survivor',
        async () => {
          const r = (await (await call(server!, ana, 'GET', `/api/audits/${id}`)).json()) as {
            status: string;
            error: string | null;
          };
          return r.status === 'succeeded' || r.status === 'failed' ? r : undefined;
        },
        40_000,
      );
      assert.equal(done.status, 'succeeded', done.error ?? '');
      assert.match(survivor.out.join(''), new RegExp(`audit ${id} attempt 2`));
      assert.ok(!victim.out.join('').includes(`audit ${id} attempt 2`));

      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        const audits = await db.query('SELECT id, status, report FROM audits WHERE artifact_sha256 = $1', [
          sha256,
        ]);
        assert.equal(audits.rows.length, 1);
        const expected = (audits.rows[0].report as { findings: unknown[] }).findings.length;
        assert.ok(expected > 0);
        const f = await db.query(
          'SELECT count(*)::int AS n, count(DISTINCT ordinal)::int AS d, count(DISTINCT fingerprint)::int AS fp FROM findings WHERE audit_id = $1',
          [id],
        );
        assert.equal(f.rows[0].n, expected);
        assert.equal(f.rows[0].d, expected);
        const jobs = await db.query(`SELECT state, retry_count FROM pgboss.job WHERE name = 'dfslab-audit'`);
        assert.deepEqual(jobs.rows, [{ state: 'completed', retry_count: 1 }]);
        const dead = await db.query(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'dfslab-audit-dead'`,
        );
        assert.equal(dead.rows[0].n, 0);
      } finally {
        await db.end();
      }
      // graceful stop
      survivor.child.kill('SIGTERM');
      const r = await survivor.exited;
      assert.equal(r.code, 0, survivor.out.join(''));
      assert.ok(Date.now() - t0 < 60_000, `took ${Date.now() - t0} ms`);
    });
  },
);
