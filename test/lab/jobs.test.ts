/** Audit jobs on pg-boss (PGlite): progress while running; a job that keeps failing ends failed. */
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { artifactPath } from '../../src/lab/audits/upload-artifact.js';
import { findings } from '../../src/store/schema.js';
import { addOrg, addUser, call, signIn, testLab, type Client, type TestLab } from '../lab-helpers.js';

const DEMO = join(import.meta.dirname, '../../samples/demo-wallet.apk');

type AuditBody = { status: string; progress: string | null; error: string | null };

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
    const end = Date.now() + 20_000;
    let last: AuditBody = await get(id);
    while (last.status !== 'succeeded' && last.status !== 'failed' && Date.now() < end) {
      if (last.status === 'running' && last.progress) seen.add(last.progress);
      await new Promise((r) => setTimeout(r, 50));
      last = await get(id);
    }
    assert.equal(last.status, 'succeeded', last.error ?? '');
    assert.equal(last.progress, null);
    assert.ok(seen.has('waiting (test delay)'), [...seen].join(' | '));
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
