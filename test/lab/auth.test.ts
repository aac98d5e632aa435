import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/lab/app.js';
import { ensureFirstAdmin, FIRST_ADMIN_EMAIL } from '../../src/lab/lab.js';
import type { Db } from '../../src/store/open.js';
import { addOrg, addUser, call, signIn, testLab, type TestLab } from '../lab-helpers.js';

describe('lab auth', () => {
  let lab: TestLab;
  let orgA: string;
  let orgB: string;
  before(async () => {
    lab = await testLab();
    orgA = await addOrg(lab, 'Wallet A', 'DFS provider', 'KE');
    orgB = await addOrg(lab, 'Regulator B', 'telecom regulator', 'GH');
    await addUser(lab, orgA, 'ana@a.example', 'correct horse a', 'analyst');
    await addUser(lab, orgA, 'vic@a.example', 'correct horse v', 'viewer');
    await addUser(lab, orgB, 'bob@b.example', 'correct horse b', 'admin');
  });
  after(() => lab.dispose());

  it('creates one first admin with a random password, once', async () => {
    assert.ok(lab.firstAdmin);
    assert.equal(lab.firstAdmin.email, FIRST_ADMIN_EMAIL);
    assert.ok(lab.firstAdmin.password.length >= 20);
    assert.equal(await ensureFirstAdmin(lab.deps), undefined);
    const admin = await signIn(lab, FIRST_ADMIN_EMAIL, lab.firstAdmin.password);
    const me = await call(lab, admin, 'GET', '/api/me');
    assert.equal(me.status, 200);
    const body = (await me.json()) as { user: { role: string }; org: { type: string } };
    assert.equal(body.user.role, 'admin');
    assert.equal(body.org.type, 'lab operator');
  });

  it('sets an HttpOnly SameSite=Strict cookie, Secure only when asked', async () => {
    const body = JSON.stringify({ email: 'ana@a.example', password: 'correct horse a' });
    const headers = { 'content-type': 'application/json' };
    const res = await lab.app.request('/api/session', { method: 'POST', headers, body });
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^dfslab_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.doesNotMatch(cookie, /Secure/);
    const secure = createApp({ ...lab.deps, secureCookies: true });
    const res2 = await secure.request('/api/session', { method: 'POST', headers, body });
    assert.match(res2.headers.get('set-cookie') ?? '', /Secure/);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await call(lab, undefined, 'POST', '/api/session', {
      email: 'ana@a.example',
      password: 'nope',
    });
    const unknown = await call(lab, undefined, 'POST', '/api/session', {
      email: 'who@a.example',
      password: 'nope',
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    const a = (await wrong.json()) as { error: { code: string; message: string } };
    const b = (await unknown.json()) as { error: { code: string; message: string } };
    assert.equal(a.error.code, 'UNAUTHENTICATED');
    assert.equal(a.error.message, b.error.message);
    assert.equal(wrong.headers.get('set-cookie'), null);
  });

  it('answers malformed or invalid JSON with a 400 error body', async () => {
    const bad = await call(lab, undefined, 'POST', '/api/session', undefined, {
      'content-type': 'application/json',
    });
    assert.equal(bad.status, 400);
    const raw = await lab.app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    assert.equal(raw.status, 400);
    assert.equal(((await raw.json()) as { error: { code: string } }).error.code, 'BAD_REQUEST');
    const invalid = await call(lab, undefined, 'POST', '/api/session', {
      email: 'not-an-email',
      password: 'x',
    });
    assert.equal(invalid.status, 400);
    const big = await call(lab, undefined, 'POST', '/api/session', {
      email: 'a@b.c',
      password: 'x'.repeat(70_000),
    });
    assert.equal(big.status, 413);
  });

  it('rate-limits failed sign-ins per IP + email, then lets them in after the window', async () => {
    await addUser(lab, orgA, 'rl@a.example', 'right one', 'analyst');
    for (let i = 0; i < 5; i++) {
      const r = await call(lab, undefined, 'POST', '/api/session', {
        email: 'rl@a.example',
        password: `bad ${i}`,
      });
      assert.equal(r.status, 401);
    }
    const blocked = await call(lab, undefined, 'POST', '/api/session', {
      email: 'rl@a.example',
      password: 'right one',
    });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    // another account from the same client is not blocked
    await signIn(lab, 'ana@a.example', 'correct horse a');
    lab.clock.t += 16 * 60 * 1000;
    await signIn(lab, 'rl@a.example', 'right one');
  });

  it('demands the CSRF token on unsafe methods and refuses cross-origin requests', async () => {
    const ana = await signIn(lab, 'ana@a.example', 'correct horse a');
    const noToken = await lab.app.request('/api/session', {
      method: 'DELETE',
      headers: { cookie: ana.cookie },
    });
    assert.equal(noToken.status, 403);
    const wrong = await call(lab, { ...ana, csrf: 'x'.repeat(43) }, 'DELETE', '/api/session');
    assert.equal(wrong.status, 403);
    const other = await signIn(lab, 'bob@b.example', 'correct horse b');
    const swapped = await call(lab, { cookie: ana.cookie, csrf: other.csrf }, 'DELETE', '/api/session');
    assert.equal(swapped.status, 403);
    const cross = await call(
      lab,
      undefined,
      'POST',
      '/api/session',
      { email: 'ana@a.example', password: 'correct horse a' },
      {
        origin: 'https://evil.example',
      },
    );
    assert.equal(cross.status, 403);
    assert.equal((await call(lab, ana, 'GET', '/api/me')).status, 200);
    const out = await call(lab, ana, 'DELETE', '/api/session');
    assert.equal(out.status, 204);
    assert.equal((await call(lab, ana, 'GET', '/api/me')).status, 401);
  });

  it('expires sessions', async () => {
    const ana = await signIn(lab, 'ana@a.example', 'correct horse a');
    assert.equal((await call(lab, ana, 'GET', '/api/me')).status, 200);
    lab.clock.t += lab.deps.sessionTtlMs + 1000;
    const res = await call(lab, ana, 'GET', '/api/me');
    assert.equal(res.status, 401);
    assert.equal((await call(lab, undefined, 'GET', '/api/me')).status, 401);
  });

  it('lists members of your own organisation only; another one is 404', async () => {
    const ana = await signIn(lab, 'ana@a.example', 'correct horse a');
    const own = await call(lab, ana, 'GET', `/api/orgs/${orgA}/members`);
    assert.equal(own.status, 200);
    const list = (await own.json()) as { members: { email: string }[] };
    assert.ok(list.members.some((m) => m.email === 'vic@a.example'));
    assert.ok(!list.members.some((m) => m.email === 'bob@b.example'));
    assert.ok(!JSON.stringify(list).includes('password'));
    const theirs = await call(lab, ana, 'GET', `/api/orgs/${orgB}/members`);
    assert.equal(theirs.status, 404);
    assert.equal((await call(lab, ana, 'GET', `/api/orgs/not-a-uuid/members`)).status, 400);
  });

  it("lets only the organisation's admins read its audit log", async () => {
    await addUser(lab, orgA, 'adm@a.example', 'pw-adm', 'admin');
    const adm = await signIn(lab, 'adm@a.example', 'pw-adm');
    const ana = await signIn(lab, 'ana@a.example', 'correct horse a');
    const bob = await signIn(lab, 'bob@b.example', 'correct horse b');
    const res = await call(lab, adm, 'GET', `/api/orgs/${orgA}/audit-log`);
    assert.equal(res.status, 200);
    const { entries } = (await res.json()) as {
      entries: { id: number; action: string; actorEmail: string | null }[];
    };
    assert.ok(entries.some((e) => e.action === 'session.sign-in' && e.actorEmail === 'ana@a.example'));
    assert.ok(entries.some((e) => e.action === 'session.sign-in-failed'));
    assert.ok(!entries.some((e) => e.actorEmail === 'bob@b.example'));
    const older = await call(lab, adm, 'GET', `/api/orgs/${orgA}/audit-log?before=${entries[0].id}`);
    const page2 = (await older.json()) as { entries: { id: number }[] };
    assert.ok(page2.entries.every((e) => e.id < entries[0].id));
    assert.equal((await call(lab, ana, 'GET', `/api/orgs/${orgA}/audit-log`)).status, 403);
    assert.equal((await call(lab, bob, 'GET', `/api/orgs/${orgA}/audit-log`)).status, 404);
  });

  it('answers an unexpected error with 500 and a request id, never the message or stack', async () => {
    const ana = await signIn(lab, 'ana@a.example', 'correct horse a');
    const seen: string[] = [];
    const broken = {
      select: () => {
        throw new Error('secret database detail');
      },
    } as unknown as Db;
    const app = createApp({ ...lab.deps, db: broken, logError: (id) => seen.push(id) });
    const res = await app.request('/api/me', { headers: { cookie: ana.cookie } });
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.doesNotMatch(text, /secret|Error:|at /);
    const body = JSON.parse(text) as { error: { code: string; requestId: string } };
    assert.equal(body.error.code, 'INTERNAL');
    assert.deepEqual(seen, [body.error.requestId]);
    assert.equal(res.headers.get('x-request-id'), body.error.requestId);
  });
});
