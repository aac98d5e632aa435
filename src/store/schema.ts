/**
 * The lab's tables (drizzle, PostgreSQL dialect). The DDL lives in migrations.ts; this file only
 * describes it to drizzle for typed queries. Keep the two in step: store.test.ts checks that every
 * table here exists after migrating.
 */
import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const ORG_TYPES = [
  'telecom regulator',
  'central bank',
  'mobile network operator',
  'DFS provider',
  'postal operator',
  'third-party provider',
  'lab operator',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ROLES = ['admin', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const AUDIT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export const TRIAGE_STATUSES = ['open', 'confirmed', 'false-positive', 'accepted-risk', 'fixed'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type StoredSeverity = (typeof SEVERITIES)[number];

const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const orgs = pgTable('orgs', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  type: text('type').$type<OrgType>().notNull(),
  country: text('country').notNull(),
  createdAt: created(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => orgs.id),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').$type<Role>().notNull(),
  createdAt: created(),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: created(),
});

export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  orgId: uuid('org_id').references(() => orgs.id),
  userId: uuid('user_id').references(() => users.id),
  action: text('action').notNull(),
  target: text('target'),
  detail: jsonb('detail'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const artifacts = pgTable('artifacts', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  storedPath: text('stored_path').notNull(),
  createdAt: created(),
});

/** Which organisations uploaded which bytes: an artifact is visible only to its uploaders. */
export const artifactOwners = pgTable(
  'artifact_owners',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    sha256: text('sha256')
      .notNull()
      .references(() => artifacts.sha256),
    fileName: text('file_name').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sha256] })],
);

export const audits = pgTable('audits', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => orgs.id),
  artifactSha256: text('artifact_sha256')
    .notNull()
    .references(() => artifacts.sha256),
  status: text('status').$type<AuditStatus>().notNull(),
  progress: text('progress'),
  error: text('error'),
  report: jsonb('report'),
  summary: jsonb('summary'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: created(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export const findings = pgTable('findings', {
  id: uuid('id').primaryKey().defaultRandom(),
  auditId: uuid('audit_id')
    .notNull()
    .references(() => audits.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id')
    .notNull()
    .references(() => orgs.id),
  ordinal: integer('ordinal').notNull(),
  checkId: text('check_id').notNull(),
  fingerprint: text('fingerprint').notNull(),
  severity: text('severity').$type<StoredSeverity>().notNull(),
  title: text('title').notNull(),
  message: text('message').notNull(),
  triage: text('triage').$type<TriageStatus>().notNull().default('open'),
  triageReason: text('triage_reason'),
  triagedBy: uuid('triaged_by').references(() => users.id),
  triagedAt: timestamp('triaged_at', { withTimezone: true }),
});

/** API tokens for CI: the bearer holds `dfs_…`; the database holds only its SHA-256. */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => orgs.id),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  role: text('role').$type<Role>().notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: created(),
});

export const schema = {
  orgs,
  users,
  sessions,
  auditLog,
  artifacts,
  artifactOwners,
  audits,
  findings,
  apiTokens,
};
