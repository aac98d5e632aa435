/**
 * Every route in the OpenAPI document (generated from the route table, so a new route is covered
 * automatically) for an anonymous caller, a member of another organisation, a viewer, a revoked
 * API token, a user who must still change a one-time password, and a disabled user.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
  'POST /api/ussd-scans',
  'GET /api/ussd-scans/config',
  'POST /api/stk-audits',
  'GET /api/orgs',
  'POST /api/orgs',
  'POST /api/me/password',
  'POST /api/sessions/revoke-others',
]);
/** Changes a viewer may make (to their own account). */
const VIEWER_MAY_CHANGE = new Set([
  'DELETE /api/session',
  'POST /api/me/password',
  'POST /api/sessions/revoke-others',
]);
/** All a user signed in with a one-time password may do (everything else: 403 PASSWORD_CHANGE_REQUIRED). */
const PASSWORD_CHANGE_MAY = new Set(['GET /api/me', 'DELETE /api/session', 'POST /api/me/password']);

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
    ids.user = await addUser(lab, a, 'vic@a.example', 'pw-vic', 'viewer');
    ids.orgB = b;
    await addUser(lab, b, 'bob@b.example', 'pw-bob', 'admin');
    ana = await signIn(lab, 'ana@a.example', 'pw-ana');
    sha256 = await uploadDemo(lab, ana);
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
    if (r.path.startsWith('/api/orgs/')) return r.path.replace('{id}', ids.org).replace('{userId}', ids.user);
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
    if (k === 'POST /api/stk-audits') return new TextEncoder().encode('command,response\n');
    if (k === 'POST /api/ussd-scans')
      return {
        url: 'http://127.0.0.1:9/cb',
        dialect: 'hubtel',
        serviceCode: '*384#',
        msisdn: '+254700000001',
      };
    if (k === 'POST /api/session') return { email: 'ana@a.example', password: 'pw-ana' };
    if (k === 'POST /api/orgs')
      return {
        name: 'Made Up',
        type: 'DFS provider',
        country: 'KE',
        admin: { email: 'mu@m.example', name: 'M' },
      };
    if (k === 'POST /api/orgs/{id}/members')
      return { email: 'added@a.example', name: 'Added', role: 'admin' };
    if (k === 'PATCH /api/orgs/{id}/members/{userId}') return { role: 'admin' };
    if (k === 'POST /api/me/password')
      return { currentPassword: 'not-it', newPassword: 'long enough password' };
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
    const list = await (await call(lab, bob, 'GET', '/api/audits')).json();
    assert.deepEqual(list, { audits: [], nextBefore: null });
    // nor does paging from A's audit as a cursor
    const paged = await (await call(lab, bob, 'GET', `/api/audits?before=${ids.audit}`)).json();
    assert.deepEqual(paged, { audits: [], nextBefore: null });
    // and bob cannot audit bytes his organisation never uploaded
    assert.equal((await call(lab, bob, 'POST', '/api/audits', { artifactSha256: sha256 })).status, 404);
    // he sees only his own organisation, creates none, and reaches A's members through none of his
    const orgList = await (await call(lab, bob, 'GET', '/api/orgs')).text();
    assert.ok(!orgList.includes(ids.org) && !orgList.includes('Wallet A'), orgList);
    assert.equal(
      (await call(lab, bob, 'POST', '/api/orgs', body({ method: 'POST', path: '/api/orgs' }))).status,
      403,
    );
    const viaOwn = `/api/orgs/${ids.orgB}/members/${ids.user}`;
    assert.equal((await call(lab, bob, 'PATCH', viaOwn, { active: false })).status, 404);
    assert.equal((await call(lab, bob, 'POST', `${viaOwn}/password`)).status, 404);
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
    // what a viewer may change is their own: sessions, and only with the current password
    assert.equal((await call(lab, vic, 'POST', '/api/sessions/revoke-others')).status, 200);
    const wrong = await call(
      lab,
      vic,
      'POST',
      '/api/me/password',
      body({ method: 'POST', path: '/api/me/password' }),
    );
    assert.equal(wrong.status, 403);
    assert.equal((await call(lab, vic, 'GET', '/api/me')).status, 200);
  });

  it('a user with a one-time password reaches only me, sign-out and the password change', async () => {
    const added = (await (
      await call(lab, ana, 'POST', `/api/orgs/${ids.org}/members`, {
        email: 'newbie@a.example',
        name: 'Newbie',
        role: 'admin',
      })
    ).json()) as { oneTimePassword: string };
    const newbie = await signIn(lab, 'newbie@a.example', added.oneTimePassword);
    for (const r of routes) {
      const k = key(r);
      if (PUBLIC.has(k) || PASSWORD_CHANGE_MAY.has(k)) continue;
      const res = await call(lab, newbie, r.method, concrete(r), body(r));
      const text = await res.text();
      assert.equal(res.status, 403, `${k}: ${text}`);
      assert.match(text, /PASSWORD_CHANGE_REQUIRED/, k);
      assert.ok(!text.includes(ids.audit) && !text.includes('demo'), `${k} leaks: ${text}`);
    }
    assert.equal((await call(lab, newbie, 'GET', '/api/me')).status, 200);
    const wrong = await call(
      lab,
      newbie,
      'POST',
      '/api/me/password',
      body({ method: 'POST', path: '/api/me/password' }),
    );
    assert.equal(wrong.status, 403);
    assert.equal((await call(lab, newbie, 'DELETE', '/api/session')).status, 204);
    assert.equal((await call(lab, newbie, 'GET', '/api/me')).status, 401);
  });

  it("a disabled user's session and API token get 401 everywhere, and sign-in is refused", async () => {
    const disId = await addUser(lab, ids.org, 'dis@a.example', 'pw-dis', 'analyst');
    const dis = await signIn(lab, 'dis@a.example', 'pw-dis');
    const tok = (await (
      await call(lab, dis, 'POST', '/api/tokens', { name: 'ci', role: 'analyst' })
    ).json()) as {
      token: string;
    };
    const auth = { authorization: `Bearer ${tok.token}` };
    assert.equal((await call(lab, undefined, 'GET', '/api/audits', undefined, auth)).status, 200);
    const off = await call(lab, ana, 'PATCH', `/api/orgs/${ids.org}/members/${disId}`, { active: false });
    assert.equal(off.status, 200);
    for (const r of routes) {
      if (PUBLIC.has(key(r))) continue;
      assert.equal((await call(lab, dis, r.method, concrete(r), body(r))).status, 401, `${key(r)} (session)`);
      assert.equal(
        (await call(lab, undefined, r.method, concrete(r), body(r), auth)).status,
        401,
        `${key(r)} (token)`,
      );
    }
    const again = await call(lab, undefined, 'POST', '/api/session', {
      email: 'dis@a.example',
      password: 'pw-dis',
    });
    assert.equal(again.status, 403);
    assert.equal(again.headers.get('set-cookie'), null);
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
