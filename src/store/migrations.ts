/**
 * SQL migrations, in order. One dialect for PGlite (PostgreSQL 18) and the real server
 * (PostgreSQL 15): use nothing newer than 15. Never edit a shipped migration; append a new one.
 * Statements are separated by a line holding only `--;` (PGlite's extended protocol takes one
 * statement per query).
 */
export type Migration = { id: string; sql: string };

const CHECK_IN = (col: string, values: readonly string[]) =>
  `CHECK (${col} IN (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}))`;

import { AUDIT_KINDS, AUDIT_STATUSES, ORG_TYPES, ROLES, SEVERITIES, TRIAGE_STATUSES } from './schema.js';

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001_init',
    sql: `
CREATE TABLE orgs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type text NOT NULL ${CHECK_IN('type', ORG_TYPES)},
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
--;
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id),
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL ${CHECK_IN('role', ROLES)},
  created_at timestamptz NOT NULL DEFAULT now()
);
--;
CREATE INDEX users_org_idx ON users(org_id);
--;
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
--;
CREATE INDEX sessions_user_idx ON sessions(user_id);
--;
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid REFERENCES orgs(id),
  user_id uuid REFERENCES users(id),
  action text NOT NULL,
  target text,
  detail jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
--;
CREATE INDEX audit_log_org_idx ON audit_log(org_id, at);
--;
CREATE TABLE artifacts (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  stored_path text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
--;
CREATE TABLE artifact_owners (
  org_id uuid NOT NULL REFERENCES orgs(id),
  sha256 text NOT NULL REFERENCES artifacts(sha256),
  file_name text NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, sha256)
);
--;
CREATE TABLE audits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id),
  artifact_sha256 text NOT NULL REFERENCES artifacts(sha256),
  status text NOT NULL ${CHECK_IN('status', AUDIT_STATUSES)},
  progress text,
  error text,
  report jsonb,
  summary jsonb,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
--;
CREATE INDEX audits_org_artifact_idx ON audits(org_id, artifact_sha256);
--;
CREATE TABLE findings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  audit_id uuid NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES orgs(id),
  ordinal integer NOT NULL,
  check_id text NOT NULL,
  fingerprint text NOT NULL,
  severity text NOT NULL ${CHECK_IN('severity', SEVERITIES)},
  title text NOT NULL,
  message text NOT NULL,
  triage text NOT NULL DEFAULT 'open' ${CHECK_IN('triage', TRIAGE_STATUSES)},
  triage_reason text,
  triaged_by uuid REFERENCES users(id),
  triaged_at timestamptz,
  CHECK (triage <> 'accepted-risk' OR triage_reason IS NOT NULL),
  UNIQUE (audit_id, ordinal)
);
--;
CREATE INDEX findings_audit_idx ON findings(audit_id);
`,
  },
  {
    id: '0002_api_tokens',
    sql: `
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role text NOT NULL ${CHECK_IN('role', ROLES)},
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
--;
CREATE INDEX api_tokens_org_idx ON api_tokens(org_id);
`,
  },
  {
    id: '0003_people',
    sql: `
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
--;
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
--;
CREATE UNIQUE INDEX orgs_name_unique ON orgs (lower(name));
--;
CREATE TABLE password_change_sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
--;
CREATE INDEX password_change_sessions_user_idx ON password_change_sessions(user_id);
--;
CREATE INDEX audit_log_org_action_idx ON audit_log(org_id, action, id);
`,
  },
  {
    id: '0004_jobs',
    sql: `
ALTER TABLE audits ADD COLUMN kind text NOT NULL DEFAULT 'apk' ${CHECK_IN('kind', AUDIT_KINDS)};
--;
ALTER TABLE audits ALTER COLUMN artifact_sha256 DROP NOT NULL;
--;
ALTER TABLE audits ADD CONSTRAINT audits_artifact_needed CHECK (kind = 'ussd' OR artifact_sha256 IS NOT NULL);
--;
ALTER TABLE audits ADD COLUMN progress_percent integer CHECK (progress_percent BETWEEN 0 AND 100);
--;
ALTER TABLE audits ADD COLUMN input jsonb;
--;
CREATE INDEX audits_org_kind_status_idx ON audits(org_id, kind, status);
`,
  },
  {
    // Shared sign-in rate limits (several server processes), API token last use, and the read
    // path: the app identity out of the report JSON (so listing audits does not read every
    // report) and an index for the newest-first audit list.
    id: '0005_rate_limits',
    sql: `
CREATE TABLE rate_limits (
  key_hash text PRIMARY KEY,
  hits integer NOT NULL CHECK (hits > 0),
  window_start timestamptz NOT NULL
);
--;
CREATE INDEX rate_limits_window_idx ON rate_limits(window_start);
--;
ALTER TABLE api_tokens ADD COLUMN last_used_at timestamptz;
--;
ALTER TABLE audits ADD COLUMN app_name text GENERATED ALWAYS AS (report->'target'->>'name') STORED;
--;
ALTER TABLE audits ADD COLUMN app_package text GENERATED ALWAYS AS (report->'target'->>'package') STORED;
--;
ALTER TABLE audits ADD COLUMN app_version_name text GENERATED ALWAYS AS (report->'target'->>'versionName') STORED;
--;
ALTER TABLE audits ADD COLUMN app_version_code text GENERATED ALWAYS AS (report->'target'->>'versionCode') STORED;
--;
CREATE INDEX audits_org_created_idx ON audits(org_id, created_at DESC, id DESC);
`,
  },
  {
    // The audit list's hot read: each audit's list item (the AuditListItem JSON without the
    // organisation's file name) kept as text by a trigger on every write, so a page is an index
    // scan and a string concatenation, not a JSON build per row per read. The trigger reads the
    // report itself: stored generated columns are computed after BEFORE triggers run.
    id: '0006_audit_list_item',
    sql: `
ALTER TABLE audits ADD COLUMN list_item text;
--;
CREATE FUNCTION dfslab_audit_list_item() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t jsonb := NEW.report->'target';
  vc text := t->>'versionCode';
BEGIN
  NEW.list_item := json_build_object(
    'id', NEW.id, 'kind', NEW.kind, 'artifactSha256', NEW.artifact_sha256,
    'appName', t->>'name', 'package', t->>'package', 'versionName', t->>'versionName',
    'versionCode', CASE WHEN vc ~ '^-?[0-9]{1,15}$' THEN vc::bigint END,
    'targetName', t->>'name', 'status', NEW.status, 'progress', NEW.progress,
    'progressPercent', NEW.progress_percent, 'error', NEW.error, 'summary', NEW.summary,
    'createdAt', to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'finishedAt', to_char(NEW.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  )::text;
  RETURN NEW;
END
$$;
--;
CREATE TRIGGER audits_list_item BEFORE INSERT OR UPDATE ON audits
  FOR EACH ROW EXECUTE FUNCTION dfslab_audit_list_item();
--;
UPDATE audits SET list_item = NULL;
`,
  },
];

export function splitStatements(sql: string): string[] {
  return sql
    .split(/^--;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
