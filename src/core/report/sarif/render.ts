/**
 * SARIF 2.1.0: one run; tool.driver lists every rule that ran (even with zero results); each
 * finding becomes a result with ruleId/ruleIndex, level, message, locations inside the artifact,
 * partialFingerprints and the full evidence in its property bag. Validated against the official
 * OASIS schema in tests.
 */
import type { CheckMeta } from '../../check.js';
import type { Finding } from '../../findings.js';
import type { Report } from '../types.js';
import { ArtifactTable, evidenceLocation, webRequest, webResponse } from './locations.js';
import {
  PRECISION,
  SARIF_LEVEL,
  SECURITY_SEVERITY,
  refTags,
  ruleDescriptor,
  ruleFromFinding,
} from './rules.js';
import type { SarifLocation, SarifLog, SarifNotification, SarifResult, SarifRun } from './types.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Key of dfslab's fingerprint in `partialFingerprints`. */
export const SARIF_FINGERPRINT_KEY = 'dfslabFingerprint/v1';
/** Used when the report's tool has no informationUri. */
export const DEFAULT_INFORMATION_URI = 'https://github.com/dfslab/dfslab';

function result(f: Finding, ruleIndex: number, artifacts: ArtifactTable): SarifResult {
  const located = f.evidence
    .map((e) => evidenceLocation(e, artifacts))
    .filter((l): l is SarifLocation => l !== undefined);
  const informational = f.severity === 'info';
  const r: SarifResult = {
    ruleId: f.checkId,
    ruleIndex,
    kind: informational ? 'informational' : 'fail',
    level: informational ? 'none' : SARIF_LEVEL[f.severity],
    message: { text: f.message },
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      tags: refTags(f.references, f.tags),
      severity: f.severity,
      confidence: f.confidence,
      'security-severity':
        f.cvss?.score !== undefined ? f.cvss.score.toFixed(1) : SECURITY_SEVERITY[f.severity],
      precision: PRECISION[f.confidence],
      messageId: f.messageId,
      evidence: f.evidence,
      ...(f.cvss ? { cvss: f.cvss } : {}),
    },
  };
  // Every result gets a location (code-scanning UIs need one): evidence without a place (http,
  // packet, text) falls back to the analysed artifact itself, or to the target by name.
  r.locations = [located[0] ?? artifacts.targetLocation()];
  if (located.length > 1) r.relatedLocations = located.slice(1).map((l, i) => ({ ...l, id: i + 1 }));
  const http = f.evidence.find((e) => e.kind === 'http');
  if (http) {
    r.webRequest = webRequest(http);
    const resp = webResponse(http);
    if (resp) r.webResponse = resp;
  }
  if (f.suppression) {
    r.suppressions = [{ kind: 'external', status: 'accepted', justification: f.suppression.reason }];
  }
  return r;
}

/** Rules from the report plus a synthesised one for any finding whose check is not listed. */
function allRules(report: Report): CheckMeta[] {
  const rules = [...report.rules];
  const known = new Set(rules.map((r) => r.id));
  for (const f of report.findings) {
    if (known.has(f.checkId)) continue;
    known.add(f.checkId);
    rules.push(ruleFromFinding(f));
  }
  return rules;
}

export function toSarif(report: Report): SarifLog {
  const rules = allRules(report);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts = new ArtifactTable(report.target);
  const results = report.findings.map((f) => result(f, ruleIndex.get(f.checkId) ?? -1, artifacts));
  const notifications: SarifNotification[] = report.errors.map((e) => {
    const n: SarifNotification = {
      level: e.kind === 'limit' ? 'warning' : 'error',
      message: { text: `${e.kind}: ${e.message}` },
      descriptor: { id: `dfslab/engine/${e.kind}` },
    };
    const idx = ruleIndex.get(e.checkId);
    if (idx !== undefined) n.associatedRule = { id: e.checkId, index: idx };
    return n;
  });
  const run: SarifRun = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        ...(/^\d+\.\d+\.\d+/.test(report.tool.version) ? { semanticVersion: report.tool.version } : {}),
        informationUri: report.tool.informationUri ?? DEFAULT_INFORMATION_URI,
        rules: rules.map(ruleDescriptor),
      },
    },
    automationDetails: { id: `dfslab/${report.target.kind}/${report.runId}` },
    invocations: [
      {
        executionSuccessful: !report.errors.some((e) => e.kind !== 'limit'),
        startTimeUtc: report.startedAt,
        endTimeUtc: report.finishedAt,
        ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    results,
    properties: {
      target: report.target,
      summary: report.summary,
      ...(report.baseline ? { baseline: report.baseline } : {}),
    },
  };
  if (artifacts.artifacts.length) run.artifacts = artifacts.artifacts;
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export function renderSarif(report: Report): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}
