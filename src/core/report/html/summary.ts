/** The summary half of the HTML report: target identity, certificates, counts, baseline verdicts, errors. */
import type { CheckTiming, EngineError } from '../../check.js';
import type { BaselineStatus, BaselineVerdict, Report, ReportTarget } from '../types.js';
import { SEVERITY_DISPLAY_ORDER, SEVERITY_LABEL, severityChart } from './chart.js';
import { esc, slug } from './escape.js';

const TARGET_KIND_LABEL: Record<ReportTarget['kind'], string> = {
  'android-apk': 'Android application (APK)',
  ussd: 'USSD service',
  stk: 'SIM Toolkit / OTA',
};

export const STATUS_LABEL: Record<BaselineStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  'needs-dynamic-test': 'Needs dynamic test',
  'not-applicable': 'Not applicable',
};

function kv(label: string, value: string | number | undefined, code = false): string {
  if (value === undefined || value === '') return '';
  return `<div class="kv"><dt>${esc(label)}</dt><dd>${code ? `<code>${esc(value)}</code>` : esc(value)}</dd></div>`;
}

export function formatSize(n: number): string {
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n;
  let u = '';
  for (const unit of units) {
    if (v < 1024) break;
    v /= 1024;
    u = unit;
  }
  return u
    ? `${n.toLocaleString('en-US')} bytes (${v.toFixed(1)} ${u})`
    : `${n.toLocaleString('en-US')} bytes`;
}

function detailsRows(details: ReportTarget['details']): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => kv(k, typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)))
    .join('');
}

export function targetPanel(t: ReportTarget): string {
  const version =
    t.versionName !== undefined || t.versionCode !== undefined
      ? `${t.versionName ?? ''}${t.versionCode !== undefined ? ` (code ${t.versionCode})` : ''}`.trim()
      : undefined;
  const sdk =
    t.minSdk !== undefined || t.targetSdk !== undefined
      ? `min ${t.minSdk ?? '?'} · target ${t.targetSdk ?? '?'}`
      : undefined;
  return `<section class="panel" aria-labelledby="h-target"><h3 id="h-target">Target</h3><dl>
${kv('Kind', TARGET_KIND_LABEL[t.kind])}${kv('Name', t.name)}${kv('Package', t.package, true)}${kv('Version', version)}
${kv('SDK levels', sdk)}${kv('File', t.fileName, true)}${kv('Size', t.size === undefined ? undefined : formatSize(t.size))}
${kv('SHA-256', t.sha256, true)}${kv('Signature schemes', t.signingSchemes?.join(', '))}${detailsRows(t.details)}
</dl></section>`;
}

export function certificatesPanel(t: ReportTarget): string {
  if (!t.certificates) return '';
  if (!t.certificates.length) {
    return `<section class="panel" aria-labelledby="h-certs"><h3 id="h-certs">Signing certificate</h3><p>No signing certificate was found.</p></section>`;
  }
  const blocks = t.certificates.map((c, i) => {
    const key = c.keyAlgorithm ? `${c.keyAlgorithm}${c.keySize ? ` ${c.keySize}-bit` : ''}` : undefined;
    const validity = c.notBefore || c.notAfter ? `${c.notBefore ?? '?'} → ${c.notAfter ?? '?'}` : undefined;
    return `${t.certificates && t.certificates.length > 1 ? `<h4>Certificate ${i + 1}</h4>` : ''}<dl>
${kv('Subject', c.subject)}${kv('Issuer', c.issuer)}${kv('Serial', c.serialNumber, true)}${kv('SHA-256', c.sha256, true)}
${kv('Validity', validity)}${kv('Key', key)}${kv('Signature', c.signatureAlgorithm)}${c.debug ? kv('Note', 'Android debug certificate') : ''}</dl>`;
  });
  return `<section class="panel" aria-labelledby="h-certs"><h3 id="h-certs">Signing certificate${t.certificates.length > 1 ? 's' : ''}</h3>${blocks.join('')}</section>`;
}

export function countsPanel(r: Report): string {
  const c = r.summary.bySeverity;
  const rows = SEVERITY_DISPLAY_ORDER.map(
    (s) =>
      `<tr><th scope="row"><span class="badge sev-${s}">${SEVERITY_LABEL[s]}</span></th><td class="num">${c[s]}</td></tr>`,
  ).join('');
  const legend = SEVERITY_DISPLAY_ORDER.map(
    (s) => `<li><span class="swatch sev-${s}" aria-hidden="true"></span>${SEVERITY_LABEL[s]} ${c[s]}</li>`,
  ).join('');
  return `<section class="panel" aria-labelledby="h-counts"><h3 id="h-counts">Findings</h3>
${severityChart(c)}<ul class="legend" aria-hidden="true">${legend}</ul>
<table><caption>Open findings by severity</caption><thead><tr><th scope="col">Severity</th><th scope="col" class="num">Count</th></tr></thead>
<tbody>${rows}</tbody><tfoot><tr><th scope="row">Total open</th><td class="num">${r.summary.total}</td></tr>
<tr><th scope="row">Suppressed (baseline)</th><td class="num">${r.summary.suppressed}</td></tr>
<tr><th scope="row">Checks run</th><td class="num">${r.summary.checksRun}</td></tr>
<tr><th scope="row">Engine errors</th><td class="num">${r.summary.errors}</td></tr></tfoot></table></section>`;
}

export function baselineSection(b: BaselineVerdict | undefined): string {
  if (!b) return '';
  const counts = new Map<BaselineStatus, number>();
  for (const row of b.rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const tally = (Object.keys(STATUS_LABEL) as BaselineStatus[])
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${STATUS_LABEL[s].toLowerCase()}`)
    .join(', ');
  const rows = b.rows
    .map(
      (row) => `<tr><td><code>${esc(row.id)}</code></td><td>${esc(row.title)}</td>
<td><span class="status st-${slug(row.status)}">${esc(STATUS_LABEL[row.status] ?? row.status)}</span></td>
<td>${row.checks.map((c) => `<a href="#check-${slug(c)}"><code>${esc(c)}</code></a>`).join(' ') || '<span class="muted">—</span>'}</td>
<td>${esc(row.note ?? '')}</td></tr>`,
    )
    .join('');
  return `<section aria-labelledby="h-baseline"><h2 id="h-baseline">Baseline verdict: ${esc(b.name)}${b.version ? ` ${esc(b.version)}` : ''}</h2>
<p>${esc(tally || 'No rows.')}</p>
<table><caption class="sr-only">Baseline verdict per requirement</caption><thead><tr><th scope="col">Requirement</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Checks</th><th scope="col">Note</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

export function errorsSection(errors: readonly EngineError[]): string {
  if (!errors.length) return '';
  const rows = errors
    .map(
      (e) =>
        `<tr><td><code>${esc(e.checkId)}</code></td><td>${esc(e.kind)}</td><td>${esc(e.errorName ?? '')}</td><td>${esc(e.message)}</td></tr>`,
    )
    .join('');
  return `<section aria-labelledby="h-errors"><h2 id="h-errors">Engine errors</h2>
<p>These checks did not complete; their requirements are not assessed by this report.</p>
<table><thead><tr><th scope="col">Check</th><th scope="col">Kind</th><th scope="col">Error</th><th scope="col">Message</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function timingsTable(timings: readonly CheckTiming[] | undefined): string {
  if (!timings?.length) return '';
  const rows = timings
    .map(
      (t) =>
        `<tr><td><code>${esc(t.checkId)}</code></td><td>${esc(t.status)}</td><td class="num">${t.ms.toFixed(1)}</td><td class="num">${t.findings}</td><td>${esc(t.reason ?? '')}</td></tr>`,
    )
    .join('');
  return `<details><summary>Check timings</summary><table><thead><tr><th scope="col">Check</th><th scope="col">Status</th><th scope="col" class="num">ms</th><th scope="col" class="num">Findings</th><th scope="col">Reason</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}
