import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addOrg, addUser, call, signIn, testLab, type Client, type TestLab } from '../lab-helpers.js';

const DEMO = join(import.meta.dirname, '../../samples/demo-wallet.apk');

type Finding = { id: string; checkId: string; severity: string; triage: string; triageReason: string | null };

describe('lab upload → audit → findings → triage', () => {
  let lab: TestLab;
  let ana: Client;
  let vic: Client;
  let bob: Client;
  let apk: Uint8Array;
  before(async () => {
    lab = await testLab({ limits: { maxUploadBytes: 1024 * 1024 } });
    const a = await addOrg(lab, 'Wallet A');
    const b = await addOrg(lab, 'Other B', 'mobile network operator', 'TZ');
    await addUser(lab, a, 'ana@a.example', 'pw-ana', 'analyst');
    await addUser(lab, a, 'vic@a.example', 'pw-vic', 'viewer');
    await addUser(lab, b, 'bob@b.example', 'pw-bob', 'admin');
    [ana, vic, bob] = await Promise.all([
      signIn(lab, 'ana@a.example', 'pw-ana'),
      signIn(lab, 'vic@a.example', 'pw-vic'),
      signIn(lab, 'bob@b.example', 'pw-bob'),
    ]);
    apk = new Uint8Array(await readFile(DEMO));
  });
  after(() => lab.dispose());

  it('audits the demo wallet, scoped to the organisation, and triages a finding', async () => {
    const up = await call(lab, ana, 'POST', '/api/artifacts?name=demo-wallet.apk', apk);
    assert.equal(up.status, 201);
    const art = (await up.json()) as { sha256: string; size: number; created: boolean };
    assert.equal(art.size, apk.length);
    assert.match(art.sha256, /^[0-9a-f]{64}$/);
    const again = await call(lab, ana, 'POST', '/api/artifacts?name=demo-wallet.apk', apk);
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { created: boolean }).created, false);
    const stored = await readFile(join(lab.tmp, 'artifacts', art.sha256.slice(0, 2), art.sha256));
    assert.equal(Buffer.compare(stored, Buffer.from(apk)), 0);

    assert.equal((await call(lab, vic, 'POST', '/api/audits', { artifactSha256: art.sha256 })).status, 403);
    // bob's organisation never uploaded these bytes
    assert.equal((await call(lab, bob, 'POST', '/api/audits', { artifactSha256: art.sha256 })).status, 404);
    const started = await call(lab, ana, 'POST', '/api/audits', { artifactSha256: art.sha256 });
    assert.equal(started.status, 202);
    const { id } = (await started.json()) as { id: string };
    await lab.deps.jobs.idle();
    const dup = await call(lab, ana, 'POST', '/api/audits', { artifactSha256: art.sha256 });
    assert.equal(dup.status, 200);
    assert.equal(((await dup.json()) as { id: string }).id, id);

    const st = await call(lab, vic, 'GET', `/api/audits/${id}`);
    assert.equal(st.status, 200);
    const audit = (await st.json()) as { status: string; error: string | null; summary: { total: number } };
    assert.equal(audit.status, 'succeeded', audit.error ?? '');
    assert.ok(audit.summary.total > 0);

    const fl = await call(lab, vic, 'GET', `/api/audits/${id}/findings`);
    assert.equal(fl.status, 200);
    const { findings } = (await fl.json()) as { findings: Finding[] };
    const report = await call(lab, ana, 'GET', `/api/audits/${id}/report.json`);
    assert.equal(report.status, 200);
    const rep = (await report.json()) as { findings: { checkId: string }[] };
    assert.deepEqual(
      findings.map((f) => f.checkId),
      rep.findings.map((f) => f.checkId),
    );
    assert.ok(findings.every((f) => f.triage === 'open'));

    const sarif = await call(lab, ana, 'GET', `/api/audits/${id}/report.sarif`);
    assert.equal(sarif.status, 200);
    assert.equal(((await sarif.json()) as { version: string }).version, '2.1.0');
    const html = await call(lab, ana, 'GET', `/api/audits/${id}/report.html`);
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await html.text(), /<html/i);

    // another organisation sees nothing, the same way as a missing id
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of [`/api/audits/${id}`, `/api/audits/${id}/findings`, `/api/audits/${id}/report.html`]) {
      const theirs = await call(lab, bob, 'GET', path);
      const none = await call(lab, bob, 'GET', path.replace(id, missing));
      assert.equal(theirs.status, 404, path);
      assert.deepEqual(
        ((await theirs.json()) as { error: { message: string } }).error.message,
        ((await none.json()) as { error: { message: string } }).error.message,
      );
    }
    const target = findings[0];
    assert.equal(
      (await call(lab, bob, 'PATCH', `/api/findings/${target.id}`, { status: 'fixed' })).status,
      404,
    );
    assert.equal(
      (await call(lab, vic, 'PATCH', `/api/findings/${target.id}`, { status: 'fixed' })).status,
      403,
    );
    assert.equal(
      (await call(lab, ana, 'PATCH', `/api/findings/${target.id}`, { status: 'accepted-risk' })).status,
      400,
    );
    assert.equal(
      (await call(lab, ana, 'PATCH', `/api/findings/${target.id}`, { status: 'wontfix' })).status,
      400,
    );
    const ok = await call(lab, ana, 'PATCH', `/api/findings/${target.id}`, {
      status: 'accepted-risk',
      reason: 'compensating server-side control',
    });
    assert.equal(ok.status, 200);
    const after1 = (await (await call(lab, vic, 'GET', `/api/audits/${id}/findings`)).json()) as {
      findings: Finding[];
    };
    const t = after1.findings.find((f) => f.id === target.id);
    assert.equal(t?.triage, 'accepted-risk');
    assert.equal(t?.triageReason, 'compensating server-side control');
  });

  it('refuses non-APK, oversized and viewer uploads, leaving nothing behind', async () => {
    const text = await call(lab, ana, 'POST', '/api/artifacts', new TextEncoder().encode('hello, not a zip'));
    assert.equal(text.status, 415);
    const big = new Uint8Array(lab.deps.maxUploadBytes + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const over = await call(lab, ana, 'POST', '/api/artifacts', big);
    assert.equal(over.status, 413);
    assert.equal((await call(lab, vic, 'POST', '/api/artifacts', apk)).status, 403);
    assert.equal((await call(lab, ana, 'POST', '/api/artifacts?name=../x', apk)).status, 400);
    // a client that dies mid-upload
    let sent = 0;
    const dying = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ === 0) c.enqueue(apk.slice(0, 4096));
        else c.error(new Error('connection reset'));
      },
    });
    const cut = await lab.app.request('/api/artifacts', {
      method: 'POST',
      headers: { cookie: ana.cookie, 'x-csrf-token': ana.csrf, 'content-type': 'application/octet-stream' },
      body: dying,
      duplex: 'half',
    } as RequestInit);
    assert.equal(cut.status, 400);
    assert.deepEqual(await readdir(join(lab.tmp, 'artifacts', 'tmp')), []);
  });

  it('marks an audit of a broken APK failed with its error', async () => {
    const broken = apk.slice(0, 2000);
    const up = await call(lab, ana, 'POST', '/api/artifacts?name=broken.apk', broken);
    assert.equal(up.status, 201);
    const { sha256 } = (await up.json()) as { sha256: string };
    const { id } = (await (
      await call(lab, ana, 'POST', '/api/audits', { artifactSha256: sha256 })
    ).json()) as { id: string };
    await lab.deps.jobs.idle();
    const a = (await (await call(lab, ana, 'GET', `/api/audits/${id}`)).json()) as {
      status: string;
      error: string;
    };
    assert.equal(a.status, 'failed');
    assert.ok(a.error.length > 0);
    assert.equal((await call(lab, ana, 'GET', `/api/audits/${id}/report.json`)).status, 409);
  });
});
