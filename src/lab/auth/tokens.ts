/**
 * API tokens for CI: `dfs_` + 32 random bytes (base64url), shown once; the database holds only
 * the SHA-256. A token acts as its creator with the lower of the token's and the creator's
 * current role. Tokens cannot manage tokens (a leaked one cannot mint or extend itself).
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { apiTokens, users, ROLES, type Role } from '../../store/schema.js';
import { recordAction } from '../audit-log.js';
import type { Actor, LabDeps } from '../env.js';
import { AppError } from '../errors.js';
import { tokenHash } from './sessions.js';

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

/** The actor behind a bearer token, or undefined if it is unknown, revoked or expired. */
export async function actorForBearer(db: Db, token: string, now: Date): Promise<Actor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      tokenRole: apiTokens.role,
      userId: users.id,
      orgId: users.orgId,
      role: users.role,
      email: users.email,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash(token)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row || row.orgId === undefined) return undefined;
  return {
    userId: row.userId,
    orgId: row.orgId,
    role: lower(row.tokenRole, row.role),
    email: row.email,
    csrfToken: '',
    tokenId: row.tokenId,
  };
}
