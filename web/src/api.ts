/** The lab's JSON API from the browser: same-origin fetch, session cookie, CSRF header. */
export type Role = 'admin' | 'analyst' | 'viewer';
export type Me = {
  user: { id: string; email: string; name: string; role: Role };
  org: { id: string; name: string; type: string; country: string };
  csrfToken: string;
};
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type Triage = 'open' | 'confirmed' | 'false-positive' | 'accepted-risk' | 'fixed';
export type Summary = { total: number; suppressed: number; bySeverity: Record<Severity, number> };
export type AuditItem = {
  id: string;
  artifactSha256: string;
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
export type Audit = Omit<AuditItem, 'fileName' | 'appName' | 'package' | 'versionName' | 'versionCode'>;
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
  target: { name: string; package?: string; versionName?: string; versionCode?: number; fileName?: string };
  findings: ReportFinding[];
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
export type Member = { id: string; email: string; name: string; role: Role };
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
  audits: () => request<{ audits: AuditItem[] }>('GET', '/api/audits'),
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
  members: (orgId: string) =>
    request<{ members: Member[] }>('GET', `/api/orgs/${encodeURIComponent(orgId)}/members`),
};
