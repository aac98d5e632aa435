/**
 * The JSON report: the Report object, plus `$schema` and `schemaVersion`, with a fixed key order.
 * Schema: schemas/dfslab-report-v1.schema.json; docs: docs/findings-json.md.
 */
import type { Report } from '../types.js';

/** `$id` of schemas/dfslab-report-v1.schema.json (also written as `$schema` in every report). */
export const REPORT_SCHEMA_ID = 'urn:dfslab:schema:dfslab-report:v1';
/** Semver of the JSON format: 1.x only adds optional properties. */
export const REPORT_SCHEMA_VERSION = '1.0.0';

export type JsonReport = Report & { $schema: typeof REPORT_SCHEMA_ID; schemaVersion: string };

/** The document `renderJson` serialises (useful to embed in another JSON document). */
export function toJsonReport(report: Report): JsonReport {
  const out: JsonReport = {
    $schema: REPORT_SCHEMA_ID,
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: report.tool,
    runId: report.runId,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    target: report.target,
    summary: report.summary,
    findings: report.findings,
    rules: report.rules,
    errors: report.errors,
  };
  if (report.baseline) out.baseline = report.baseline;
  if (report.timings) out.timings = report.timings;
  if (report.facts) out.facts = report.facts;
  return out;
}

/** Pretty-printed (2 spaces) JSON with a trailing newline. */
export function renderJson(report: Report, opts: { indent?: number } = {}): string {
  return `${JSON.stringify(toJsonReport(report), null, opts.indent ?? 2)}\n`;
}
