/**
 * The main people flows, run by people.test.ts on PGlite and people-postgres.test.ts on a real
 * PostgreSQL: the lab operator creates an organisation with its first admin, who must change the
 * one-time password; that admin adds a member, changes a role, disables and re-enables them.
 */
import assert from 'node:assert/strict';
import { call, signIn, type Client, type TestLab } from '../lab-helpers.js';

export const UNICODE_ORG = 'Банк Ñandú 銀行';

export type ErrorBody = { error: { code: string; message: string } };
export type MemberBody = {
  id: string;
  email: string;
  name: string;
  role: string;
  state: string;
  mustChangePassword: boolean;
};
export type Created = {
  org: { id: string; name: string; country: string };
  admin: MemberBody;
  oneTimePassword: string;
};

export async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text) as T;
}

export async function operator(lab: TestLab): Promise<Client> {
  assert.ok(lab.firstAdmin, 'a fresh lab has its first admin');
  return signIn(lab, lab.firstAdmin.email, lab.firstAdmin.password);
}

/** Sign in with a one-time password and change it; returns the fresh session. */
export async function firstSignIn(
  lab: TestLab,
  email: string,
  oneTime: string,
  chosen: string,
): Promise<Client> {
  const pending = await signIn(lab, email, oneTime);
  const me = await json<{ user: { mustChangePassword: boolean } }>(
    await call(lab, pending, 'GET', '/api/me'),
    200,
  );
  assert.equal(me.user.mustChangePassword, true);
  const res = await call(lab, pending, 'POST', '/api/me/password', {
    currentPassword: oneTime,
    newPassword: chosen,
  });
  const body = await json<{ csrfToken: string; user: { mustChangePassword: boolean } }>(res, 200);
  assert.equal(body.user.mustChangePassword, false);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  assert.match(cookie, /^dfslab_session=/);
  return { cookie, csrf: body.csrfToken };
}

/** Operator creates a Unicode-named organisation; its admin is forced to change the password. */
export async function createOrgFlow(lab: TestLab, suffix: string) {
  const op = await operator(lab);
  const email = `chef-${suffix}@bank.example`;
  const created = await json<Created>(
    await call(lab, op, 'POST', '/api/orgs', {
      name: `${UNICODE_ORG} ${suffix}`,
      type: 'central bank',
      country: 'ke',
      admin: { email: ` ${email.toUpperCase()} `, name: 'Zoë Ñandú 李' },
    }),
    201,
  );
  assert.equal(created.org.name, `${UNICODE_ORG} ${suffix}`);
  assert.equal(created.org.country, 'KE');
  assert.equal(created.admin.email, email);
  assert.equal(created.admin.name, 'Zoë Ñandú 李');
  assert.equal(created.admin.mustChangePassword, true);
  assert.match(created.oneTimePassword, /^[A-Za-z0-9_-]{24}$/);

  // Signed in with the one-time password: only me, sign-out and the password change work.
  const pending = await signIn(lab, email, created.oneTimePassword);
  const blocked = await call(lab, pending, 'GET', '/api/audits');
  assert.equal((await json<ErrorBody>(blocked, 403)).error.code, 'PASSWORD_CHANGE_REQUIRED');
  const members = await call(lab, pending, 'GET', `/api/orgs/${created.org.id}/members`);
  assert.equal((await json<ErrorBody>(members, 403)).error.code, 'PASSWORD_CHANGE_REQUIRED');
  const admin = await firstSignIn(lab, email, created.oneTimePassword, 'a long new passphrase 1');
  assert.equal((await call(lab, pending, 'GET', '/api/me')).status, 401, 'the one-time session ended');
  assert.equal((await call(lab, admin, 'GET', '/api/audits')).status, 200);

  // The operator sees it in the list; its admin sees only their own organisation.
  const all = await json<{ orgs: { id: string; members: number }[] }>(
    await call(lab, op, 'GET', '/api/orgs'),
    200,
  );
  assert.ok(all.orgs.some((o) => o.id === created.org.id && o.members === 1));
  const own = await json<{ orgs: { id: string }[] }>(await call(lab, admin, 'GET', '/api/orgs'), 200);
  assert.deepEqual(
    own.orgs.map((o) => o.id),
    [created.org.id],
  );
  return { op, admin, orgId: created.org.id, email };
}

/** An org admin adds a member, changes their role, disables and re-enables them. */
export async function memberFlow(lab: TestLab, admin: Client, orgId: string, suffix: string) {
  const email = `ana-${suffix}@bank.example`;
  const added = await json<{ member: MemberBody; oneTimePassword: string }>(
    await call(lab, admin, 'POST', `/api/orgs/${orgId}/members`, {
      email,
      name: 'Анна 安娜',
      role: 'analyst',
    }),
    201,
  );
  assert.equal(added.member.state, 'active');
  const dup = await call(lab, admin, 'POST', `/api/orgs/${orgId}/members`, {
    email: email.toUpperCase(),
    name: 'again',
    role: 'viewer',
  });
  assert.equal((await json<ErrorBody>(dup, 409)).error.code, 'CONFLICT');
  const ana = await firstSignIn(lab, email, added.oneTimePassword, 'анна пароль 12345');
  const token = await json<{ token: string }>(
    await call(lab, ana, 'POST', '/api/tokens', { name: 'ci', role: 'analyst' }),
    201,
  );
  const bearer = { authorization: `Bearer ${token.token}` };
  assert.equal((await call(lab, undefined, 'GET', '/api/audits', undefined, bearer)).status, 200);

  const id = added.member.id;
  const viewer = await json<MemberBody>(
    await call(lab, admin, 'PATCH', `/api/orgs/${orgId}/members/${id}`, { role: 'viewer' }),
    200,
  );
  assert.equal(viewer.role, 'viewer');
  const refused = await call(lab, ana, 'POST', '/api/tokens', { name: 'x', role: 'analyst' });
  assert.equal(refused.status, 403, 'the new role applies at once');

  // Disable: the session and the token stop at once, sign-in is refused.
  const off = await json<MemberBody>(
    await call(lab, admin, 'PATCH', `/api/orgs/${orgId}/members/${id}`, { active: false }),
    200,
  );
  assert.equal(off.state, 'disabled');
  assert.equal((await call(lab, ana, 'GET', '/api/me')).status, 401);
  assert.equal((await call(lab, undefined, 'GET', '/api/me', undefined, bearer)).status, 401);
  const again = await call(lab, undefined, 'POST', '/api/session', { email, password: 'анна пароль 12345' });
  assert.equal(again.status, 403);
  assert.match((await json<ErrorBody>(again, 403)).error.message, /disabled/);

  // Re-enable: sign-in works again; the revoked token stays revoked.
  const on = await json<MemberBody>(
    await call(lab, admin, 'PATCH', `/api/orgs/${orgId}/members/${id}`, { active: true }),
    200,
  );
  assert.equal(on.state, 'active');
  const back = await signIn(lab, email, 'анна пароль 12345');
  assert.equal((await call(lab, back, 'GET', '/api/me')).status, 200);
  assert.equal((await call(lab, undefined, 'GET', '/api/me', undefined, bearer)).status, 401);

  // The audit log tells who did what, and never a password.
  const log = await call(lab, admin, 'GET', `/api/orgs/${orgId}/audit-log?action=member`);
  const text = await log.text();
  assert.equal(log.status, 200, text);
  const { entries } = JSON.parse(text) as {
    entries: { action: string; target: string | null; targetEmail: string | null }[];
  };
  const aboutAna = entries.filter((e) => e.target === id);
  assert.ok(aboutAna.length >= 4 && aboutAna.every((e) => e.targetEmail === email), 'the target is named');
  const actions = entries.map((e) => e.action).reverse();
  for (const a of ['member.add', 'member.role', 'member.disable', 'member.enable'])
    assert.ok(actions.includes(a), `${a} in ${actions.join(', ')}`);
  assert.ok(entries.every((e) => e.action.startsWith('member.')));
  assert.ok(!text.includes(added.oneTimePassword) && !text.includes('пароль'), 'no secret in the log');
  return { memberId: id, email, session: back };
}
