/**
 * The sign-in rate limit shared through the database (several server processes count together),
 * and the opt-in trusted proxy (X-Forwarded-For only from listed addresses); on PGlite and on the
 * real PostgreSQL.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/lab/app.js';
import { createRateLimiter } from '../../src/lab/auth/rate-limit.js';
import { parseTrustedProxies } from '../../src/lab/client-ip.js';
import type { LabDeps } from '../../src/lab/env.js';
import { addOrg, addUser, testLab, type TestLab } from '../lab-helpers.js';
import { NEEDS_PG, throwawayDb, type ThrowawayDb } from './throwaway-db.js';

const MAX = 3;
const WINDOW_MS = 10 * 60 * 1000;

/** One server process: its app, its clock (each process has its own in-memory limiter). */
type Proc = { app: ReturnType<typeof createApp>; clock: { t: number }; deps: LabDeps };

function signIn(p: Proc, email: string, password: string, peer = '192.0.2.10', xff?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (xff !== undefined) headers['x-forwarded-for'] = xff;
  const incoming = { socket: { remoteAddress: peer } } as unknown as IncomingMessage;
  return p.app.request(
    '/api/session',
    { method: 'POST', headers, body: JSON.stringify({ email, password }) },
    { incoming },
  );
}

async function failTimes(p: Proc, n: number, email: string, peer?: string, xff?: string) {
  for (let i = 0; i < n; i++) assert.equal((await signIn(p, email, `wrong ${i}`, peer, xff)).status, 401);
}

function proc(lab: TestLab, extra: Partial<LabDeps> = {}): Proc {
  // A separate in-memory limiter, as in another process: only the database is shared.
  const deps = { ...lab.deps, loginLimiter: createRateLimiter(lab.deps.loginLimiter.settings), ...extra };
  return { app: createApp(deps), clock: lab.clock, deps };
}

function sharedLimitSuite(backend: 'pglite' | 'postgres') {
  let db: ThrowawayDb | undefined;
  let one: TestLab;
  let two: TestLab;
  let a: Proc;
  let b: Proc;
  const limits = { loginFailures: MAX, loginWindowMs: WINDOW_MS };

  before(async () => {
    if (backend === 'postgres') {
      db = await throwawayDb();
      one = await testLab({ store: { url: db.url }, jobs: 'in-process', limits });
      two = await testLab({ store: { url: db.url }, jobs: 'in-process', limits });
    } else {
      one = await testLab({ jobs: 'in-process', limits });
      two = one;
    }
    a = proc(one);
    b = proc(two);
    b.clock.t = a.clock.t;
    const org = await addOrg(one, 'Limits');
    await addUser(one, org, 'rl@a.example', 'right one', 'analyst');
    await addUser(one, org, 'px@a.example', 'right px', 'analyst');
  });
  after(async () => {
    if (two !== one) await two?.dispose();
    await one?.dispose();
    await db?.drop();
  });

  it('counts failures from every process together and blocks in all of them', async () => {
    await failTimes(a, 2, 'rl@a.example');
    await failTimes(b, 1, 'RL@a.example ');
    // each process saw fewer than MAX failures, but the database saw MAX
    const blocked = await signIn(b, 'rl@a.example', 'right one');
    assert.equal(blocked.status, 429);
    const wait = Number(blocked.headers.get('retry-after'));
    assert.ok(wait > 0 && wait <= WINDOW_MS / 1000, String(wait));
    assert.equal(((await blocked.json()) as { error: { code: string } }).error.code, 'RATE_LIMITED');
    assert.equal((await signIn(a, 'rl@a.example', 'right one')).status, 429);
    // another client IP is another key
    assert.equal((await signIn(a, 'rl@a.example', 'right one', '192.0.2.99')).status, 200);
    // the table keeps hashes, never the email or the IP
    const rows = await one.deps.db.execute(sql`SELECT key_hash FROM rate_limits`);
    const dump = JSON.stringify(rows);
    assert.ok(!dump.includes('rl@a.example') && !dump.includes('192.0.2.10'), dump);
    // after the window both processes let the right password in, and a success clears the count
    a.clock.t += WINDOW_MS + 1000;
    b.clock.t = a.clock.t;
    assert.equal((await signIn(b, 'rl@a.example', 'right one')).status, 200);
    await failTimes(a, MAX - 1, 'rl@a.example');
    assert.equal((await signIn(a, 'rl@a.example', 'right one')).status, 200);
    await failTimes(b, MAX - 1, 'rl@a.example');
    assert.equal((await signIn(b, 'rl@a.example', 'right one')).status, 200);
  });

  it('counts wrong current passwords (password change) from every process together', async () => {
    await addUser(one, await addOrg(one, 'Pw limits'), 'pw@a.example', 'current one', 'analyst');
    const session = async (p: Proc) => {
      const res = await signIn(p, 'pw@a.example', 'current one', '192.0.2.77');
      assert.equal(res.status, 200);
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: csrfToken };
    };
    const [sa, sb] = [await session(a), await session(b)];
    const change = (p: Proc, who: { cookie: string; csrf: string }, current: string) =>
      p.app.request('/api/me/password', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf },
        body: JSON.stringify({ currentPassword: current, newPassword: 'a brand new password' }),
      });
    for (let i = 0; i < MAX - 1; i++) assert.equal((await change(a, sa, `wrong ${i}`)).status, 403);
    assert.equal((await change(b, sb, 'wrong again')).status, 403);
    // each process saw fewer than MAX wrong passwords; the database saw MAX: both refuse, even the right one
    const blocked = await change(b, sb, 'current one');
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.equal((await change(a, sa, 'current one')).status, 429);
    // after the window the right password works, and the change is made
    a.clock.t += WINDOW_MS + 1000;
    b.clock.t = a.clock.t;
    assert.equal((await change(a, sa, 'current one')).status, 200);
  });

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', async () => {
    // untrusted: every forwarded address is the same client (the peer)
    const plain = proc(one);
    await failTimes(plain, 2, 'px@a.example', '198.51.100.7', '203.0.113.1');
    await failTimes(plain, 1, 'px@a.example', '198.51.100.7', '203.0.113.2');
    assert.equal(
      (await signIn(plain, 'px@a.example', 'right px', '198.51.100.7', '203.0.113.3')).status,
      429,
    );
    // behind a trusted proxy, the forwarded client is the key: another client is not blocked …
    const proxied = proc(one, { trustedProxies: parseTrustedProxies('198.51.100.0/24') });
    assert.equal(
      (await signIn(proxied, 'px@a.example', 'right px', '198.51.100.7', '203.0.113.9')).status,
      200,
    );
    // … and one client's failures block only that client, whatever it puts left of the proxy's hop
    await failTimes(proxied, MAX, 'px@a.example', '198.51.100.7', '203.0.113.50');
    const spoof = 'spoofed, 10.9.9.9, 203.0.113.50';
    assert.equal((await signIn(proxied, 'px@a.example', 'right px', '198.51.100.8', spoof)).status, 429);
    assert.equal(
      (await signIn(proxied, 'px@a.example', 'right px', '198.51.100.8', '203.0.113.51')).status,
      200,
    );
  });
}

describe('shared sign-in rate limit (PGlite)', () => sharedLimitSuite('pglite'));
describe('shared sign-in rate limit (PostgreSQL)', { skip: NEEDS_PG }, () => sharedLimitSuite('postgres'));
