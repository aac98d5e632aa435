/**
 * The lab's tables (drizzle, PostgreSQL dialect). The DDL lives in migrations.ts; this file only
 * describes it to drizzle for typed queries. Keep the two in step: store.test.ts checks that every
 * table here exists after migrating.
 */
import {
  bigint,
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

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

/** What an audit examined: an uploaded APK, a USSD menu (no artifact), an STK capture or profile. */
export const AUDIT_KINDS = ['apk', 'ussd', 'stk'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

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
  /** Set for a one-time password: the user must choose their own before anything else. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** Set while the account is disabled: sign-in refused, sessions and tokens already revoked. */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
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
  /** null for a USSD scan (nothing uploaded). */
  artifactSha256: text('artifact_sha256').references(() => artifacts.sha256),
  kind: text('kind').$type<AuditKind>().notNull().default('apk'),
  status: text('status').$type<AuditStatus>().notNull(),
  progress: text('progress'),
  progressPercent: integer('progress_percent'),
  /** The job's input (a USSD scan's target); secrets are dropped once the job has finished. */
  input: jsonb('input'),
  error: text('error'),
  report: jsonb('report'),
  summary: jsonb('summary'),
  /** The app identity, generated from the report (0005) so lists need not read whole reports. */
  appName: text('app_name').generatedAlwaysAs(sql`report->'target'->>'name'`),
  appPackage: text('app_package').generatedAlwaysAs(sql`report->'target'->>'package'`),
  appVersionName: text('app_version_name').generatedAlwaysAs(sql`report->'target'->>'versionName'`),
  appVersionCode: text('app_version_code').generatedAlwaysAs(sql`report->'target'->>'versionCode'`),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: created(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** The audit's list item as JSON text, kept by a trigger (0006); never written by the app. */
  listItem: text('list_item'),
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
  /** When the token last authenticated a request (updated at most once a minute). */
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});

/** Sign-in failures per SHA-256 of (client IP, email), shared by every server process. */
export const rateLimits = pgTable('rate_limits', {
  keyHash: text('key_hash').primaryKey(),
  hits: integer('hits').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
});

/** Sessions of users who must change their one-time password: they reach only that route. */
export const passwordChangeSessions = pgTable('password_change_sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
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
  rateLimits,
  passwordChangeSessions,
};
