/** Audit jobs on pg-boss (PGlite): progress while running; a job that keeps failing ends failed. */
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { artifactPath } from '../../src/lab/audits/upload-artifact.js';
import { findings } from '../../src/store/schema.js';
import {
  addOrg,
  addUser,
  call,
  signIn,
  testLab,
  type Client,
  type TestLab,
  uploadDemo,
} from '../lab-helpers.js';
import { NEEDS_PG, throwawayDb } from './throwaway-db.js';

const DEMO = join(import.meta.dirname, '../../samples/demo-wallet.apk');

type AuditBody = {
  status: string;
  progress: string | null;
  progressPercent: number | null;
  error: string | null;
};

describe('audit jobs: progress and giving up', () => {
  let lab: TestLab;
  let ana: Client;
  before(async () => {
    lab = await testLab({ workOptions: { testJobDelayMs: 1500 } });
    const org = await addOrg(lab, 'Jobs Org');
    await addUser(lab, org, 'jobs@a.example', 'pw-jobs', 'analyst');
    ana = await signIn(lab, 'jobs@a.example', 'pw-jobs');
  });
  after(() => lab.dispose());

  const upload = async (bytes: Uint8Array, name: string) => {
    const up = await call(lab, ana, 'POST', `/api/artifacts?name=${name}`, bytes);
    return ((await up.json()) as { sha256: string }).sha256;
  };
  const get = async (id: string) =>
    (await (await call(lab, ana, 'GET', `/api/audits/${id}`)).json()) as AuditBody;

  it('shows the stage of a running audit in GET /api/audits/:id', async () => {
    const sha256 = await upload(new Uint8Array(await readFile(DEMO)), 'demo.apk');
    const { id } = (await (
      await call(lab, ana, 'POST', '/api/audits', { artifactSha256: sha256 })
    ).json()) as {
      id: string;
    };
    const seen = new Set<string>();
    const percents: number[] = [];
    const end = Date.now() + 20_000;
    let last: AuditBody = await get(id);
    while (last.status !== 'succeeded' && last.status !== 'failed' && Date.now() < end) {
      if (last.status === 'running' && last.progress) seen.add(last.progress);
      if (last.status === 'running' && last.progressPercent !== null) percents.push(last.progressPercent);
      await new Promise((r) => setTimeout(r, 50));
      last = await get(id);
    }
    assert.equal(last.status, 'succeeded', last.error ?? '');
    assert.equal(last.progress, null);
    assert.ok(seen.has('waiting (test delay)'), [...seen].join(' | '));
    // the percentage only moves forward, reaches the checks (30–90 %) and is 100 at the end
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
    );
    assert.ok(
      percents.some((p) => p >= 5 && p < 100),
      `percentages seen: ${percents.join(',')}; steps: ${[...seen].join(' | ')}`,
    );
    assert.equal(last.progressPercent, 100);
  });

  it('ends an audit whose job keeps failing as failed, with its error, after the retry limit', async () => {
    // bytes that differ from the demo (a new artifact), whose stored file then disappears
    const bytes = new Uint8Array(await readFile(DEMO));
    const copy = new Uint8Array(bytes.length + 1);
    copy.set(bytes);
    const sha256 = await upload(copy, 'gone.apk');
    await rm(artifactPath(lab.tmp, sha256));
    const { id } = (await (
      await call(lab, ana, 'POST', '/api/audits', { artifactSha256: sha256 })
    ).json()) as {
      id: string;
    };
    await lab.deps.jobs.idle();
    const a = await get(id);
    assert.equal(a.status, 'failed');
    assert.match(a.error ?? '', /^gave up after 3 attempts: internal error while auditing \(ENOENT\)/);
    assert.doesNotMatch(a.error ?? '', /\/tmp|artifacts\//);
    const rows = await lab.deps.db.select().from(findings).where(eq(findings.auditId, id));
    assert.equal(rows.length, 0);
  });
});

/**
 * The audit row and its pg-boss job are written in one transaction: a failing enqueue leaves no
 * audit row, and a transaction failing after the enqueue leaves no job. Failures are injected
 * with triggers that raise, on PGlite and on the real PostgreSQL.
 */
const exec = (lab: TestLab, text: string) => lab.deps.db.execute(sql.raw(text));
const count = async (lab: TestLab, text: string) => {
  const r = (await exec(lab, text)) as unknown as { rows: { n: number | string }[] };
  return Number(r.rows[0].n);
};
const FAIL_FN = (name: string) => `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'injected failure'; END $$`;

function transactionalEnqueue(
  backend: string,
  makeLab: () => Promise<{ lab: TestLab; done(): Promise<void> }>,
) {
  describe(`audit row and job in one transaction (${backend})`, () => {
    let lab: TestLab;
    let done: () => Promise<void>;
    let ana: Client;
    let sha256 = '';
    const audits = () => count(lab, 'SELECT count(*) AS n FROM audits');
    const jobs = () => count(lab, "SELECT count(*) AS n FROM pgboss.job WHERE name = 'dfslab-audit'");
    before(async () => {
      ({ lab, done } = await makeLab());
      const org = await addOrg(lab, 'Tx Org');
      await addUser(lab, org, 'tx@a.example', 'pw-tx', 'analyst');
      ana = await signIn(lab, 'tx@a.example', 'pw-tx');
      sha256 = await uploadDemo(lab, ana);
    });
    after(() => done());

    it('a failing enqueue leaves no audit row (and no audit-log line)', async () => {
      await exec(lab, FAIL_FN('dfslab_test_fail'));
      await exec(
        lab,
        'CREATE TRIGGER dfslab_test_no_jobs BEFORE INSERT ON pgboss.job FOR EACH ROW EXECUTE FUNCTION dfslab_test_fail()',
      );
      try {
        const res = await call(lab, ana, 'POST', '/api/audits', { artifactSha256: sha256 });
        assert.equal(res.status, 500);
        assert.doesNotMatch(await res.text(), /injected/);
      } finally {
        await exec(lab, 'DROP TRIGGER dfslab_test_no_jobs ON pgboss.job');
      }
      assert.equal(await audits(), 0);
      assert.equal(await jobs(), 0);
      assert.equal(await count(lab, "SELECT count(*) AS n FROM audit_log WHERE action = 'audit.create'"), 0);
    });

    it('a transaction failing after the enqueue leaves no job', async () => {
      await exec(lab, FAIL_FN('dfslab_test_fail'));
      await exec(
        lab,
        'CREATE TRIGGER dfslab_test_no_log BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION dfslab_test_fail()',
      );
      try {
        assert.equal((await call(lab, ana, 'POST', '/api/audits', { artifactSha256: sha256 })).status, 500);
      } finally {
        await exec(lab, 'DROP TRIGGER dfslab_test_no_log ON audit_log');
      }
      assert.equal(await audits(), 0);
      assert.equal(await jobs(), 0);
    });

    it('otherwise writes exactly one audit row and one job that names it', async () => {
      const res = await call(lab, ana, 'POST', '/api/audits', { artifactSha256: sha256 });
      assert.equal(res.status, 202);
      const { id } = (await res.json()) as { id: string };
      assert.equal(await audits(), 1);
      assert.equal(
        await count(lab, `SELECT count(*) AS n FROM pgboss.job WHERE data->>'auditId' = '${id}'`),
        1,
      );
      assert.equal(await jobs(), 1);
    });
  });
}

transactionalEnqueue('PGlite', async () => {
  const lab = await testLab({ work: false });
  return { lab, done: () => lab.dispose() };
});

describe('on the real PostgreSQL', { skip: NEEDS_PG }, () => {
  transactionalEnqueue('PostgreSQL', async () => {
    const db = await throwawayDb();
    const lab = await testLab({ store: { url: db.url }, work: false });
    return {
      lab,
      done: async () => {
        await lab.dispose();
        await db.drop();
      },
    };
  });
});
