/**
 * The one findings model every dfslab analyzer emits (Android audit, USSD tests, SIM OTA audit).
 * A Finding is a plain JSON-serialisable object: renderers (JSON, SARIF, HTML) and the baseline
 * logic only ever see these types. Checks build findings through `defineCheck` (check.ts); the
 * constructors here are for engines and tests.
 */
import { createHash } from 'node:crypto';

/** How bad it is if true. Ordered from least to most severe. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How sure the check is that the finding is real (independent of severity). */
export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** The eight MASVS v2 control groups, in the order the standard lists them. */
export const MASVS_AREAS = [
  'STORAGE',
  'CRYPTO',
  'AUTH',
  'NETWORK',
  'PLATFORM',
  'CODE',
  'RESILIENCE',
  'PRIVACY',
] as const;
export type MasvsArea = (typeof MASVS_AREAS)[number];

/** 'MASVS-NETWORK-1' and friends. */
export const MASVS_ID_PATTERN =
  /^MASVS-(STORAGE|CRYPTO|AUTH|NETWORK|PLATFORM|CODE|RESILIENCE|PRIVACY)-[1-9][0-9]*$/;
/** Stable check ids: upper-case segments joined by '-', e.g. 'AND-NET-001', 'USSD-SES-002'. */
export const CHECK_ID_PATTERN = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

export type ExternalReference = { name: string; url: string };

export type References = {
  /** MASVS v2 control ids, e.g. 'MASVS-NETWORK-1'. */
  masvs: string[];
  /** CWE numbers, e.g. 319 for CWE-319. */
  cwe: number[];
  /** dfslab catalogue ids, e.g. 'FIGI-APP-T2.1'. */
  figi: string[];
  other?: ExternalReference[];
};

/** An attribute or element of a (binary XML) manifest. `element` is a locator path. */
export type ManifestEvidence = {
  kind: 'manifest';
  file: string;
  /** Locator path, e.g. '/manifest/application' or '/manifest/application/activity[3]'. */
  element: string;
  attribute?: string;
  value?: string;
  byteOffset?: number;
};

/** A place in DEX bytecode. `bytecodeOffset` counts 16-bit code units from the method's insns. */
export type DexEvidence = {
  kind: 'dex';
  file: string;
  /** Type descriptor or dotted name, e.g. 'Lcom/example/Net;'. */
  class: string;
  /** Method name, optionally with its prototype, e.g. 'connect(Ljava/lang/String;)V'. */
  method: string;
  bytecodeOffset: number;
  instruction?: string;
};

/** A byte range in any file inside the artifact (or the artifact itself). */
export type FileEvidence = {
  kind: 'file';
  file: string;
  byteOffset?: number;
  length?: number;
  snippet?: string;
};

export type HttpHeaders = Record<string, string>;

/** One request/response exchange; a transcript is several of these with increasing `step`. */
export type HttpEvidence = {
  kind: 'http';
  step?: number;
  request: { method: string; url: string; headers?: HttpHeaders; body?: string };
  response?: { status: number; headers?: HttpHeaders; body?: string };
  note?: string;
};

/** Raw bytes of a protocol packet (e.g. a SIM OTA command packet), hex encoded. */
export type PacketEvidence = { kind: 'packet'; hex: string; field?: string; note?: string };

export type TextEvidence = { kind: 'text'; text: string };

export type Evidence =
  ManifestEvidence | DexEvidence | FileEvidence | HttpEvidence | PacketEvidence | TextEvidence;
export type EvidenceKind = Evidence['kind'];

export type Cvss = { version: '3.1' | '4.0'; vector: string; score?: number };

/** Set by applyBaseline: the finding stays in the report, marked as accepted/known. */
export type Suppression = {
  reason: string;
  /** The baseline entry that matched: a fingerprint or a check id. */
  matchedBy: 'fingerprint' | 'check';
  expires?: string;
};

export type Finding = {
  /** Stable check id, e.g. 'AND-NET-001' (SARIF ruleId). */
  checkId: string;
  /** Kebab-case rule name, e.g. 'cleartext-traffic'. */
  rule: string;
  title: string;
  /** The key in the check's `messages` this finding used. */
  messageId: string;
  /** The message for this occurrence, placeholders filled in. */
  message: string;
  severity: Severity;
  confidence: Confidence;
  references: References;
  evidence: Evidence[];
  remediation: string;
  /** Stable hash of check id + primary location (see `fingerprintOf`). */
  fingerprint: string;
  cvss?: Cvss;
  tags?: string[];
  suppression?: Suppression;
};

// ---------------------------------------------------------------------------------------------
// Severity helpers

const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

export function isSeverity(s: unknown): s is Severity {
  return typeof s === 'string' && Object.hasOwn(SEVERITY_RANK, s);
}
export function isConfidence(s: unknown): s is Confidence {
  return typeof s === 'string' && Object.hasOwn(CONFIDENCE_RANK, s);
}

export function severityRank(s: Severity): number {
  return SEVERITY_RANK[s];
}
export function confidenceRank(c: Confidence): number {
  return CONFIDENCE_RANK[c];
}

/** Negative when `a` is less severe than `b` (sorts ascending); use `-compareSeverity` for worst first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/** Worst first, then more confident first, then check id, then fingerprint: a stable order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    CONFIDENCE_RANK[b.confidence] - CONFIDENCE_RANK[a.confidence] ||
    cmp(a.checkId, b.checkId) ||
    cmp(a.fingerprint, b.fingerprint) ||
    cmp(a.message, b.message)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

function cmp(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The highest severity among `findings`, or undefined when there are none. */
export function maxSeverity(findings: readonly Finding[]): Severity | undefined {
  let best: Severity | undefined;
  for (const f of findings) if (!best || SEVERITY_RANK[f.severity] > SEVERITY_RANK[best]) best = f.severity;
  return best;
}

export type SeverityCounts = Record<Severity, number>;

export function emptySeverityCounts(): SeverityCounts {
  return { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const out = emptySeverityCounts();
  for (const f of findings) out[f.severity]++;
  return out;
}

export type ThresholdOptions = {
  /** Count suppressed findings too (default false: a baselined finding does not fail the build). */
  includeSuppressed?: boolean;
  /** Ignore findings below this confidence (default: every confidence counts). */
  minConfidence?: Confidence;
};

/**
 * The `--fail-on` rule: true when at least one (unsuppressed) finding is at or above `threshold`.
 * `threshold` 'none' never fails.
 */
export function exceedsThreshold(
  findings: readonly Finding[],
  threshold: Severity | 'none',
  opts: ThresholdOptions = {},
): boolean {
  if (threshold === 'none') return false;
  const min = SEVERITY_RANK[threshold];
  const minConf = opts.minConfidence ? CONFIDENCE_RANK[opts.minConfidence] : 0;
  return findings.some(
    (f) =>
      SEVERITY_RANK[f.severity] >= min &&
      CONFIDENCE_RANK[f.confidence] >= minConf &&
      (opts.includeSuppressed || !f.suppression),
  );
}

/** Parses a CLI `--fail-on` value; undefined when it is not a severity or 'none'. */
export function parseThreshold(s: string): Severity | 'none' | undefined {
  const v = s.trim().toLowerCase();
  if (v === 'none') return 'none';
  return isSeverity(v) ? v : undefined;
}

/** The MASVS area of a control id ('MASVS-NETWORK-1' → 'NETWORK'), or undefined. */
export function masvsArea(id: string): MasvsArea | undefined {
  const m = MASVS_ID_PATTERN.exec(id);
  return m ? (m[1] as MasvsArea) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Fingerprints

/** Version prefix of fingerprints; bump when `primaryLocationKey` changes. */
export const FINGERPRINT_VERSION = 'v1';

/**
 * A location key that survives rebuilds of the same code: no bytecode offsets, no byte offsets
 * (those shift when anything else in the file changes), no DEX file name (classes move between
 * classesN.dex files). For http evidence the query string is dropped (it often carries nonces).
 */
export function primaryLocationKey(evidence: readonly Evidence[]): string {
  const e = evidence[0];
  if (!e) return '[]';
  // JSON arrays, so no hostile value can forge a separator.
  switch (e.kind) {
    case 'manifest':
      return JSON.stringify([e.kind, e.file, e.element, e.attribute ?? '']);
    case 'dex':
      return JSON.stringify([e.kind, e.class, e.method]);
    case 'file':
      return JSON.stringify([e.kind, e.file, e.snippet ?? '']);
    case 'http':
      return JSON.stringify([e.kind, e.request.method.toUpperCase(), stripQuery(e.request.url)]);
    case 'packet':
      return JSON.stringify([e.kind, e.field ?? '', e.field ? '' : e.hex.toLowerCase()]);
    case 'text':
      return JSON.stringify([e.kind, e.text]);
  }
}

function stripQuery(url: string): string {
  const q = url.search(/[?#]/);
  return q < 0 ? url : url.slice(0, q);
}

/**
 * Stable fingerprint of a finding: sha256 over check id, message id and primary location, as
 * 'v1:' + 32 hex digits. Same code, same check → same fingerprint on every run.
 */
export function fingerprintOf(checkId: string, messageId: string, evidence: readonly Evidence[]): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([FINGERPRINT_VERSION, checkId, messageId, primaryLocationKey(evidence)]));
  return `${FINGERPRINT_VERSION}:${h.digest('hex').slice(0, 32)}`;
}

/** Short human label of where evidence points, for text output and HTML headings. */
export function describeLocation(e: Evidence): string {
  switch (e.kind) {
    case 'manifest':
      return `${e.file} ${e.element}${e.attribute ? `@${e.attribute}` : ''}`;
    case 'dex':
      return `${e.file} ${e.class}->${e.method} +${e.bytecodeOffset}`;
    case 'file':
      return e.byteOffset === undefined ? e.file : `${e.file} @${e.byteOffset}`;
    case 'http':
      return `${e.step === undefined ? '' : `#${e.step} `}${e.request.method} ${e.request.url}`;
    case 'packet':
      return e.field ? `packet ${e.field}` : 'packet';
    case 'text':
      return 'note';
  }
}

/** The input of `makeFinding`: a finding without its computed fingerprint. */
export type FindingInput = Omit<Finding, 'fingerprint'> & { fingerprint?: string };

/** Builds a Finding, filling the fingerprint (copies arrays so callers cannot alias them). */
export function makeFinding(input: FindingInput): Finding {
  const evidence = [...input.evidence];
  const f: Finding = {
    checkId: input.checkId,
    rule: input.rule,
    title: input.title,
    messageId: input.messageId,
    message: input.message,
    severity: input.severity,
    confidence: input.confidence,
    references: copyRefs(input.references),
    evidence,
    remediation: input.remediation,
    fingerprint: input.fingerprint ?? fingerprintOf(input.checkId, input.messageId, evidence),
  };
  if (input.cvss) f.cvss = { ...input.cvss };
  if (input.tags?.length) f.tags = [...input.tags];
  if (input.suppression) f.suppression = { ...input.suppression };
  return f;
}

export function copyRefs(r: References): References {
  const out: References = { masvs: [...r.masvs], cwe: [...r.cwe], figi: [...r.figi] };
  if (r.other?.length) out.other = r.other.map((o) => ({ ...o }));
  return out;
}

// The suppression-baseline file (zod schema) and `applyBaseline` are part of the model.
export * from './findings-baseline.js';
