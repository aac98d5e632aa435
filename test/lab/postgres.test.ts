/**
 * The same lab on a real PostgreSQL. Runs only when DFSLAB_TEST_DATABASE_URL points at a server
 * where it may create and drop databases (see docs/lab.md for starting a throwaway one).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { migrate } from '../../src/store/open.js';
import { addOrg, addUser, call, signIn, testLab, type TestLab } from '../lab-helpers.js';

const ADMIN_URL = process.env.DFSLAB_TEST_DATABASE_URL;
const DEMO = join(import.meta.dirname, '../../samples/demo-wallet.apk');

// In CI the server is mandatory (scripts/test.mjs starts one): a skipped real-server test would hide a red.
if (!ADMIN_URL && (process.env.CI === 'true' || process.env.CI === '1')) {
  throw new Error(
    'DFSLAB_TEST_DATABASE_URL is not set: scripts/pg-test-server.sh could not start PostgreSQL',
  );
}

describe('lab on a real PostgreSQL', { skip: ADMIN_URL ? false : 'DFSLAB_TEST_DATABASE_URL not set' }, () => {
  const dbName = `dfslab_test_${randomBytes(6).toString('hex')}`;
  let url = '';
  let server: TestLab;
  let worker: TestLab;

  before(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(ADMIN_URL ?? '');
    u.pathname = `/${dbName}`;
    url = u.toString();
    // a server that only enqueues, and a second process-like lab that works the queue
    server = await testLab({ store: { url }, work: false });
    worker = await testLab({ store: { url }, dataDir: server.tmp });
  });
  after(async () => {
    await worker?.close();
    await server?.dispose();
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('migrates once, however many labs start', async () => {
    assert.deepEqual(await migrate(server.deps.db), []);
    assert.ok(server.firstAdmin);
    assert.equal(worker.firstAdmin, undefined);
  });

  it('signs in, uploads, audits through pg-boss on another lab instance, and triages', async () => {
    const org = await addOrg(server, 'Wallet PG', 'DFS provider', 'UG');
    await addUser(server, org, 'pg@a.example', 'pw-pg', 'analyst');
    const ana = await signIn(server, 'pg@a.example', 'pw-pg');
    const up = await call(
      server,
      ana,
      'POST',
      '/api/artifacts?name=demo.apk',
      new Uint8Array(await readFile(DEMO)),
    );
    assert.equal(up.status, 201);
    const { sha256 } = (await up.json()) as { sha256: string };
    const started = await call(server, ana, 'POST', '/api/audits', { artifactSha256: sha256 });
    assert.equal(started.status, 202);
    const { id } = (await started.json()) as { id: string };
    await worker.deps.jobs.idle();
    const a = (await (await call(server, ana, 'GET', `/api/audits/${id}`)).json()) as {
      status: string;
      error: string | null;
    };
    assert.equal(a.status, 'succeeded', a.error ?? '');
    const { findings } = (await (await call(server, ana, 'GET', `/api/audits/${id}/findings`)).json()) as {
      findings: { id: string }[];
    };
    assert.ok(findings.length > 0);
    const t = await call(server, ana, 'PATCH', `/api/findings/${findings[0].id}`, { status: 'confirmed' });
    assert.equal(t.status, 200);
    assert.equal((await call(server, ana, 'GET', `/api/audits/${id}/report.sarif`)).status, 200);
  });
});
