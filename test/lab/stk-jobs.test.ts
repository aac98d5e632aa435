/**
 * STK audits as lab jobs: upload a capture (the weak simulated card's transcript, as
 * `dfslab stk audit` reads it), audit it, triage and download the reports; refusals of binary,
 * malformed and viewer uploads. The main flow also runs on the real PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addOrg, addUser, call, signIn, testLab, type Client, type TestLab } from '../lab-helpers.js';
import { STRONG, WEAK, transcript } from '../stk/transcripts.js';
import { NEEDS_PG, throwawayDb } from './throwaway-db.js';

const enc = (s: string) => new TextEncoder().encode(s);

type AuditBody = { kind: string; status: string; error: string | null; artifactSha256: string | null };

async function upload(lab: TestLab, who: Client, text: string | Uint8Array, name = 'capture.json') {
  return call(lab, who, 'POST', `/api/stk-audits?name=${name}`, typeof text === 'string' ? enc(text) : text);
}

async function mainFlow(lab: TestLab, ana: Client, worker: TestLab = lab) {
  const res = await upload(lab, ana, transcript(WEAK, true), 'weak-card.json');
  assert.equal(res.status, 202, await res.clone().text());
  const { id, created } = (await res.json()) as { id: string; created: boolean };
  assert.equal(created, true);
  await worker.deps.jobs.idle();
  const a = (await (await call(lab, ana, 'GET', `/api/audits/${id}`)).json()) as AuditBody;
  assert.equal(a.status, 'succeeded', a.error ?? '');
  assert.equal(a.kind, 'stk');
  const { findings } = (await (await call(lab, ana, 'GET', `/api/audits/${id}/findings`)).json()) as {
    findings: { id: string; checkId: string }[];
  };
  const ids = new Set(findings.map((f) => f.checkId));
  for (const c of ['STK-001', 'STK-002', 'STK-003', 'STK-004', 'STK-005', 'STK-006', 'STK-007', 'STK-008'])
    assert.ok(ids.has(c), `${c} in ${[...ids].join(',')}`);
  assert.equal(
    (
      await call(lab, ana, 'PATCH', `/api/findings/${findings[0].id}`, {
        status: 'accepted-risk',
        reason: 'test card',
      })
    ).status,
    200,
  );
  const sarif = (await (await call(lab, ana, 'GET', `/api/audits/${id}/report.sarif`)).json()) as {
    runs: { results: unknown[] }[];
  };
  assert.equal(sarif.runs[0].results.length, findings.length);
  const html = await (await call(lab, ana, 'GET', `/api/audits/${id}/report.html`)).text();
  assert.match(html, /STK-001/);
  const json = (await (await call(lab, ana, 'GET', `/api/audits/${id}/report.json`)).json()) as {
    target: { kind: string; fileName: string };
  };
  assert.deepEqual([json.target.kind, json.target.fileName], ['stk', 'weak-card.json']);
  // the same bytes again: the existing audit
  const again = await upload(lab, ana, transcript(WEAK, true), 'weak-card.json');
  assert.equal(again.status, 200);
  assert.equal(((await again.json()) as { id: string }).id, id);
  return id;
}

describe('STK audits as lab jobs (PGlite)', () => {
  let lab: TestLab;
  let ana: Client;
  let vic: Client;
  before(async () => {
    lab = await testLab();
    const org = await addOrg(lab, 'STK Org', 'mobile network operator', 'GH');
    await addUser(lab, org, 'stk@a.example', 'pw-stk', 'analyst');
    await addUser(lab, org, 'stkv@a.example', 'pw-stkv', 'viewer');
    [ana, vic] = await Promise.all([
      signIn(lab, 'stk@a.example', 'pw-stk'),
      signIn(lab, 'stkv@a.example', 'pw-stkv'),
    ]);
  });
  after(() => lab.dispose());

  it('audits an uploaded capture: findings, triage, reports; the same bytes once', async () => {
    await mainFlow(lab, ana);
  });

  it('compares two STK audits by fingerprint', async () => {
    const weak = (await (await call(lab, ana, 'GET', '/api/audits')).json()) as { audits: { id: string }[] };
    const res = await upload(lab, ana, transcript(STRONG, true), 'strong-card.json');
    const { id } = (await res.json()) as { id: string };
    await lab.deps.jobs.idle();
    const cmp = (await (
      await call(lab, ana, 'GET', `/api/audits/${id}/compare?base=${weak.audits[0].id}`)
    ).json()) as {
      new: unknown[];
      fixed: unknown[];
    };
    assert.equal(cmp.new.length, 0, 'the strong card has no finding');
    assert.ok(cmp.fixed.length > 0);
  });

  it('ends a malformed capture failed with the parser message, and refuses binary uploads', async () => {
    const res = await upload(lab, ana, '{"format": "dfslab-stk-capture", "exchanges": 5}', 'bad.json');
    assert.equal(res.status, 202);
    const { id } = (await res.json()) as { id: string };
    await lab.deps.jobs.idle();
    const a = (await (await call(lab, ana, 'GET', `/api/audits/${id}`)).json()) as AuditBody;
    assert.equal(a.status, 'failed');
    assert.match(a.error ?? '', /stk/i);
    assert.equal((await upload(lab, ana, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).status, 415);
    assert.equal((await upload(lab, ana, new Uint8Array([0x7b, 0, 0x7d]))).status, 415);
    assert.equal((await upload(lab, ana, new Uint8Array())).status, 415);
  });

  it('viewers cannot upload', async () => {
    assert.equal((await upload(lab, vic, transcript(WEAK, false))).status, 403);
  });
});

describe('STK audits on the real PostgreSQL', { skip: NEEDS_PG }, () => {
  it('a server enqueues, another lab instance audits the capture', async () => {
    const db = await throwawayDb();
    const server = await testLab({ store: { url: db.url }, work: false });
    const worker = await testLab({ store: { url: db.url }, dataDir: server.tmp });
    try {
      const org = await addOrg(server, 'STK PG', 'mobile network operator', 'GH');
      await addUser(server, org, 'pg-stk@a.example', 'pw-pg', 'analyst');
      const ana = await signIn(server, 'pg-stk@a.example', 'pw-pg');
      await mainFlow(server, ana, worker);
    } finally {
      await worker.close();
      await server.dispose();
      await db.drop();
    }
  });
});
