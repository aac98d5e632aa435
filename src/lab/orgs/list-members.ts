import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { users } from '../../store/schema.js';
import type { Actor } from '../env.js';
import { AppError } from '../errors.js';
import { memberView } from '../people/members.js';
import { maySeeOrg } from './policy.js';

export async function listMembers(db: Db, actor: Actor, orgId: string) {
  if (!maySeeOrg(actor, orgId)) throw new AppError('NOT_FOUND', 'organisation not found');
  const rows = await db.select().from(users).where(eq(users.orgId, orgId)).orderBy(asc(users.email));
  return { members: rows.map(memberView) };
}
