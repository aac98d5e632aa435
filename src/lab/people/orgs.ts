/**
 * Organisations: the lab operator's admins list every organisation and create new ones together
 * with their first admin (a one-time password, shown once). Everybody else sees only their own.
 */
import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { orgs, users, type OrgType } from '../../store/schema.js';
import { recordAction } from '../audit-log.js';
import { hashPassword, randomPassword } from '../auth/passwords.js';
import type { Actor, LabDeps } from '../env.js';
import { AppError } from '../errors.js';
import { DUPLICATE_EMAIL, memberView, type MemberView } from './members.js';
import { LAB_OPERATOR, mayManageOrgs } from './policy.js';
import { isUniqueViolation } from './unique.js';

export type OrgSummaryView = {
  id: string;
  name: string;
  type: OrgType;
  country: string;
  members: number;
  createdAt: string;
};

async function orgTypeOf(db: Db, orgId: string): Promise<OrgType | undefined> {
  const [o] = await db.select({ type: orgs.type }).from(orgs).where(eq(orgs.id, orgId)).limit(1);
  return o?.type;
}

export async function listOrgs(db: Db, actor: Actor): Promise<{ orgs: OrgSummaryView[] }> {
  const type = await orgTypeOf(db, actor.orgId);
  const all = type !== undefined && mayManageOrgs(actor, type).ok;
  const rows = await db
    .select({
      id: orgs.id,
      name: orgs.name,
      type: orgs.type,
      country: orgs.country,
      createdAt: orgs.createdAt,
      members: count(users.id),
    })
    .from(orgs)
    .leftJoin(users, eq(users.orgId, orgs.id))
    .where(all ? undefined : eq(orgs.id, actor.orgId))
    .groupBy(orgs.id)
    .orderBy(asc(orgs.name));
  return {
    orgs: rows.map((r) => ({ ...r, members: Number(r.members), createdAt: r.createdAt.toISOString() })),
  };
}

export type CreateOrgInput = {
  name: string;
  type: OrgType;
  country: string;
  admin: { email: string; name: string };
};

export async function createOrg(
  deps: LabDeps,
  actor: Actor,
  body: CreateOrgInput,
): Promise<{ org: OrgSummaryView; admin: MemberView; oneTimePassword: string }> {
  const v = mayManageOrgs(actor, (await orgTypeOf(deps.db, actor.orgId)) ?? 'DFS provider');
  if (!v.ok) throw new AppError('FORBIDDEN', v.reason);
  if (body.type === LAB_OPERATOR)
    throw new AppError('CONFLICT', 'the lab has one lab-operator organisation; choose another type');
  const oneTimePassword = randomPassword();
  const passwordHash = await hashPassword(oneTimePassword);
  let created: { org: typeof orgs.$inferSelect; admin: typeof users.$inferSelect };
  try {
    created = await deps.db.transaction(async (tx) => {
      const [org] = await tx
        .insert(orgs)
        .values({ name: body.name, type: body.type, country: body.country })
        .returning();
      const [admin] = await tx
        .insert(users)
        .values({
          orgId: org.id,
          email: body.admin.email,
          name: body.admin.name,
          role: 'admin',
          passwordHash,
          mustChangePassword: true,
        })
        .returning();
      return { org, admin };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const [taken] = await deps.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, body.admin.email))
      .limit(1);
    throw new AppError('CONFLICT', taken ? DUPLICATE_EMAIL : 'an organisation with this name already exists');
  }
  const { org, admin } = created;
  await recordAction(deps.db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'org.create',
    target: org.id,
    detail: { name: org.name, type: org.type, country: org.country, adminEmail: admin.email },
  });
  await recordAction(deps.db, {
    orgId: org.id,
    userId: actor.userId,
    action: 'member.add',
    target: admin.id,
    detail: { email: admin.email, role: admin.role },
  });
  return {
    org: {
      id: org.id,
      name: org.name,
      type: org.type,
      country: org.country,
      members: 1,
      createdAt: org.createdAt.toISOString(),
    },
    admin: memberView(admin),
    oneTimePassword,
  };
}
