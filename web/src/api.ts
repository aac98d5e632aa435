/** The lab's JSON API from the browser: same-origin fetch, session cookie, CSRF header. */
export type Role = 'admin' | 'analyst' | 'viewer';
export type Me = {
  user: { id: string; email: string; name: string; role: Role; mustChangePassword: boolean };
  org: { id: string; name: string; type: string; country: string };
  csrfToken: string;
};
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type Triage = 'open' | 'confirmed' | 'false-positive' | 'accepted-risk' | 'fixed';
export type Summary = { total: number; suppressed: number; bySeverity: Record<Severity, number> };
export type AuditKind = 'apk' | 'ussd' | 'stk';
export type AuditItem = {
  id: string;
  kind: AuditKind;
  artifactSha256: string | null;
  /** The report's target name: the app, the USSD service code, the STK capture. */
  targetName: string | null;
  progressPercent: number | null;
  fileName: string | null;
  appName: string | null;
  package: string | null;
  versionName: string | null;
  versionCode: number | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: string | null;
  error: string | null;
  summary: Summary | null;
  createdAt: string;
  finishedAt: string | null;
};
export type Audit = Omit<
  AuditItem,
  'fileName' | 'appName' | 'package' | 'versionName' | 'versionCode' | 'targetName'
> & { target: Record<string, string | number | boolean | null> | null };
export type UssdScanBody = {
  url: string;
  dialect: string;
  serviceCode: string;
  msisdn: string;
  network?: string;
  accounts?: { msisdn: string; pin?: string }[];
  testSystem?: boolean;
  headers?: Record<string, string>;
  budget?: { maxRequests: number; minDelayMs: number; maxSeconds: number };
  hopTimeoutMs?: number;
};
export type UssdConfig = {
  enabled: boolean;
  allowedHosts: string[];
  limits: { maxRequests: number; minDelayMs: number; maxSeconds: number; hopTimeoutMs: number };
};
export type FindingRow = {
  id: string;
  auditId: string;
  checkId: string;
  fingerprint: string;
  severity: Severity;
  title: string;
  message: string;
  triage: Triage;
  triageReason: string | null;
};
export type Evidence = { kind: string; [k: string]: unknown };
/** The parts of a report finding the UI shows beyond the stored row. */
export type ReportFinding = {
  fingerprint: string;
  references: { masvs: string[]; cwe: number[]; figi: string[] };
  evidence: Evidence[];
  remediation: string;
  confidence: string;
};
export type Report = {
  target: {
    kind?: string;
    name: string;
    package?: string;
    versionName?: string;
    versionCode?: number;
    fileName?: string;
  };
  findings: ReportFinding[];
  facts?: Record<string, unknown>;
};
export type ComparedFinding = Pick<
  FindingRow,
  'fingerprint' | 'checkId' | 'severity' | 'title' | 'message' | 'triage'
>;
export type Comparison = {
  base: AuditItem;
  head: AuditItem;
  new: ComparedFinding[];
  fixed: ComparedFinding[];
  unchanged: ComparedFinding[];
};
export type Member = {
  id: string;
  email: string;
  name: string;
  role: Role;
  state: 'active' | 'disabled';
  mustChangePassword: boolean;
  createdAt: string;
};
export type WithPassword = { member: Member; oneTimePassword: string };
export type Token = {
  id: string;
  name: string;
  role: Role;
  userId: string;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
  lastUsedAt?: string | null;
};
export type AuditLogEntry = {
  id: number;
  at: string;
  action: string;
  target: string | null;
  actorEmail: string | null;
  targetEmail: string | null;
  detail: Record<string, string | number | boolean | null> | null;
};
export type OrgSummary = {
  id: string;
  name: string;
  type: string;
  country: string;
  members: number;
  createdAt: string;
};
export type Artifact = { sha256: string; size: number; fileName: string; created: boolean };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';
export function setCsrf(token: string): void {
  csrfToken = token;
}

async function request<T>(method: string, path: string, body?: BodyInit, type?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (type) headers['content-type'] = type;
  const res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP', err?.message ?? `${res.status} ${res.statusText}`);
  }
  return data as T;
}

const json = (v: unknown) => JSON.stringify(v);

export const api = {
  me: () => request<Me>('GET', '/api/me'),
  signIn: (email: string, password: string) =>
    request<Me>('POST', '/api/session', json({ email, password }), 'application/json'),
  signOut: () => request<void>('DELETE', '/api/session'),
  audits: (before?: string) =>
    request<{ audits: AuditItem[]; nextBefore: string | null }>(
      'GET',
      `/api/audits?limit=100${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    ),
  audit: (id: string) => request<Audit>('GET', `/api/audits/${encodeURIComponent(id)}`),
  findings: (id: string) =>
    request<{ findings: FindingRow[] }>('GET', `/api/audits/${encodeURIComponent(id)}/findings`),
  report: (id: string) => request<Report>('GET', `/api/audits/${encodeURIComponent(id)}/report.json`),
  upload: (file: File) =>
    request<Artifact>(
      'POST',
      `/api/artifacts?name=${encodeURIComponent(file.name)}`,
      file,
      'application/octet-stream',
    ),
  createAudit: (artifactSha256: string) =>
    request<{ id: string; created: boolean }>(
      'POST',
      '/api/audits',
      json({ artifactSha256 }),
      'application/json',
    ),
  triage: (id: string, status: Triage, reason?: string) =>
    request<FindingRow>(
      'PATCH',
      `/api/findings/${encodeURIComponent(id)}`,
      json(reason ? { status, reason } : { status }),
      'application/json',
    ),
  compare: (head: string, base: string) =>
    request<Comparison>(
      'GET',
      `/api/audits/${encodeURIComponent(head)}/compare?base=${encodeURIComponent(base)}`,
    ),
  ussdConfig: () => request<UssdConfig>('GET', '/api/ussd-scans/config'),
  startUssdScan: (body: UssdScanBody) =>
    request<{ id: string }>('POST', '/api/ussd-scans', json(body), 'application/json'),
  uploadStk: (file: File) =>
    request<{ id: string; created: boolean; sha256: string }>(
      'POST',
      `/api/stk-audits?name=${encodeURIComponent(file.name)}`,
      file,
      'application/octet-stream',
    ),
  members: (orgId: string) =>
    request<{ members: Member[] }>('GET', `/api/orgs/${encodeURIComponent(orgId)}/members`),
  addMember: (orgId: string, body: { email: string; name: string; role: Role }) =>
    request<WithPassword>(
      'POST',
      `/api/orgs/${encodeURIComponent(orgId)}/members`,
      json(body),
      'application/json',
    ),
  updateMember: (orgId: string, userId: string, body: { role?: Role; active?: boolean }) =>
    request<Member>(
      'PATCH',
      `/api/orgs/${encodeURIComponent(orgId)}/members/${encodeURIComponent(userId)}`,
      json(body),
      'application/json',
    ),
  resetPassword: (orgId: string, userId: string) =>
    request<WithPassword>(
      'POST',
      `/api/orgs/${encodeURIComponent(orgId)}/members/${encodeURIComponent(userId)}/password`,
    ),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<Me>('POST', '/api/me/password', json({ currentPassword, newPassword }), 'application/json'),
  revokeOtherSessions: () => request<{ revoked: number }>('POST', '/api/sessions/revoke-others'),
  tokens: () => request<{ tokens: Token[] }>('GET', '/api/tokens'),
  createToken: (body: { name: string; role: Role; expiresInDays: number }) =>
    request<Token & { token: string }>('POST', '/api/tokens', json(body), 'application/json'),
  revokeToken: (id: string) => request<void>('DELETE', `/api/tokens/${encodeURIComponent(id)}`),
  auditLog: (orgId: string, before?: number, action?: string) => {
    const q = new URLSearchParams();
    if (before !== undefined) q.set('before', String(before));
    if (action) q.set('action', action);
    const qs = q.toString();
    return request<{ entries: AuditLogEntry[]; nextBefore: number | null }>(
      'GET',
      `/api/orgs/${encodeURIComponent(orgId)}/audit-log${qs ? `?${qs}` : ''}`,
    );
  },
  orgs: () => request<{ orgs: OrgSummary[] }>('GET', '/api/orgs'),
  createOrg: (body: {
    name: string;
    type: string;
    country: string;
    admin: { email: string; name: string };
  }) =>
    request<{ org: OrgSummary; admin: Member; oneTimePassword: string }>(
      'POST',
      '/api/orgs',
      json(body),
      'application/json',
    ),
};
