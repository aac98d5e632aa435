/** Assembling a Report from an engine run. */
import { randomUUID } from 'node:crypto';
import type { CheckMeta, CheckTiming, EngineError } from '../check.js';
import { checkMeta } from '../check.js';
import type { Finding } from '../findings.js';
import { emptySeverityCounts, sortFindings } from '../findings.js';
import type { BaselineVerdict, JsonObject, Report, ReportSummary, ReportTarget, ToolInfo } from './types.js';

export function summarize(findings: readonly Finding[], checksRun: number, errors: number): ReportSummary {
  const bySeverity = emptySeverityCounts();
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppression) suppressed++;
    else bySeverity[f.severity]++;
  }
  return { bySeverity, total: findings.length - suppressed, suppressed, checksRun, errors };
}

export type BuildReportInput = {
  tool: ToolInfo;
  target: ReportTarget;
  findings: readonly Finding[];
  rules: readonly CheckMeta[];
  errors?: readonly EngineError[];
  timings?: readonly CheckTiming[];
  baseline?: BaselineVerdict;
  facts?: JsonObject;
  runId?: string;
  startedAt?: Date | string;
  finishedAt?: Date | string;
};

function iso(d: Date | string | undefined): string {
  if (d === undefined) return new Date().toISOString();
  return typeof d === 'string' ? d : d.toISOString();
}

/**
 * Builds a Report: sorts findings (worst first) and rules (by id, metadata only), computes the
 * summary. Apply a suppression baseline to the findings first so the counts are right:
 * `buildReport({ ...runResult, findings: applyBaseline(runResult.findings, file).findings, tool, target })`.
 */
export function buildReport(input: BuildReportInput): Report {
  const findings = sortFindings(input.findings);
  const rules = input.rules.map(checkMeta).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const errors = [...(input.errors ?? [])];
  const report: Report = {
    tool: { ...input.tool },
    runId: input.runId ?? randomUUID(),
    startedAt: iso(input.startedAt),
    finishedAt: iso(input.finishedAt),
    target: input.target,
    summary: summarize(findings, rules.length, errors.length),
    findings,
    rules,
    errors,
  };
  if (input.baseline) report.baseline = input.baseline;
  if (input.timings) report.timings = [...input.timings];
  if (input.facts) report.facts = input.facts;
  return report;
}
