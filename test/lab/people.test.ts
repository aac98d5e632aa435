/** Organisations and people on PGlite: the main flows and the edges around them. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addOrg, addUser, call, signIn, testLab, type Client, type TestLab } from '../lab-helpers.js';
import {
  createOrgFlow,
  json,
  memberFlow,
  operator,
  type ErrorBody,
  type MemberBody,
} from './people-flows.js';

describe('organisations and people', () => {
  let lab: TestLab;
  let orgA: string;
  let adm: Client;
  before(async () => {
    lab = await testLab();
    orgA = await addOrg(lab, 'People A', 'DFS provider', 'KE');
    await addUser(lab, orgA, 'adm@a.example', 'pw-adm', 'admin');
    adm = await signIn(lab, 'adm@a.example', 'pw-adm');
  });
  after(() => lab.dispose());

  it('the lab operator creates an organisation whose first admin must change the password', async () => {
    const { admin, orgId } = await createOrgFlow(lab, 'one');
    await memberFlow(lab, admin, orgId, 'one');
  });

  it('validates organisations: ISO country, unique name and admin email, one lab operator', async () => {
    const op = await operator(lab);
    const base = {
      name: 'Bank Two',
      type: 'central bank',
      country: 'NG',
      admin: { email: 'two@bank.example', name: 'Two' },
    };
    const post = (b: unknown) => call(lab, op, 'POST', '/api/orgs', b);
    for (const country of ['UK', 'ZZ', 'EU', 'K', 'KEN', '12'])
      assert.equal((await post({ ...base, country })).status, 400, country);
    assert.equal((await post({ ...base, type: 'bank' })).status, 400);
    assert.equal((await post({ ...base, name: '   ' })).status, 400);
    assert.equal((await post({ ...base, name: 'x\u0007y' })).status, 400);
    assert.equal((await post({ ...base, admin: { email: 'nope', name: 'N' } })).status, 400);
    assert.equal(
      (await json<ErrorBody>(await post({ ...base, type: 'lab operator' }), 409)).error.code,
      'CONFLICT',
    );
    await json(await post(base), 201);
    const sameName = await post({
      ...base,
      name: 'BANK two',
      admin: { email: 'other@bank.example', name: 'O' },
    });
    assert.match((await json<ErrorBody>(sameName, 409)).error.message, /name/);
    const sameEmail = await post({
      ...base,
      name: 'Bank Three',
      admin: { email: 'adm@a.example', name: 'O' },
    });
    assert.match((await json<ErrorBody>(sameEmail, 409)).error.message, /email/);
    // nothing half-written: the refused organisation does not exist
    const all = await json<{ orgs: { name: string }[] }>(await call(lab, op, 'GET', '/api/orgs'), 200);
    assert.ok(!all.orgs.some((o) => o.name === 'Bank Three'));
  });

  it("only the lab operator's admins manage organisations; others see only their own", async () => {
    const body = {
      name: 'Rogue',
      type: 'DFS provider',
      country: 'KE',
      admin: { email: 'r@r.example', name: 'R' },
    };
    assert.equal((await call(lab, adm, 'POST', '/api/orgs', body)).status, 403);
    const own = await json<{ orgs: { id: string }[] }>(await call(lab, adm, 'GET', '/api/orgs'), 200);
    assert.deepEqual(
      own.orgs.map((o) => o.id),
      [orgA],
    );
    // an analyst of the operator's own organisation is not an admin
    const op = await operator(lab);
    const me = await json<{ org: { id: string } }>(await call(lab, op, 'GET', '/api/me'), 200);
    await addUser(lab, me.org.id, 'opana@lab.example', 'pw-opana', 'analyst');
    const opAna = await signIn(lab, 'opana@lab.example', 'pw-opana');
    assert.equal((await call(lab, opAna, 'POST', '/api/orgs', body)).status, 403);
    // and an admin's API token cannot manage organisations or people
    const t = await json<{ token: string }>(
      await call(lab, op, 'POST', '/api/tokens', { name: 't', role: 'admin' }),
      201,
    );
    const bearer = { authorization: `Bearer ${t.token}` };
    assert.equal((await call(lab, undefined, 'POST', '/api/orgs', body, bearer)).status, 403);
    const add = await call(
      lab,
      undefined,
      'POST',
      `/api/orgs/${me.org.id}/members`,
      { email: 'b@b.example', name: 'B', role: 'viewer' },
      bearer,
    );
    assert.equal(add.status, 403);
  });

  it('keeps an active admin: the last one cannot demote or disable themselves', async () => {
    const org = await addOrg(lab, 'Solo Admin', 'postal operator', 'TZ');
    const soloId = await addUser(lab, org, 'solo@s.example', 'pw-solo', 'admin');
    const solo = await signIn(lab, 'solo@s.example', 'pw-solo');
    const path = `/api/orgs/${org}/members/${soloId}`;
    for (const change of [{ role: 'analyst' }, { active: false }, { role: 'viewer', active: true }]) {
      const res = await call(lab, solo, 'PATCH', path, change);
      assert.match((await json<ErrorBody>(res, 409)).error.message, /at least one active admin/);
    }
    assert.equal((await call(lab, solo, 'PATCH', path, { role: 'admin' })).status, 200, 'a no-op is fine');
    assert.equal((await call(lab, solo, 'PATCH', path, {})).status, 400);
    const second = await json<{ member: MemberBody }>(
      await call(lab, solo, 'POST', `/api/orgs/${org}/members`, {
        email: 'two@s.example',
        name: 'Two',
        role: 'admin',
      }),
      201,
    );
    // a disabled admin does not count
    await json(
      await call(lab, solo, 'PATCH', `/api/orgs/${org}/members/${second.member.id}`, { active: false }),
      200,
    );
    assert.equal((await call(lab, solo, 'PATCH', path, { role: 'analyst' })).status, 409);
    await json(
      await call(lab, solo, 'PATCH', `/api/orgs/${org}/members/${second.member.id}`, { active: true }),
      200,
    );
    const demoted = await json<MemberBody>(await call(lab, solo, 'PATCH', path, { role: 'analyst' }), 200);
    assert.equal(demoted.role, 'analyst');
    assert.equal(
      (
        await call(lab, solo, 'POST', `/api/orgs/${org}/members`, {
          email: 'x@s.example',
          name: 'X',
          role: 'viewer',
        })
      ).status,
      403,
    );
  });

  it('members of other organisations are out of reach (404), and non-admins read only', async () => {
    const other = await addOrg(lab, 'People B', 'mobile network operator', 'GH');
    const bobId = await addUser(lab, other, 'bob@b.example', 'pw-bob', 'admin');
    const vicId = await addUser(lab, orgA, 'vic@a.example', 'pw-vic', 'viewer');
    const vic = await signIn(lab, 'vic@a.example', 'pw-vic');
    // adm (org A) cannot touch bob (org B), through either org id
    assert.equal(
      (await call(lab, adm, 'PATCH', `/api/orgs/${other}/members/${bobId}`, { active: false })).status,
      404,
    );
    assert.equal(
      (await call(lab, adm, 'PATCH', `/api/orgs/${orgA}/members/${bobId}`, { active: false })).status,
      404,
    );
    assert.equal((await call(lab, adm, 'POST', `/api/orgs/${orgA}/members/${bobId}/password`)).status, 404);
    assert.equal(
      (
        await call(lab, adm, 'POST', `/api/orgs/${other}/members`, {
          email: 'z@z.example',
          name: 'Z',
          role: 'viewer',
        })
      ).status,
      404,
    );
    // a viewer sees the members with their state, and changes nothing
    const list = await json<{ members: MemberBody[] }>(
      await call(lab, vic, 'GET', `/api/orgs/${orgA}/members`),
      200,
    );
    assert.ok(list.members.every((m) => m.state === 'active' || m.state === 'disabled'));
    assert.ok(!JSON.stringify(list).toLowerCase().includes('hash'));
    assert.equal(
      (await call(lab, vic, 'PATCH', `/api/orgs/${orgA}/members/${vicId}`, { role: 'admin' })).status,
      403,
    );
    assert.equal(
      (
        await call(lab, vic, 'POST', `/api/orgs/${orgA}/members`, {
          email: 'q@q.example',
          name: 'Q',
          role: 'admin',
        })
      ).status,
      403,
    );
  });

  it('a password reset gives a new one-time password and ends the sessions', async () => {
    const id = await addUser(lab, orgA, 'forgot@a.example', 'pw-forgot', 'analyst');
    const s = await signIn(lab, 'forgot@a.example', 'pw-forgot');
    const r = await json<{ member: MemberBody; oneTimePassword: string }>(
      await call(lab, adm, 'POST', `/api/orgs/${orgA}/members/${id}/password`),
      200,
    );
    assert.equal(r.member.mustChangePassword, true);
    const admId = (await json<{ user: { id: string } }>(await call(lab, adm, 'GET', '/api/me'), 200)).user.id;
    const own = await call(lab, adm, 'POST', `/api/orgs/${orgA}/members/${admId}/password`);
    assert.match((await json<ErrorBody>(own, 400)).error.message, /api\/me\/password/);
    assert.equal((await call(lab, s, 'GET', '/api/me')).status, 401);
    assert.equal(
      (
        await call(lab, undefined, 'POST', '/api/session', {
          email: 'forgot@a.example',
          password: 'pw-forgot',
        })
      ).status,
      401,
    );
    const pending = await signIn(lab, 'forgot@a.example', r.oneTimePassword);
    assert.equal((await call(lab, pending, 'GET', '/api/tokens')).status, 403);
    // a pending session still needs its CSRF token
    const noCsrf = await call(lab, { ...pending, csrf: 'wrong' }, 'POST', '/api/me/password', {
      currentPassword: r.oneTimePassword,
      newPassword: 'something long enough',
    });
    assert.equal(noCsrf.status, 403);
    assert.equal((await call(lab, pending, 'DELETE', '/api/session')).status, 204);
    assert.equal((await call(lab, pending, 'GET', '/api/me')).status, 401);
  });

  it('changing your password ends your other sessions; so does revoke-others', async () => {
    await addUser(lab, orgA, 'pat@a.example', 'pw-pat-old', 'analyst');
    const one = await signIn(lab, 'pat@a.example', 'pw-pat-old');
    const two = await signIn(lab, 'pat@a.example', 'pw-pat-old');
    const change = (who: Client, currentPassword: string, newPassword: string) =>
      call(lab, who, 'POST', '/api/me/password', { currentPassword, newPassword });
    assert.equal((await change(one, 'wrong', 'a brand new password')).status, 403);
    assert.equal((await change(one, 'pw-pat-old', 'short')).status, 400);
    assert.equal((await change(one, 'pw-pat-old', '            ')).status, 400);
    const res = await change(one, 'pw-pat-old', 'a brand new password ✓');
    const body = await json<{ csrfToken: string }>(res, 200);
    const fresh = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: body.csrfToken };
    assert.equal((await call(lab, two, 'GET', '/api/me')).status, 401);
    assert.equal((await call(lab, one, 'GET', '/api/me')).status, 401, 'the old session was replaced');
    assert.equal((await call(lab, fresh, 'GET', '/api/me')).status, 200);
    assert.equal(
      (await call(lab, undefined, 'POST', '/api/session', { email: 'pat@a.example', password: 'pw-pat-old' }))
        .status,
      401,
    );

    const a = await signIn(lab, 'pat@a.example', 'a brand new password ✓');
    const b = await signIn(lab, 'pat@a.example', 'a brand new password ✓');
    const r = await json<{ revoked: number }>(await call(lab, a, 'POST', '/api/sessions/revoke-others'), 200);
    assert.equal(r.revoked, 2, 'b and fresh');
    assert.equal((await call(lab, b, 'GET', '/api/me')).status, 401);
    assert.equal((await call(lab, a, 'GET', '/api/me')).status, 200);
    const log = await json<{ entries: { action: string; detail: Record<string, unknown> | null }[] }>(
      await call(lab, adm, 'GET', `/api/orgs/${orgA}/audit-log?action=session.revoke-others`),
      200,
    );
    assert.deepEqual(
      log.entries.map((e) => [e.action, e.detail?.revoked]),
      [['session.revoke-others', 2]],
    );
  });

  it('rate-limits guesses of the current password', async () => {
    await addUser(lab, orgA, 'guess@a.example', 'pw-guess', 'viewer');
    const g = await signIn(lab, 'guess@a.example', 'pw-guess');
    for (let i = 0; i < 5; i++)
      assert.equal(
        (
          await call(lab, g, 'POST', '/api/me/password', {
            currentPassword: `no${i}`,
            newPassword: 'long enough password',
          })
        ).status,
        403,
      );
    const blocked = await call(lab, g, 'POST', '/api/me/password', {
      currentPassword: 'pw-guess',
      newPassword: 'long enough password',
    });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  });

  it('pages and filters the audit log', async () => {
    const page1 = await json<{ entries: { id: number; action: string }[]; nextBefore: number | null }>(
      await call(lab, adm, 'GET', `/api/orgs/${orgA}/audit-log`),
      200,
    );
    assert.ok(page1.entries.length > 0);
    const filtered = await json<{ entries: { action: string }[] }>(
      await call(lab, adm, 'GET', `/api/orgs/${orgA}/audit-log?action=session.sign-in`),
      200,
    );
    assert.ok(filtered.entries.length > 0);
    assert.ok(
      filtered.entries.every((e) => e.action === 'session.sign-in'),
      'exact, not sign-in-failed',
    );
    assert.equal((await call(lab, adm, 'GET', `/api/orgs/${orgA}/audit-log?action=%25`)).status, 400);
    const none = await json<{ entries: unknown[]; nextBefore: number | null }>(
      await call(lab, adm, 'GET', `/api/orgs/${orgA}/audit-log?action=no.such.action`),
      200,
    );
    assert.deepEqual(none, { entries: [], nextBefore: null });
  });
});
