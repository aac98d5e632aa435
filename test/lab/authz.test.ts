/**
 * Every route in the OpenAPI document (generated from the route table, so a new route is covered
 * automatically) for an anonymous caller, a member of another organisation and a viewer.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addOrg, addUser, call, signIn, testLab, type Client, type TestLab } from '../lab-helpers.js';

const DEMO = join(import.meta.dirname, '../../samples/demo-wallet.apk');

type Route = { method: string; path: string };

/** Routes anyone may call. */
const PUBLIC = new Set(['POST /api/session']);
/** Routes with no id in the path: they act on the caller's own session or organisation. */
const SELF_SCOPED = new Set([
  'DELETE /api/session',
  'GET /api/me',
  'GET /api/tokens',
  'POST /api/tokens',
  'POST /api/artifacts',
  'POST /api/audits',
  'GET /api/audits',
]);
/** Changes a viewer may make. */
const VIEWER_MAY_CHANGE = new Set(['DELETE /api/session']);

describe('authorisation over every route', () => {
  let lab: TestLab;
  let routes: Route[];
  let ana: Client;
  let bob: Client;
  let vic: Client;
  const ids: Record<string, string> = {};
  let sha256 = '';

  before(async () => {
    lab = await testLab();
    const a = await addOrg(lab, 'Wallet A');
    const b = await addOrg(lab, 'Other B', 'central bank', 'NG');
    await addUser(lab, a, 'ana@a.example', 'pw-ana', 'admin');
    await addUser(lab, a, 'vic@a.example', 'pw-vic', 'viewer');
    await addUser(lab, b, 'bob@b.example', 'pw-bob', 'admin');
    ana = await signIn(lab, 'ana@a.example', 'pw-ana');
    const up = await call(
      lab,
      ana,
      'POST',
      '/api/artifacts?name=demo.apk',
      new Uint8Array(await readFile(DEMO)),
    );
    sha256 = ((await up.json()) as { sha256: string }).sha256;
    const audit = (await (
      await call(lab, ana, 'POST', '/api/audits', { artifactSha256: sha256 })
    ).json()) as { id: string };
    await lab.deps.jobs.idle();
    const fl = (await (await call(lab, ana, 'GET', `/api/audits/${audit.id}/findings`)).json()) as {
      findings: { id: string }[];
    };
    ids.org = a;
    ids.audit = audit.id;
    ids.finding = fl.findings[0].id;
    const tok = (await (
      await call(lab, ana, 'POST', '/api/tokens', { name: 'ci', role: 'admin' })
    ).json()) as {
      id: string;
      token: string;
    };
    ids.token = tok.id;
    ids.revoked = tok.token;
    const doc = (await (await lab.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })),
    );
  });
  after(() => lab.dispose());

  const key = (r: Route) => `${r.method} ${r.path}`;
  const concrete = (r: Route) => {
    if (r.path.startsWith('/api/orgs/')) return r.path.replace('{id}', ids.org);
    if (r.path.startsWith('/api/findings/')) return r.path.replace('{id}', ids.finding);
    if (r.path.startsWith('/api/tokens/')) return r.path.replace('{id}', ids.token);
    const path = r.path.replace('{id}', ids.audit);
    return path.endsWith('/compare') ? `${path}?base=${ids.audit}` : path;
  };
  const body = (r: Route): unknown => {
    const k = key(r);
    if (k === 'POST /api/audits') return { artifactSha256: sha256 };
    if (k === 'PATCH /api/findings/{id}') return { status: 'fixed' };
    if (k === 'POST /api/tokens') return { name: 'x', role: 'viewer' };
    if (k === 'POST /api/artifacts') return new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    if (k === 'POST /api/session') return { email: 'ana@a.example', password: 'pw-ana' };
    return undefined;
  };

  it('finds the routes', () => {
    assert.ok(routes.length >= 13, String(routes.length));
  });

  it('an anonymous caller gets 401 everywhere but sign-in', async () => {
    for (const r of routes) {
      if (PUBLIC.has(key(r))) continue;
      const res = await call(lab, undefined, r.method, concrete(r), body(r));
      assert.equal(res.status, 401, key(r));
    }
  });

  it("another organisation's admin gets 404 for every route naming A's things, as for a missing id", async () => {
    bob = await signIn(lab, 'bob@b.example', 'pw-bob');
    for (const r of routes) {
      const k = key(r);
      if (PUBLIC.has(k)) continue;
      if (!r.path.includes('{id}')) {
        assert.ok(SELF_SCOPED.has(k), `${k}: new route without an id; decide how it is scoped and list it`);
        continue;
      }
      const res = await call(lab, bob, r.method, concrete(r), body(r));
      const text = await res.text();
      assert.equal(res.status, 404, `${k}: ${text}`);
      assert.ok(!text.includes(ids.audit) && !text.includes('demo'), `${k} leaks: ${text}`);
    }
    // his organisation's audit list does not show A's audit
    const list = await (await call(lab, bob, 'GET', '/api/audits')).text();
    assert.equal(list, JSON.stringify({ audits: [] }));
    // and bob cannot audit bytes his organisation never uploaded
    assert.equal((await call(lab, bob, 'POST', '/api/audits', { artifactSha256: sha256 })).status, 404);
  });

  it('a viewer reads but changes nothing', async () => {
    vic = await signIn(lab, 'vic@a.example', 'pw-vic');
    for (const r of routes) {
      const k = key(r);
      if (PUBLIC.has(k) || VIEWER_MAY_CHANGE.has(k) || k.includes('audit-log')) continue;
      const res = await call(lab, vic, r.method, concrete(r), body(r));
      if (r.method === 'GET') assert.equal(res.status, 200, k);
      else if (k === 'DELETE /api/tokens/{id}') assert.equal(res.status, 404, `${k}: not the viewer's token`);
      else assert.equal(res.status, 403, k);
    }
    assert.equal((await call(lab, vic, 'GET', `/api/orgs/${ids.org}/audit-log`)).status, 403);
  });

  it('a revoked API token gets 401 everywhere but sign-in', async () => {
    const own = ids.revoked;
    const auth = { authorization: `Bearer ${own}` };
    assert.equal((await call(lab, undefined, 'GET', '/api/me', undefined, auth)).status, 200);
    assert.equal((await call(lab, ana, 'DELETE', `/api/tokens/${ids.token}`)).status, 204);
    for (const r of routes) {
      if (PUBLIC.has(key(r))) continue;
      const res = await call(lab, undefined, r.method, concrete(r), body(r), auth);
      assert.equal(res.status, 401, key(r));
    }
  });
});
