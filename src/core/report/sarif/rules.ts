/** SARIF reporting descriptors (rules) and the severity → level / security-severity mapping. */
import type { CheckMeta } from '../../check.js';
import type { Confidence, Finding, References, Severity } from '../../findings.js';
import { masvsArea } from '../../findings.js';
import type { SarifLevel, SarifReportingDescriptor } from './types.js';

/** SARIF `level` for a severity (GitHub shows error/warning/note). */
export const SARIF_LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * `security-severity` (a CVSS-like 0.0–10.0 string) per severity, placed inside the bands GitHub
 * code scanning uses: critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9, none 0.0.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** CodeQL-style `precision` per confidence. */
export const PRECISION: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low' };

/** CodeQL-style `problem.severity`. */
const PROBLEM_SEVERITY: Record<Severity, string> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'recommendation',
  info: 'recommendation',
};

export function cweTag(cwe: number): string {
  return `external/cwe/cwe-${cwe}`;
}

/** 'security', the CWE tags GitHub understands, MASVS control and area ids, catalogue ids, extra tags. */
export function refTags(refs: References, extra: readonly string[] = []): string[] {
  const tags = ['security', ...refs.cwe.map(cweTag)];
  for (const m of refs.masvs) {
    tags.push(m);
    const area = masvsArea(m);
    if (area) tags.push(`MASVS-${area}`);
  }
  tags.push(...refs.figi, ...extra);
  return [...new Set(tags)];
}

function refsText(refs: References): string[] {
  const lines: string[] = [];
  if (refs.masvs.length) lines.push(`OWASP MASVS: ${refs.masvs.join(', ')}`);
  if (refs.cwe.length) lines.push(`CWE: ${refs.cwe.map((c) => `CWE-${c}`).join(', ')}`);
  if (refs.figi.length) lines.push(`Catalogue: ${refs.figi.join(', ')}`);
  for (const o of refs.other ?? []) lines.push(`${o.name}: ${o.url}`);
  return lines;
}

/** Markdown-escapes text we did not write ourselves (rule text is ours, but stay safe). */
function md(s: string): string {
  return s.replace(/([\\`*_{}[\]<>()#+!|])/g, '\\$1');
}

export function ruleDescriptor(rule: CheckMeta): SarifReportingDescriptor {
  const refs = refsText(rule.refs);
  const description = rule.description ?? rule.title;
  const text = [
    description,
    '',
    `Remediation: ${rule.remediation}`,
    ...(refs.length ? ['', ...refs] : []),
  ].join('\n');
  const markdown = [
    `**${md(rule.title)}** (\`${rule.id}\`)`,
    '',
    md(description),
    '',
    `**Remediation.** ${md(rule.remediation)}`,
    ...(refs.length ? ['', '**References**', '', ...refs.map((r) => `- ${md(r)}`)] : []),
  ].join('\n');
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: description },
    help: { text, markdown },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: refTags(rule.refs, rule.tags),
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: PRECISION[rule.confidence],
      'problem.severity': PROBLEM_SEVERITY[rule.severity],
      severity: rule.severity,
      confidence: rule.confidence,
      masvs: rule.refs.masvs,
      cwe: rule.refs.cwe,
      figi: rule.refs.figi,
    },
  };
}

/** A rule for a finding whose check metadata is missing from `report.rules` (never drop a result). */
export function ruleFromFinding(f: Finding): CheckMeta {
  return {
    id: f.checkId,
    name: f.rule,
    title: f.title,
    severity: f.severity,
    confidence: f.confidence,
    refs: f.references,
    messages: { [f.messageId]: f.message },
    remediation: f.remediation,
  };
}
