/**
 * USSD scans as lab jobs against the fixture USSD app on 127.0.0.1: the allow-list is the only
 * way out (other hosts, names resolving to an allowed address and redirects get NO request),
 * budgets are bounded, secrets are dropped once the scan has run, findings/triage/reports work,
 * and the progress percentage moves. The main flow also runs on the real PostgreSQL.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { runAudit } from '../../src/lab/audits/run-audit.js';
import { parseUssdAllowList } from '../../src/lab/ussd/allow-list.js';
import { auditLog, audits } from '../../src/store/schema.js';
import { getDialect } from '../../src/ussd/index.js';
import { startUssdFixture, type FixtureServer } from '../fixtures/ussd/app.js';
import { FIXTURE_ACCOUNTS } from '../fixtures/ussd/bank.js';
import { addOrg, addUser, call, signIn, testLab, type Client, type TestLab } from '../lab-helpers.js';
import { NEEDS_PG, throwawayDb } from './throwaway-db.js';

type Listener = { server: Server; port: number; hits: () => number; close(): Promise<void> };

/** A plain HTTP server on 127.0.0.1 that counts requests (and optionally redirects them). */
function listen(redirectTo?: string): Promise<Listener> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (redirectTo) res.writeHead(302, { location: redirectTo }).end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('END bye');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        hits: () => hits,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

const PIN = FIXTURE_ACCOUNTS[0].pin;

function scanBody(url: string, extra: Record<string, unknown> = {}) {
  return {
    url,
    dialect: 'africastalking',
    serviceCode: '*384*123#',
    msisdn: FIXTURE_ACCOUNTS[0].msisdn,
    accounts: FIXTURE_ACCOUNTS.slice(0, 2).map((a) => ({ msisdn: a.msisdn, pin: a.pin })),
    budget: { maxRequests: 400, minDelayMs: 10, maxSeconds: 120 },
    hopTimeoutMs: 3000,
    ...extra,
  };
}

type AuditBody = {
  kind: string;
  status: string;
  error: string | null;
  progressPercent: number | null;
  target: Record<string, unknown> | null;
  summary: { total: number } | null;
};

/** Start a scan and follow it: every progress percentage seen while it ran. */
async function runScan(lab: TestLab, who: Client, body: unknown, worker: TestLab = lab) {
  const res = await call(lab, who, 'POST', '/api/ussd-scans', body);
  assert.equal(res.status, 202, await res.clone().text());
  const { id } = (await res.json()) as { id: string };
  const seen: number[] = [];
  let idle = false;
  const finished = worker.deps.jobs.idle().then(() => (idle = true));
  while (!idle) {
    const a = (await (await call(lab, who, 'GET', `/api/audits/${id}`)).json()) as AuditBody;
    if (a.status === 'running' && a.progressPercent !== null) seen.push(a.progressPercent);
    await new Promise((r) => setTimeout(r, 40));
  }
  await finished;
  const a = (await (await call(lab, who, 'GET', `/api/audits/${id}`)).json()) as AuditBody;
  return { id, audit: a, seen };
}

async function mainFlow(lab: TestLab, ana: Client, fx: FixtureServer, worker: TestLab = lab) {
  const { id, audit, seen } = await runScan(lab, ana, scanBody(fx.url), worker);
  assert.equal(audit.status, 'succeeded', audit.error ?? '');
  assert.equal(audit.kind, 'ussd');
  assert.ok(fx.requests > 20, `the fixture saw ${fx.requests} requests`);
  assert.equal(audit.target?.serviceCode, '*384*123#');
  assert.doesNotMatch(JSON.stringify(audit), new RegExp(PIN), 'no PIN in the API');
  const [row] = await lab.deps.db.select().from(audits).where(eq(audits.id, id));
  assert.doesNotMatch(JSON.stringify(row.input), new RegExp(PIN), 'PINs dropped once the scan ran');
  assert.equal(row.progressPercent, 100);
  // progress: a percentage strictly between 0 and 100 was visible, and it never went back
  assert.ok(
    seen.some((p) => p > 0 && p < 100),
    `percentages seen: ${seen.join(',')}`,
  );
  assert.deepEqual(
    seen,
    [...seen].sort((a, b) => a - b),
  );

  const { findings } = (await (await call(lab, ana, 'GET', `/api/audits/${id}/findings`)).json()) as {
    findings: { id: string; checkId: string }[];
  };
  const ids = new Set(findings.map((f) => f.checkId));
  assert.ok(ids.has('USSD-001'), [...ids].join(','));
  assert.equal(findings.length, audit.summary?.total);
  const t = await call(lab, ana, 'PATCH', `/api/findings/${findings[0].id}`, { status: 'confirmed' });
  assert.equal(t.status, 200);

  const html = await (await call(lab, ana, 'GET', `/api/audits/${id}/report.html`)).text();
  assert.match(html, /Menu map/);
  assert.match(html, /<svg/);
  assert.doesNotMatch(html, new RegExp(`\\b${PIN}\\b`));
  const sarif = (await (await call(lab, ana, 'GET', `/api/audits/${id}/report.sarif`)).json()) as {
    runs: { results: unknown[] }[];
  };
  assert.equal(sarif.runs[0].results.length, findings.length);
  const json = (await (await call(lab, ana, 'GET', `/api/audits/${id}/report.json`)).json()) as {
    target: { kind: string };
  };
  assert.equal(json.target.kind, 'ussd');

  const list = (await (await call(lab, ana, 'GET', '/api/audits')).json()) as {
    audits: { id: string; kind: string; targetName: string | null }[];
  };
  const item = list.audits.find((x) => x.id === id);
  assert.equal(item?.kind, 'ussd');
  assert.equal(item?.targetName, '*384*123#');
  const log = await lab.deps.db.select().from(auditLog).where(eq(auditLog.target, id));
  assert.deepEqual(
    log.map((l) => l.action),
    ['ussd.scan.create'],
  );
  return id;
}

describe('USSD scans as lab jobs (PGlite)', () => {
  let fx: FixtureServer;
  let other: Listener;
  let redirector: Listener;
  let lab: TestLab;
  let ana: Client;
  let vic: Client;

  before(async () => {
    fx = await startUssdFixture({ hardened: false, dialect: getDialect('africastalking') });
    other = await listen();
    redirector = await listen(`http://127.0.0.1:${other.port}/cb`);
    const fxPort = new URL(fx.url).port;
    lab = await testLab({
      ussdAllow: parseUssdAllowList(`127.0.0.1:${fxPort}, 127.0.0.1:${redirector.port}`),
    });
    const org = await addOrg(lab, 'USSD Org');
    await addUser(lab, org, 'ussd@a.example', 'pw-ussd', 'analyst');
    await addUser(lab, org, 'view@a.example', 'pw-view', 'viewer');
    [ana, vic] = await Promise.all([
      signIn(lab, 'ussd@a.example', 'pw-ussd'),
      signIn(lab, 'view@a.example', 'pw-view'),
    ]);
  });
  after(async () => {
    await lab.dispose();
    await Promise.all([fx.close(), other.close(), redirector.close()]);
  });

  it('scans an allow-listed fixture: findings, triage, reports with the menu map, progress, no PIN kept', async () => {
    await mainFlow(lab, ana, fx);
  });

  it('refuses hosts off the allow-list, and they receive no request', async () => {
    const before = fx.requests;
    const refused = [
      `http://127.0.0.1:${other.port}/cb`, // another port of an allowed address
      `http://localhost:${new URL(fx.url).port}/cb`, // a name that resolves to an allowed address
      `http://127.0.0.1.nip.io:${new URL(fx.url).port}/cb`,
      `http://[::ffff:127.0.0.1]:${new URL(fx.url).port}/cb`,
      `http://user:pw@127.0.0.1:${new URL(fx.url).port}/cb`,
      `ftp://127.0.0.1:${new URL(fx.url).port}/cb`,
    ];
    for (const url of refused) {
      const res = await call(lab, ana, 'POST', '/api/ussd-scans', scanBody(url));
      assert.equal(res.status, 403, url);
      const { error } = (await res.json()) as { error: { message: string } };
      assert.ok(error.message.length > 0 && !error.message.includes('at '), error.message);
    }
    await lab.deps.jobs.idle();
    assert.equal(other.hits(), 0);
    assert.equal(fx.requests, before);
    const log = await lab.deps.db.select().from(auditLog).where(eq(auditLog.action, 'ussd.scan.refused'));
    assert.equal(log.length, refused.length, 'every refusal is in the audit log');
    assert.doesNotMatch(JSON.stringify(log), /user:pw/, 'credentials typed into a URL are not logged');
  });

  it('does not follow a redirect from an allowed host to another one', async () => {
    const { audit } = await runScan(
      lab,
      ana,
      scanBody(`http://127.0.0.1:${redirector.port}/cb`, { only: ['USSD-001'] }),
    );
    assert.equal(audit.status, 'succeeded', audit.error ?? '');
    assert.ok(redirector.hits() > 0);
    assert.equal(other.hits(), 0);
  });

  it('bounds budgets server-side and validates every field', async () => {
    const bad = [
      { budget: { maxRequests: 5000, minDelayMs: 10, maxSeconds: 60 } },
      { budget: { maxRequests: 10, minDelayMs: 0, maxSeconds: 60 } },
      { budget: { maxRequests: 10, minDelayMs: 10, maxSeconds: 100_000 } },
      { hopTimeoutMs: 60_000 },
      { headers: { host: 'internal.example' } },
      { headers: { authorization: 'Bearer x\r\nX-Evil: 1' } },
      { serviceCode: '*384*123' },
      { dialect: 'smtp' },
      { accounts: [{ msisdn: '+254700000001', pin: '12' }] },
      { surprise: true },
    ];
    for (const extra of bad) {
      const res = await call(lab, ana, 'POST', '/api/ussd-scans', scanBody(fx.url, extra));
      assert.equal(res.status, 400, JSON.stringify(extra));
    }
  });

  it('allows at most two queued or running scans per organisation', async () => {
    const [{ orgId }] = await lab.deps.db.select({ orgId: audits.orgId }).from(audits).limit(1);
    const held = await lab.deps.db
      .insert(audits)
      .values([0, 1].map(() => ({ orgId, kind: 'ussd' as const, status: 'running' as const })))
      .returning({ id: audits.id });
    try {
      const res = await call(lab, ana, 'POST', '/api/ussd-scans', scanBody(fx.url));
      assert.equal(res.status, 409);
      assert.match(await res.text(), /already has 2 USSD scans queued or running/);
    } finally {
      for (const h of held) await lab.deps.db.delete(audits).where(eq(audits.id, h.id));
    }
  });

  it('only analysts and admins start scans; the settings are readable by members', async () => {
    assert.equal((await call(lab, vic, 'POST', '/api/ussd-scans', scanBody(fx.url))).status, 403);
    const cfg = (await (await call(lab, vic, 'GET', '/api/ussd-scans/config')).json()) as {
      enabled: boolean;
      allowedHosts: string[];
    };
    assert.equal(cfg.enabled, true);
    assert.deepEqual(cfg.allowedHosts, [`127.0.0.1:${new URL(fx.url).port}`, `127.0.0.1:${redirector.port}`]);
  });

  it('a worker whose own allow-list lacks the host refuses the job without sending', async () => {
    const [a] = await lab.deps.db
      .insert(audits)
      .values({
        orgId: (await lab.deps.db.select().from(audits).limit(1))[0].orgId,
        kind: 'ussd',
        status: 'queued',
        input: scanBody(fx.url, {
          network: '63902',
          testSystem: false,
          headers: {},
          budget: { maxRequests: 10, minDelayMs: 10, maxSeconds: 10 },
        }),
      })
      .returning({ id: audits.id });
    const before = fx.requests;
    await runAudit({ ...lab.deps, ussdAllow: [] }, a.id);
    const [row] = await lab.deps.db.select().from(audits).where(eq(audits.id, a.id));
    assert.equal(row.status, 'failed');
    assert.match(row.error ?? '', /refused by this worker: USSD scans are disabled/);
    assert.equal(fx.requests, before);
  });
});

describe('USSD scans with no allow-list', () => {
  it('are disabled with a clear 403', async () => {
    const lab = await testLab({ jobs: 'in-process' });
    try {
      const org = await addOrg(lab, 'Off Org');
      await addUser(lab, org, 'off@a.example', 'pw-off', 'admin');
      const ana = await signIn(lab, 'off@a.example', 'pw-off');
      const res = await call(lab, ana, 'POST', '/api/ussd-scans', scanBody('http://127.0.0.1:9/cb'));
      assert.equal(res.status, 403);
      assert.match(await res.text(), /USSD scans are disabled on this lab/);
      const cfg = (await (await call(lab, ana, 'GET', '/api/ussd-scans/config')).json()) as {
        enabled: boolean;
      };
      assert.equal(cfg.enabled, false);
    } finally {
      await lab.dispose();
    }
  });
});

describe('USSD scans on the real PostgreSQL', { skip: NEEDS_PG }, () => {
  it('a server enqueues, another lab instance works the scan', async () => {
    const db = await throwawayDb();
    const fx = await startUssdFixture({ hardened: false, dialect: getDialect('africastalking') });
    const ussdAllow = parseUssdAllowList(`127.0.0.1:${new URL(fx.url).port}`);
    const server = await testLab({ store: { url: db.url }, work: false, ussdAllow });
    const worker = await testLab({ store: { url: db.url }, dataDir: server.tmp, ussdAllow });
    try {
      const org = await addOrg(server, 'USSD PG', 'DFS provider', 'KE');
      await addUser(server, org, 'pg-ussd@a.example', 'pw-pg', 'analyst');
      const ana = await signIn(server, 'pg-ussd@a.example', 'pw-pg');
      await mainFlow(server, ana, fx, worker);
    } finally {
      await worker.close();
      await server.dispose();
      await fx.close();
      await db.drop();
    }
  });
});
