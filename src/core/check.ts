/**
 * Checks (ESLint rules / gosec rules shape). A check is metadata plus `run(ctx, report)`; it is
 * generic over the analyzer's context, so Android, USSD and STK checks share one engine, one
 * findings model and the same renderers.
 */
import type { Confidence, Cvss, Evidence, Finding, References, Severity } from './findings.js';
import {
  CHECK_ID_PATTERN,
  MASVS_ID_PATTERN,
  compareFindings,
  copyRefs,
  isConfidence,
  isSeverity,
  makeFinding,
} from './findings.js';

/** Everything about a check except its code: what reports and SARIF `rules` list. */
export type CheckMeta = {
  /** Stable id, never changes (SARIF ruleId), e.g. 'AND-NET-001'. */
  id: string;
  /** Kebab-case name, e.g. 'cleartext-traffic'. */
  name: string;
  title: string;
  /** Longer explanation (SARIF fullDescription); defaults to the title. */
  description?: string;
  /** Default severity; a report call may override it for one occurrence. */
  severity: Severity;
  confidence: Confidence;
  refs: References;
  /** Context facts the check reads ('manifest', 'dex', ...): lets the engine skip parsing. */
  needs?: string[];
  /** Message templates by message id; `{name}` placeholders are filled from `data`. */
  messages: Record<string, string>;
  remediation: string;
  tags?: string[];
};

export type ReportDescriptor = {
  messageId: string;
  data?: Record<string, string | number | boolean | bigint>;
  evidence: Evidence | Evidence[];
  severity?: Severity;
  confidence?: Confidence;
  cvss?: Cvss;
  tags?: string[];
};

export type ReportFn = (d: ReportDescriptor) => void;

export type Check<Ctx> = CheckMeta & {
  run(ctx: Ctx, report: ReportFn): void | Promise<void>;
};

/** A programming mistake in a check definition (bad id, unknown messageId...). */
export class CheckDefinitionError extends Error {
  readonly checkId: string;
  constructor(checkId: string, message: string) {
    super(`${checkId}: ${message}`);
    this.name = 'CheckDefinitionError';
    this.checkId = checkId;
  }
}

const RULE_NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Declares a check. Validates the metadata once, at module load, so a typo in an id or a MASVS
 * reference fails every test run rather than producing a wrong report.
 */
export function defineCheck<Ctx>(check: Check<Ctx>): Check<Ctx> {
  const fail = (m: string): never => {
    throw new CheckDefinitionError(check.id || '(no id)', m);
  };
  if (!CHECK_ID_PATTERN.test(check.id)) fail(`id must look like 'AND-NET-001'`);
  if (!RULE_NAME_PATTERN.test(check.name)) fail(`name '${check.name}' must be kebab-case`);
  if (!check.title.trim()) fail('title is empty');
  if (!isSeverity(check.severity)) fail(`unknown severity '${String(check.severity)}'`);
  if (!isConfidence(check.confidence)) fail(`unknown confidence '${String(check.confidence)}'`);
  if (!check.remediation.trim()) fail('remediation is empty');
  if (Object.keys(check.messages).length === 0) fail('messages is empty');
  for (const m of check.refs.masvs) if (!MASVS_ID_PATTERN.test(m)) fail(`bad MASVS id '${m}'`);
  for (const c of check.refs.cwe) if (!Number.isInteger(c) || c <= 0) fail(`bad CWE number ${c}`);
  return check;
}

/**
 * A `defineCheck` bound to one analyzer's context, so checks need no type argument:
 * `export const defineAndroidCheck = checkDefiner<AndroidContext>();`
 */
export function checkDefiner<Ctx>(): (check: Check<Ctx>) => Check<Ctx> {
  return (check) => defineCheck<Ctx>(check);
}

/** The serialisable part of a check (drops `run`). */
export function checkMeta(check: CheckMeta): CheckMeta {
  const meta: CheckMeta = {
    id: check.id,
    name: check.name,
    title: check.title,
    severity: check.severity,
    confidence: check.confidence,
    refs: copyRefs(check.refs),
    messages: { ...check.messages },
    remediation: check.remediation,
  };
  if (check.description !== undefined) meta.description = check.description;
  if (check.needs?.length) meta.needs = [...check.needs];
  if (check.tags?.length) meta.tags = [...check.tags];
  return meta;
}

/** Fills `{placeholders}` from `data`; unknown placeholders are left as written. */
export function formatMessage(template: string, data: ReportDescriptor['data'] = {}): string {
  return template.replace(PLACEHOLDER, (whole, key: string) =>
    Object.hasOwn(data, key) ? String(data[key]) : whole,
  );
}

/** Builds the Finding for one `report()` call of `check`. Throws CheckDefinitionError on misuse. */
export function buildFinding(check: CheckMeta, d: ReportDescriptor): Finding {
  if (!Object.hasOwn(check.messages, d.messageId)) {
    throw new CheckDefinitionError(check.id, `unknown messageId '${d.messageId}'`);
  }
  const evidence = Array.isArray(d.evidence) ? d.evidence : [d.evidence];
  if (d.severity !== undefined && !isSeverity(d.severity)) {
    throw new CheckDefinitionError(check.id, `unknown severity '${String(d.severity)}'`);
  }
  const tags = [...(check.tags ?? []), ...(d.tags ?? [])];
  return makeFinding({
    checkId: check.id,
    rule: check.name,
    title: check.title,
    messageId: d.messageId,
    message: formatMessage(check.messages[d.messageId], d.data),
    severity: d.severity ?? check.severity,
    confidence: d.confidence ?? check.confidence,
    references: check.refs,
    evidence,
    remediation: check.remediation,
    ...(d.cvss ? { cvss: d.cvss } : {}),
    ...(tags.length ? { tags: [...new Set(tags)] } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Engine

/** A check that threw (or timed out, or misused `report`): recorded, never a crash. */
export type EngineError = {
  checkId: string;
  kind: 'exception' | 'timeout' | 'definition' | 'limit';
  message: string;
  /** The error's class name, e.g. 'TypeError', 'FormatError'. */
  errorName?: string;
};

export type CheckStatus = 'ok' | 'error' | 'skipped';

export type CheckTiming = {
  checkId: string;
  status: CheckStatus;
  /** Wall time of `run`, milliseconds (0 when skipped). */
  ms: number;
  findings: number;
  /** Why it was skipped, e.g. 'needs dex (not available)'. */
  reason?: string;
};

export type RunOptions = {
  /** Run only these check ids. */
  only?: readonly string[];
  /** Do not run these check ids. */
  skip?: readonly string[];
  /** Facts the context provides; a check whose `needs` are not all here is skipped. */
  available?: ReadonlySet<string> | readonly string[];
  /** Per-check timeout for async checks, ms (default 60 s). Sync checks cannot be interrupted. */
  timeoutMs?: number;
  /** At most this many findings per check; extra ones are dropped with a 'limit' error (default 10,000). */
  maxFindingsPerCheck?: number;
  /** Clock for timings (tests inject a fake). */
  now?: () => number;
};

export type RunResult = {
  /** Sorted with `compareFindings` (worst first). */
  findings: Finding[];
  timings: CheckTiming[];
  errors: EngineError[];
  /** Metadata of every check that ran (status 'ok' or 'error'), for Report.rules. */
  rules: CheckMeta[];
};

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_FINDINGS = 10_000;

type Planned<Ctx> = { check: Check<Ctx>; skipReason?: string };

function plan<Ctx>(checks: readonly Check<Ctx>[], opts: RunOptions): Planned<Ctx>[] {
  const only = opts.only ? new Set(opts.only) : undefined;
  const skip = new Set(opts.skip ?? []);
  const available = opts.available ? new Set(opts.available) : undefined;
  const seen = new Set<string>();
  return checks.map((check) => {
    if (seen.has(check.id)) return { check, skipReason: 'duplicate check id' };
    seen.add(check.id);
    if (only && !only.has(check.id)) return { check, skipReason: 'not selected' };
    if (skip.has(check.id)) return { check, skipReason: 'skipped by option' };
    const missing = available ? (check.needs ?? []).filter((n) => !available.has(n)) : [];
    if (missing.length) return { check, skipReason: `needs ${missing.join(', ')} (not available)` };
    return { check };
  });
}

function toEngineError(checkId: string, e: unknown): EngineError {
  if (e instanceof CheckDefinitionError)
    return { checkId, kind: 'definition', message: e.message, errorName: e.name };
  if (e instanceof Error) return { checkId, kind: 'exception', message: e.message, errorName: e.name };
  return { checkId, kind: 'exception', message: String(e) };
}

class Collector {
  readonly findings: Finding[] = [];
  dropped = 0;
  constructor(
    private readonly check: CheckMeta,
    private readonly max: number,
  ) {}
  readonly report: ReportFn = (d) => {
    const f = buildFinding(this.check, d); // throws on misuse: recorded as an engine error
    if (this.findings.length < this.max) this.findings.push(f);
    else this.dropped++;
  };
}

type Acc = { findings: Finding[]; timings: CheckTiming[]; errors: EngineError[]; rules: CheckMeta[] };

function settle(acc: Acc, check: CheckMeta, col: Collector, ms: number, error?: EngineError): void {
  acc.rules.push(checkMeta(check));
  acc.findings.push(...col.findings);
  if (col.dropped) {
    acc.errors.push({
      checkId: check.id,
      kind: 'limit',
      message: `${col.dropped} more findings were dropped (limit ${col.findings.length} per check)`,
    });
  }
  if (error) acc.errors.push(error);
  acc.timings.push({ checkId: check.id, status: error ? 'error' : 'ok', ms, findings: col.findings.length });
}

function finish(acc: Acc): RunResult {
  acc.findings.sort(compareFindings);
  return acc;
}

function newAcc(): Acc {
  return { findings: [], timings: [], errors: [], rules: [] };
}

function withTimeout(p: Promise<void>, ms: number, checkId: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(checkId, ms)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

class CheckTimeout extends Error {
  constructor(checkId: string, ms: number) {
    super(`${checkId} did not finish within ${ms} ms`);
    this.name = 'CheckTimeout';
  }
}

/**
 * Runs every check against `ctx`, one at a time, each isolated: a check that throws, rejects,
 * times out or misuses `report` yields an EngineError (and keeps the findings it reported before
 * failing); the other checks still run. Findings come back sorted, worst first.
 */
export async function runChecks<Ctx>(
  checks: readonly Check<Ctx>[],
  ctx: Ctx,
  opts: RunOptions = {},
): Promise<RunResult> {
  const now = opts.now ?? (() => performance.now());
  const acc = newAcc();
  for (const { check, skipReason } of plan(checks, opts)) {
    if (skipReason) {
      acc.timings.push({ checkId: check.id, status: 'skipped', ms: 0, findings: 0, reason: skipReason });
      continue;
    }
    const col = new Collector(check, opts.maxFindingsPerCheck ?? DEFAULT_MAX_FINDINGS);
    const t0 = now();
    let error: EngineError | undefined;
    try {
      const r = check.run(ctx, col.report);
      if (r instanceof Promise) await withTimeout(r, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, check.id);
    } catch (e) {
      error =
        e instanceof CheckTimeout
          ? { checkId: check.id, kind: 'timeout', message: e.message }
          : toEngineError(check.id, e);
    }
    settle(acc, check, col, now() - t0, error);
  }
  return finish(acc);
}

/**
 * The synchronous engine, for analyzers whose checks are all pure functions of parsed facts
 * (the Android static audit). A check that returns a promise is recorded as a definition error.
 */
export function runChecksSync<Ctx>(
  checks: readonly Check<Ctx>[],
  ctx: Ctx,
  opts: Omit<RunOptions, 'timeoutMs'> = {},
): RunResult {
  const now = opts.now ?? (() => performance.now());
  const acc = newAcc();
  for (const { check, skipReason } of plan(checks, opts)) {
    if (skipReason) {
      acc.timings.push({ checkId: check.id, status: 'skipped', ms: 0, findings: 0, reason: skipReason });
      continue;
    }
    const col = new Collector(check, opts.maxFindingsPerCheck ?? DEFAULT_MAX_FINDINGS);
    const t0 = now();
    let error: EngineError | undefined;
    try {
      const r = check.run(ctx, col.report);
      if (r instanceof Promise) {
        r.catch(() => undefined); // never leave an unhandled rejection behind
        throw new CheckDefinitionError(check.id, 'run() is async; use runChecks');
      }
    } catch (e) {
      error = toEngineError(check.id, e);
    }
    settle(acc, check, col, now() - t0, error);
  }
  return finish(acc);
}
