/** Sessions: the client holds a random token; the database holds only its SHA-256. */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { sessions, users } from '../../store/schema.js';
import type { Actor } from '../env.js';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new session's secrets: the cookie token (stored only as its SHA-256) and its CSRF token. */
export function newSessionSecrets(): { token: string; csrfToken: string } {
  return { token: randomBytes(32).toString('base64url'), csrfToken: randomBytes(32).toString('base64url') };
}

export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  ttlMs: number,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const { token, csrfToken } = newSessionSecrets();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.insert(sessions).values({ tokenHash: tokenHash(token), userId, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}

/**
 * The session lookup of every signed-in request: one indexed join, prepared once per database
 * (drizzle builds the SQL once; a real PostgreSQL parses and plans it once per connection).
 */
function prepareSessionActor(db: Db) {
  return db
    .select({
      userId: users.id,
      orgId: users.orgId,
      role: users.role,
      email: users.email,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('hash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        isNull(users.disabledAt),
      ),
    )
    .limit(1)
    .prepare('dfslab_session_actor');
}
const sessionActorQueries = new WeakMap<Db, ReturnType<typeof prepareSessionActor>>();

export type Authenticated = { actor: Actor; expiresAt: Date };

/** The actor behind a session token's SHA-256 and the session's expiry, if it is live. */
export async function sessionByHash(db: Db, hash: string, now: Date): Promise<Authenticated | undefined> {
  let q = sessionActorQueries.get(db);
  if (!q) sessionActorQueries.set(db, (q = prepareSessionActor(db)));
  const [row] = await q.execute({ hash, now: now.toISOString() });
  if (!row) return undefined;
  const { expiresAt, ...actor } = row;
  return { actor, expiresAt };
}

/** The actor behind a session token, or undefined if it is unknown or expired (or its user disabled). */
export async function actorForToken(db: Db, token: string, now: Date): Promise<Actor | undefined> {
  return (await sessionByHash(db, tokenHash(token), now))?.actor;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}
