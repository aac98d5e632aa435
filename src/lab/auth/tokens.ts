/**
 * API tokens for CI: `dfs_` + 32 random bytes (base64url), shown once; the database holds only
 * the SHA-256. A token acts as its creator with the lower of the token's and the creator's
 * current role. Tokens cannot manage tokens (a leaked one cannot mint or extend itself).
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { apiTokens, users, ROLES, type Role } from '../../store/schema.js';
import { recordAction } from '../audit-log.js';
import type { Actor, LabDeps } from '../env.js';
import { AppError } from '../errors.js';
import { tokenHash, type Authenticated } from './sessions.js';

export const TOKEN_PREFIX = 'dfs_';
const DAY_MS = 24 * 60 * 60 * 1000;

/** admin > analyst > viewer */
function rank(role: Role): number {
  return ROLES.length - ROLES.indexOf(role);
}

function lower(a: Role, b: Role): Role {
  return rank(a) <= rank(b) ? a : b;
}

function requireSession(actor: Actor): void {
  if (actor.tokenId) throw new AppError('FORBIDDEN', 'API tokens cannot manage tokens; sign in');
}

export type TokenView = {
  id: string;
  name: string;
  role: Role;
  userId: string;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
  /** Last authenticated request, to the minute (null: never used). */
  lastUsedAt: string | null;
};

function view(r: typeof apiTokens.$inferSelect): TokenView {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    userId: r.userId,
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  };
}

export async function createToken(
  deps: LabDeps,
  actor: Actor,
  body: { name: string; role: Role; expiresInDays: number },
): Promise<TokenView & { token: string }> {
  requireSession(actor);
  if (actor.role === 'viewer') throw new AppError('FORBIDDEN', 'viewers cannot create tokens');
  if (rank(body.role) > rank(actor.role))
    throw new AppError('FORBIDDEN', `a ${actor.role} cannot grant ${body.role}`);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const [row] = await deps.db
    .insert(apiTokens)
    .values({
      orgId: actor.orgId,
      userId: actor.userId,
      name: body.name,
      role: body.role,
      tokenHash: tokenHash(token),
      expiresAt: new Date(deps.now().getTime() + body.expiresInDays * DAY_MS),
      createdAt: deps.now(),
    })
    .returning();
  await recordAction(deps.db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'token.create',
    target: row.id,
    detail: { name: body.name, role: body.role, expiresAt: row.expiresAt.toISOString() },
  });
  return { ...view(row), token };
}

/** Admins see every token of their organisation; others see their own. */
export async function listTokens(db: Db, actor: Actor): Promise<{ tokens: TokenView[] }> {
  const scope =
    actor.role === 'admin'
      ? eq(apiTokens.orgId, actor.orgId)
      : and(eq(apiTokens.orgId, actor.orgId), eq(apiTokens.userId, actor.userId));
  const rows = await db.select().from(apiTokens).where(scope).orderBy(desc(apiTokens.createdAt));
  return { tokens: rows.map(view) };
}

export async function revokeToken(deps: LabDeps, actor: Actor, id: string): Promise<void> {
  const [row] = await deps.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.orgId, actor.orgId)))
    .limit(1);
  if (!row || (actor.role !== 'admin' && row.userId !== actor.userId))
    throw new AppError('NOT_FOUND', 'token not found');
  requireSession(actor);
  if (actor.role === 'viewer') throw new AppError('FORBIDDEN', 'viewers cannot revoke tokens');
  await deps.db
    .update(apiTokens)
    .set({ revokedAt: deps.now() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
  await recordAction(deps.db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'token.revoke',
    target: id,
  });
}

/** The bearer lookup of every token request: one indexed join, prepared once per database. */
function prepareBearerActor(db: Db) {
  return db
    .select({
      tokenId: apiTokens.id,
      tokenRole: apiTokens.role,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      userId: users.id,
      orgId: users.orgId,
      role: users.role,
      email: users.email,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder('hash')),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql.placeholder('now')),
        isNull(users.disabledAt),
      ),
    )
    .limit(1)
    .prepare('dfslab_bearer_actor');
}
const bearerActorQueries = new WeakMap<Db, ReturnType<typeof prepareBearerActor>>();

/** The actor behind an API token's SHA-256 and the token's expiry, if it is live; records its use. */
export async function bearerByHash(db: Db, hash: string, now: Date): Promise<Authenticated | undefined> {
  let q = bearerActorQueries.get(db);
  if (!q) bearerActorQueries.set(db, (q = prepareBearerActor(db)));
  const [row] = await q.execute({ hash, now: now.toISOString() });
  if (!row) return undefined;
  await touchToken(db, row.tokenId, row.lastUsedAt, now);
  return {
    actor: {
      userId: row.userId,
      orgId: row.orgId,
      role: lower(row.tokenRole, row.role),
      email: row.email,
      csrfToken: '',
      tokenId: row.tokenId,
    },
    expiresAt: row.expiresAt,
  };
}

/** The actor behind a bearer token, or undefined if it is unknown, revoked or expired. */
export async function actorForBearer(db: Db, token: string, now: Date): Promise<Actor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  return (await bearerByHash(db, tokenHash(token), now))?.actor;
}

/** A request authenticated by a cached token: record the use (a write at most once a minute). */
export function noteTokenUse(db: Db, tokenId: string, now: Date): Promise<void> {
  return touchToken(db, tokenId, null, now);
}

/** `api_tokens.last_used_at` moves at most once per this interval: reads do not each write. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** Tokens remembered per database as touched lately (bounded; forgetting only costs an UPDATE). */
const TOUCHED_MAX = 10_000;
const touchedAt = new WeakMap<Db, Map<string, number>>();

/**
 * Record a token's use when its stored time is older than LAST_USED_RESOLUTION_MS. This process
 * remembers what it wrote, so concurrent requests do not all write; the UPDATE's own condition
 * keeps other processes to the same once-a-minute.
 */
async function touchToken(db: Db, tokenId: string, lastUsedAt: Date | null, now: Date): Promise<void> {
  const t = now.getTime();
  let mine = touchedAt.get(db);
  if (!mine) touchedAt.set(db, (mine = new Map()));
  if (mine.size >= TOUCHED_MAX) mine.clear();
  const known = Math.max(lastUsedAt?.getTime() ?? -Infinity, mine.get(tokenId) ?? -Infinity);
  mine.set(tokenId, known);
  if (t >= known && t - known < LAST_USED_RESOLUTION_MS) return;
  mine.set(tokenId, t);
  const stale = new Date(t - LAST_USED_RESOLUTION_MS);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lte(apiTokens.lastUsedAt, stale))),
    );
}
