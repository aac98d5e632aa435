/**
 * The authenticated read path: the short-lived actor cache never outlives a revocation (at once
 * in the same process, within ACTOR_CACHE_TTL_MS in another one), and an API token's
 * `last_used_at` is written at most once a minute. On PGlite and on the real PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { ACTOR_CACHE_TTL_MS } from '../../src/lab/auth/actor-cache.js';
import { LAST_USED_RESOLUTION_MS } from '../../src/lab/auth/tokens.js';
import { apiTokens, users } from '../../src/store/schema.js';
import { addOrg, addUser, call, signIn, testLab, type Client, type TestLab } from '../lab-helpers.js';
import { NEEDS_PG, throwawayDb, type ThrowawayDb } from './throwaway-db.js';

type Token = { id: string; token: string };

async function newToken(lab: TestLab, who: Client, name: string): Promise<Token> {
  const res = await call(lab, who, 'POST', '/api/tokens', { name, role: 'analyst' });
  assert.equal(res.status, 201);
  return (await res.json()) as Token;
}

const bearer = (t: Token) => ({ authorization: `Bearer ${t.token}` });
const meWith = (lab: TestLab, t: Token) => call(lab, undefined, 'GET', '/api/me', undefined, bearer(t));

async function lastUsed(lab: TestLab, id: string): Promise<number | null> {
  const [row] = await lab.deps.db
    .select({ at: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.id, id));
  return row.at?.getTime() ?? null;
}

function readPathSuite(backend: 'pglite' | 'postgres') {
  let db: ThrowawayDb | undefined;
  /** This process, and another one on the same database (PostgreSQL only; else the same lab). */
  let here: TestLab;
  let there: TestLab;
  let ana: Client;

  before(async () => {
    if (backend === 'postgres') {
      db = await throwawayDb();
      here = await testLab({ store: { url: db.url }, jobs: 'in-process' });
      there = await testLab({ store: { url: db.url }, jobs: 'in-process' });
    } else {
      here = await testLab({ jobs: 'in-process' });
      there = here;
    }
    const org = await addOrg(here, 'Read path');
    await addUser(here, org, 'ana@rp.example', 'pw-ana', 'admin');
    ana = await signIn(here, 'ana@rp.example', 'pw-ana');
  });
  after(async () => {
    if (there !== here) await there?.dispose();
    await here?.dispose();
    await db?.drop();
  });

  const sync = () => {
    there.clock.t = here.clock.t;
  };

  it('a token revoked in this process is refused at once, though it was just cached', async () => {
    const t = await newToken(here, ana, 'ci-1');
    assert.equal((await meWith(here, t)).status, 200);
    assert.equal((await meWith(here, t)).status, 200);
    assert.equal((await call(here, ana, 'DELETE', `/api/tokens/${t.id}`)).status, 204);
    assert.equal((await meWith(here, t)).status, 401);
  });

  it('a signed-out session is refused at once', async () => {
    const vic = await signIn(here, 'ana@rp.example', 'pw-ana');
    assert.equal((await call(here, vic, 'GET', '/api/me')).status, 200);
    assert.equal((await call(here, vic, 'DELETE', '/api/session')).status, 204);
    assert.equal((await call(here, vic, 'GET', '/api/me')).status, 401);
  });

  it('a revocation by another process (or in SQL) takes effect here within the cache TTL', async () => {
    const t = await newToken(here, ana, 'ci-2');
    assert.equal((await meWith(here, t)).status, 200);
    if (there !== here) {
      sync();
      const other = await signIn(there, 'ana@rp.example', 'pw-ana');
      assert.equal((await call(there, other, 'DELETE', `/api/tokens/${t.id}`)).status, 204);
      // the other process itself refuses it at once
      assert.equal((await meWith(there, t)).status, 401);
    } else {
      await here.deps.db
        .update(apiTokens)
        .set({ revokedAt: new Date(here.clock.t) })
        .where(eq(apiTokens.id, t.id));
    }
    here.clock.t += ACTOR_CACHE_TTL_MS;
    assert.equal((await meWith(here, t)).status, 401);
  });

  it('a cached session stops at its expiry, and a disabled user at the TTL', async () => {
    const s = await signIn(here, 'ana@rp.example', 'pw-ana');
    assert.equal((await call(here, s, 'GET', '/api/me')).status, 200);
    here.clock.t += here.deps.sessionTtlMs;
    assert.equal((await call(here, s, 'GET', '/api/me')).status, 401);
    const s2 = await signIn(here, 'ana@rp.example', 'pw-ana');
    assert.equal((await call(here, s2, 'GET', '/api/me')).status, 200);
    await there.deps.db
      .update(users)
      .set({ disabledAt: new Date(here.clock.t) })
      .where(eq(users.email, 'ana@rp.example'));
    here.clock.t += ACTOR_CACHE_TTL_MS;
    assert.equal((await call(here, s2, 'GET', '/api/me')).status, 401);
    await there.deps.db.update(users).set({ disabledAt: null }).where(eq(users.email, 'ana@rp.example'));
    ana = await signIn(here, 'ana@rp.example', 'pw-ana');
  });

  it('records a token’s last use at most once a minute, across processes', async () => {
    const t = await newToken(here, ana, 'ci-3');
    assert.equal(await lastUsed(here, t.id), null);
    const first = here.clock.t;
    assert.equal((await meWith(here, t)).status, 200);
    assert.equal(await lastUsed(here, t.id), first);
    // later uses within the minute, here and in the other process, write nothing
    here.clock.t += LAST_USED_RESOLUTION_MS - ACTOR_CACHE_TTL_MS;
    sync();
    for (let i = 0; i < 5; i++) assert.equal((await meWith(here, t)).status, 200);
    assert.equal((await meWith(there, t)).status, 200);
    here.clock.t += ACTOR_CACHE_TTL_MS / 2;
    assert.equal((await meWith(here, t)).status, 200);
    assert.equal(await lastUsed(here, t.id), first);
    // a minute on, the next use moves it
    here.clock.t = first + LAST_USED_RESOLUTION_MS + ACTOR_CACHE_TTL_MS;
    assert.equal((await meWith(here, t)).status, 200);
    assert.equal(await lastUsed(here, t.id), here.clock.t);
    const list = (await (await call(here, ana, 'GET', '/api/tokens')).json()) as {
      tokens: { id: string; lastUsedAt: string | null }[];
    };
    assert.equal(list.tokens.find((x) => x.id === t.id)?.lastUsedAt, new Date(here.clock.t).toISOString());
  });
}

describe('authenticated read path (PGlite)', () => readPathSuite('pglite'));
describe('authenticated read path (PostgreSQL)', { skip: NEEDS_PG }, () => readPathSuite('postgres'));
