/**
 * The main people flows on a real PostgreSQL (row locks, unique violations and transactions behave
 * as in production). Runs when DFSLAB_TEST_DATABASE_URL points at a server where it may create and
 * drop databases; scripts/test.mjs starts one. In CI a missing server is a failure, not a skip.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { call, testLab, type TestLab } from '../lab-helpers.js';
import { createOrgFlow, firstSignIn, json, memberFlow, type ErrorBody } from './people-flows.js';

const ADMIN_URL = process.env.DFSLAB_TEST_DATABASE_URL;

if (!ADMIN_URL && (process.env.CI === 'true' || process.env.CI === '1')) {
  throw new Error(
    'DFSLAB_TEST_DATABASE_URL is not set: scripts/pg-test-server.sh could not start PostgreSQL',
  );
}

async function admin<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

describe(
  'people on a real PostgreSQL',
  { skip: ADMIN_URL ? false : 'DFSLAB_TEST_DATABASE_URL not set' },
  () => {
    const dbName = `dfslab_people_${randomBytes(6).toString('hex')}`;
    let lab: TestLab;

    before(async () => {
      await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
      const u = new URL(ADMIN_URL ?? '');
      u.pathname = `/${dbName}`;
      lab = await testLab({ store: { url: u.toString() }, jobs: 'in-process' });
    });
    after(async () => {
      await lab?.dispose();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    });

    it('creates an organisation, forces the password change, manages a member', async () => {
      const { admin: chef, orgId, op } = await createOrgFlow(lab, 'pg');
      await memberFlow(lab, chef, orgId, 'pg');
      // a duplicate name (any case) is a 409 from the unique index, and nothing is half-written
      const dup = await call(lab, op, 'POST', '/api/orgs', {
        name: 'БАНК ÑANDÚ 銀行 PG',
        type: 'DFS provider',
        country: 'UG',
        admin: { email: 'new-admin@pg.example', name: 'N' },
      });
      assert.equal((await json<ErrorBody>(dup, 409)).error.code, 'CONFLICT');
      const list = await json<{ orgs: { name: string }[] }>(await call(lab, op, 'GET', '/api/orgs'), 200);
      assert.equal(list.orgs.length, 2, 'the lab operator and the one created');
    });

    it('two admins demoting each other at once leave one admin (row locks)', async () => {
      const { admin: chef, orgId } = await createOrgFlow(lab, 'race');
      const second = await json<{ member: { id: string }; oneTimePassword: string }>(
        await call(lab, chef, 'POST', `/api/orgs/${orgId}/members`, {
          email: 'second@race.example',
          name: 'Second',
          role: 'admin',
        }),
        201,
      );
      const two = await firstSignIn(
        lab,
        'second@race.example',
        second.oneTimePassword,
        'second admin password',
      );
      const me = await json<{ user: { id: string } }>(await call(lab, chef, 'GET', '/api/me'), 200);
      const [a, b] = await Promise.all([
        call(lab, chef, 'PATCH', `/api/orgs/${orgId}/members/${second.member.id}`, { role: 'viewer' }),
        call(lab, two, 'PATCH', `/api/orgs/${orgId}/members/${me.user.id}`, { role: 'viewer' }),
      ]);
      const statuses = [a.status, b.status].sort();
      // Both may not succeed: one wins, the other is refused (409), or refused as no longer an admin (403).
      assert.equal(statuses[0], 200, `${a.status} ${b.status}`);
      assert.ok(statuses[1] === 409 || statuses[1] === 403, `${a.status} ${b.status}`);
      const list = await json<{ members: { role: string; state: string }[] }>(
        await call(lab, chef, 'GET', `/api/orgs/${orgId}/members`),
        200,
      );
      assert.equal(list.members.filter((m) => m.role === 'admin' && m.state === 'active').length, 1);
    });
  },
);
