import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { addOrg, addUser, call, signIn, testLab, type Client, type TestLab } from '../lab-helpers.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API tokens', () => {
  let lab: TestLab;
  let orgA: string;
  let adm: Client;
  let ana: Client;
  before(async () => {
    lab = await testLab();
    orgA = await addOrg(lab, 'Tokens A');
    const orgB = await addOrg(lab, 'Tokens B');
    await addUser(lab, orgA, 'adm@t.example', 'pw-adm', 'admin');
    await addUser(lab, orgA, 'ana@t.example', 'pw-ana', 'analyst');
    await addUser(lab, orgB, 'bob@t.example', 'pw-bob', 'admin');
    adm = await signIn(lab, 'adm@t.example', 'pw-adm');
    ana = await signIn(lab, 'ana@t.example', 'pw-ana');
  });
  after(() => lab.dispose());

  it('creates a token shown once, stored hashed, that authenticates without CSRF', async () => {
    const res = await call(lab, ana, 'POST', '/api/tokens', {
      name: 'ci',
      role: 'analyst',
      expiresInDays: 30,
    });
    assert.equal(res.status, 201);
    const t = (await res.json()) as { id: string; token: string; role: string };
    assert.match(t.token, /^dfs_[A-Za-z0-9_-]{43}$/);
    const stored = await lab.deps.db.execute(sql`SELECT token_hash FROM api_tokens`);
    assert.ok(!JSON.stringify(stored).includes(t.token.slice(4)));
    const list = await call(lab, ana, 'GET', '/api/tokens');
    const listed = (await list.json()) as { tokens: { id: string }[] };
    assert.deepEqual(
      listed.tokens.map((x) => x.id),
      [t.id],
    );
    assert.ok(!JSON.stringify(listed).includes(t.token));
    // bearer: no cookie, no CSRF header, an unsafe method
    const me = await call(lab, undefined, 'GET', '/api/me', undefined, bearer(t.token));
    assert.equal(me.status, 200);
    const audit = await call(
      lab,
      undefined,
      'POST',
      '/api/audits',
      { artifactSha256: 'a'.repeat(64) },
      bearer(t.token),
    );
    assert.equal(audit.status, 404); // authenticated and authorised; the artifact is unknown
    // a token cannot mint tokens
    const mint = await call(
      lab,
      undefined,
      'POST',
      '/api/tokens',
      { name: 'x', role: 'viewer' },
      bearer(t.token),
    );
    assert.equal(mint.status, 403);
  });

  it('caps the role at the creator’s, and a viewer token only reads', async () => {
    assert.equal((await call(lab, ana, 'POST', '/api/tokens', { name: 'up', role: 'admin' })).status, 403);
    const v = (await (
      await call(lab, ana, 'POST', '/api/tokens', { name: 'ro', role: 'viewer' })
    ).json()) as {
      token: string;
    };
    assert.equal((await call(lab, undefined, 'GET', '/api/me', undefined, bearer(v.token))).status, 200);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    const write = await call(lab, undefined, 'POST', '/api/artifacts?name=x.apk', zip, bearer(v.token));
    assert.equal(write.status, 403);
    assert.equal((await call(lab, ana, 'POST', '/api/tokens', { name: '', role: 'viewer' })).status, 400);
    assert.equal(
      (await call(lab, ana, 'POST', '/api/tokens', { name: 'x', role: 'viewer', expiresInDays: 9999 }))
        .status,
      400,
    );
  });

  it('refuses revoked, expired and unknown tokens; revocation is audit-logged', async () => {
    const t = (await (
      await call(lab, ana, 'POST', '/api/tokens', { name: 'short', role: 'analyst', expiresInDays: 1 })
    ).json()) as {
      id: string;
      token: string;
    };
    assert.equal((await call(lab, undefined, 'GET', '/api/me', undefined, bearer(t.token))).status, 200);
    assert.equal(
      (await call(lab, undefined, 'GET', '/api/me', undefined, bearer(`${t.token}x`))).status,
      401,
    );
    assert.equal(
      (await call(lab, undefined, 'GET', '/api/me', undefined, { authorization: 'Bearer' })).status,
      401,
    );
    const bob = await signIn(lab, 'bob@t.example', 'pw-bob');
    assert.equal((await call(lab, bob, 'DELETE', `/api/tokens/${t.id}`)).status, 404);
    assert.equal((await call(lab, ana, 'DELETE', `/api/tokens/${t.id}`)).status, 204);
    assert.equal((await call(lab, undefined, 'GET', '/api/me', undefined, bearer(t.token))).status, 401);
    const e = (await (
      await call(lab, ana, 'POST', '/api/tokens', { name: 'exp', role: 'viewer', expiresInDays: 1 })
    ).json()) as {
      token: string;
    };
    lab.clock.t += 2 * 24 * 60 * 60 * 1000;
    assert.equal((await call(lab, undefined, 'GET', '/api/me', undefined, bearer(e.token))).status, 401);
    adm = await signIn(lab, 'adm@t.example', 'pw-adm');
    const log = (await (await call(lab, adm, 'GET', `/api/orgs/${orgA}/audit-log`)).json()) as {
      entries: { action: string; target: string | null }[];
    };
    assert.ok(log.entries.some((x) => x.action === 'token.revoke' && x.target === t.id));
    assert.ok(log.entries.some((x) => x.action === 'token.create'));
    // the admin sees every token of the organisation
    const all = (await (await call(lab, adm, 'GET', '/api/tokens')).json()) as { tokens: unknown[] };
    assert.ok(all.tokens.length >= 4);
  });
});
