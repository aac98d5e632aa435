/**
 * The Report: what every renderer (JSON, SARIF, HTML) takes. One analysis run of one target.
 * Plain JSON data only, so `renderJson` is a faithful serialisation and the JSON Schema in
 * schemas/dfslab-report-v1.schema.json describes exactly this type.
 */
import type { CheckMeta, CheckTiming, EngineError } from '../check.js';
import type { Finding, SeverityCounts } from '../findings.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

export type TargetKind = 'android-apk' | 'ussd' | 'stk';

/** Summary of one signing certificate (as shown to a reviewer, not the DER). */
export type CertificateSummary = {
  subject: string;
  issuer?: string;
  serialNumber?: string;
  /** Lower-case hex SHA-256 of the DER certificate. */
  sha256: string;
  notBefore?: string;
  notAfter?: string;
  /** e.g. 'RSA', 'EC', 'DSA'. */
  keyAlgorithm?: string;
  keySize?: number;
  /** e.g. 'SHA256withRSA'. */
  signatureAlgorithm?: string;
  /** Android subject 'CN=Android Debug' and friends. */
  debug?: boolean;
};

export type ReportTarget = {
  kind: TargetKind;
  /** Human name: app label, USSD service name, SIM profile name. */
  name: string;
  fileName?: string;
  /** Bytes. */
  size?: number;
  /** Lower-case hex SHA-256 of the analysed file. */
  sha256?: string;
  /** Android package name. */
  package?: string;
  versionName?: string;
  versionCode?: number;
  minSdk?: number;
  targetSdk?: number;
  /** APK signature schemes that verified, e.g. ['v1', 'v2', 'v3']. */
  signingSchemes?: string[];
  certificates?: CertificateSummary[];
  /** USSD service code ('*123#'), operator, SIM ICCID prefix...: anything else identifying. */
  details?: JsonObject;
};

export type BaselineStatus = 'pass' | 'fail' | 'needs-dynamic-test' | 'not-applicable';
export const BASELINE_STATUSES: readonly BaselineStatus[] = [
  'pass',
  'fail',
  'needs-dynamic-test',
  'not-applicable',
];

/** One row of a baseline verdict table (e.g. FIGI app-audit test T1.1 allowBackup). */
export type BaselineVerdictRow = {
  /** e.g. 'FIGI-APP-T1.1'. */
  id: string;
  title: string;
  status: BaselineStatus;
  /** Check ids whose results decided this row. */
  checks: string[];
  note?: string;
};

export type BaselineVerdict = {
  /** Which baseline, e.g. 'FIGI DFS app audit (2021)'. */
  name: string;
  version?: string;
  rows: BaselineVerdictRow[];
};

export type ReportSummary = {
  /** Unsuppressed findings by severity. */
  bySeverity: SeverityCounts;
  /** Unsuppressed findings. */
  total: number;
  suppressed: number;
  /** Number of checks that ran (ok or error). */
  checksRun: number;
  errors: number;
};

export type ToolInfo = { name: string; version: string; informationUri?: string };

export type Report = {
  tool: ToolInfo;
  /** Unique id of this run (a UUID in practice). */
  runId: string;
  /** ISO 8601 UTC timestamps. */
  startedAt: string;
  finishedAt: string;
  target: ReportTarget;
  summary: ReportSummary;
  /** Sorted worst first; suppressed findings stay in, marked. */
  findings: Finding[];
  /** Metadata of every check that ran, sorted by id (SARIF lists them even with zero results). */
  rules: CheckMeta[];
  baseline?: BaselineVerdict;
  errors: EngineError[];
  timings?: CheckTiming[];
  /** Free-form inventory (permissions, components, libraries, ...). */
  facts?: JsonObject;
};
