/** The findings half of the HTML report: grouped by MASVS area, one article per finding. */
import type { CheckMeta } from '../../check.js';
import type { Finding, MasvsArea } from '../../findings.js';
import { MASVS_AREAS, masvsArea } from '../../findings.js';
import { SEVERITY_DISPLAY_ORDER, SEVERITY_LABEL } from './chart.js';
import { esc, slug } from './escape.js';
import { evidenceList } from './evidence.js';

export const AREA_TITLE: Record<MasvsArea | 'OTHER', string> = {
  STORAGE: 'Storage (MASVS-STORAGE)',
  CRYPTO: 'Cryptography (MASVS-CRYPTO)',
  AUTH: 'Authentication and authorization (MASVS-AUTH)',
  NETWORK: 'Network communication (MASVS-NETWORK)',
  PLATFORM: 'Platform interaction (MASVS-PLATFORM)',
  CODE: 'Code quality (MASVS-CODE)',
  RESILIENCE: 'Resilience (MASVS-RESILIENCE)',
  PRIVACY: 'Privacy (MASVS-PRIVACY)',
  OTHER: 'Other findings (no MASVS control: USSD, SIM and channel checks)',
};

type Group = { key: MasvsArea | 'OTHER'; findings: { f: Finding; n: number }[] };

/** Groups by the area of the first MASVS reference (one place per finding), in MASVS order. */
export function groupByArea(findings: readonly Finding[]): Group[] {
  const groups = new Map<MasvsArea | 'OTHER', Group>();
  findings.forEach((f, n) => {
    const area = f.references.masvs.map(masvsArea).find((a) => a !== undefined) ?? 'OTHER';
    let g = groups.get(area);
    if (!g) groups.set(area, (g = { key: area, findings: [] }));
    g.findings.push({ f, n });
  });
  const order: (MasvsArea | 'OTHER')[] = [...MASVS_AREAS, 'OTHER'];
  return order.map((k) => groups.get(k)).filter((g): g is Group => g !== undefined);
}

function references(f: Finding): string {
  const items: string[] = [];
  const r = f.references;
  if (r.masvs.length)
    items.push(`<li>OWASP MASVS: ${r.masvs.map((m) => `<code>${esc(m)}</code>`).join(', ')}</li>`);
  if (r.cwe.length) items.push(`<li>CWE: ${r.cwe.map((c) => `<code>CWE-${esc(c)}</code>`).join(', ')}</li>`);
  if (r.figi.length)
    items.push(`<li>Catalogue: ${r.figi.map((x) => `<code>${esc(x)}</code>`).join(', ')}</li>`);
  // External references are shown as text, never as links: the report loads and links nothing.
  for (const o of r.other ?? []) items.push(`<li>${esc(o.name)}: <code>${esc(o.url)}</code></li>`);
  if (f.cvss) {
    const score = f.cvss.score === undefined ? '' : ` (score ${esc(f.cvss.score.toFixed(1))})`;
    items.push(`<li>CVSS ${esc(f.cvss.version)}: <code>${esc(f.cvss.vector)}</code>${score}</li>`);
  }
  return items.length ? `<h4>References</h4><ul class="refs">${items.join('')}</ul>` : '';
}

function article(f: Finding, n: number): string {
  const id = `finding-${n + 1}`;
  const supp = f.suppression
    ? `<p class="supp"><strong>Suppressed</strong> (${f.suppression.matchedBy === 'fingerprint' ? 'this finding' : 'whole check'}): ${esc(f.suppression.reason)}${f.suppression.expires ? ` · until ${esc(f.suppression.expires)}` : ''}</p>`
    : '';
  const tags = f.tags?.length ? `<span>tags ${esc(f.tags.join(', '))}</span>` : '';
  return `<article class="finding f-${f.severity}${f.suppression ? ' suppressed' : ''}" id="${id}" data-severity="${f.severity}" data-suppressed="${f.suppression ? 'true' : 'false'}" aria-labelledby="${id}-title">
<div class="fhead"><span class="badge sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span><h3 id="${id}-title">${esc(f.title)}</h3></div>
<p class="meta"><span><code>${esc(f.checkId)}</code> ${esc(f.rule)}</span><span>confidence ${esc(f.confidence)}</span><span>fingerprint <code>${esc(f.fingerprint)}</code></span>${tags}</p>
${supp}<p class="message">${esc(f.message)}</p>
<h4>Evidence</h4>${evidenceList(f.evidence)}
${references(f)}<h4>Remediation</h4><p>${esc(f.remediation)}</p></article>`;
}

export function filterForm(findings: readonly Finding[]): string {
  if (!findings.length) return '';
  const boxes = SEVERITY_DISPLAY_ORDER.map(
    (s) => `<label><input type="checkbox" data-sev="${s}" checked> ${SEVERITY_LABEL[s]}</label>`,
  ).join('');
  const supp = findings.some((f) => f.suppression)
    ? '<label><input type="checkbox" id="show-suppressed" checked> Show suppressed</label>'
    : '';
  return `<form id="filters" class="filters" hidden><fieldset><legend>Show severities</legend>${boxes}${supp}</fieldset></form>`;
}

/** Tag of findings that report a protection the app lacks (root detection, pinning, FLAG_SECURE…). */
export const CONTROL_ABSENT_TAG = 'control-absent';

const isGap = (f: Finding) => f.tags?.includes(CONTROL_ABSENT_TAG) === true;

function areaSection(key: string, title: string, items: { f: Finding; n: number }[], intro = ''): string {
  return `<section class="area" id="area-${slug(key)}" aria-labelledby="area-${slug(key)}-h"><h2 id="area-${slug(key)}-h">${esc(title)} <span class="muted">(${items.length})</span></h2>${intro}
${items.map(({ f, n }) => article(f, n)).join('\n')}</section>`;
}

const GAPS_TITLE = 'Missing protections (hardening gaps)';
const GAPS_INTRO =
  '<p class="muted">Protections a wallet is expected to have and that were not found anywhere in the app. They are listed apart so they do not hide the defects above; each still needs a decision.</p>';

export function findingsSection(findings: readonly Finding[]): string {
  if (!findings.length) {
    return `<section aria-labelledby="h-findings"><h2 id="h-findings">Findings</h2><p>No findings.</p></section>`;
  }
  // Defects are grouped by MASVS area; the "control absent" findings follow in their own section.
  const numbered = findings.map((f, n) => ({ f, n }));
  const gaps = numbered.filter(({ f }) => isGap(f));
  const groups = groupByArea(findings)
    .map((g) => ({ ...g, findings: g.findings.filter(({ f }) => !isGap(f)) }))
    .filter((g) => g.findings.length > 0);
  const tocItem = (key: string, title: string, n: number) =>
    `<li><a href="#area-${slug(key)}">${esc(title)}</a> (${n})</li>`;
  const toc =
    groups.map((g) => tocItem(g.key, AREA_TITLE[g.key], g.findings.length)).join('') +
    (gaps.length ? tocItem('GAPS', GAPS_TITLE, gaps.length) : '');
  const body = [
    ...groups.map((g) => areaSection(g.key, AREA_TITLE[g.key], g.findings)),
    ...(gaps.length ? [areaSection('GAPS', GAPS_TITLE, gaps, GAPS_INTRO)] : []),
  ].join('\n');
  return `<nav class="toc" aria-label="Findings by area"><h2>Findings by area</h2><ul>${toc}</ul></nav>${filterForm(findings)}\n${body}`;
}

export function rulesSection(rules: readonly CheckMeta[], findings: readonly Finding[]): string {
  if (!rules.length) return '';
  const count = new Map<string, number>();
  for (const f of findings) count.set(f.checkId, (count.get(f.checkId) ?? 0) + 1);
  const rows = rules
    .map(
      (r) =>
        `<tr id="check-${slug(r.id)}"><td><code>${esc(r.id)}</code></td><td>${esc(r.title)}</td><td><span class="badge sev-${r.severity}">${SEVERITY_LABEL[r.severity]}</span></td><td>${esc(r.refs.masvs.join(', '))}</td><td class="num">${count.get(r.id) ?? 0}</td></tr>`,
    )
    .join('');
  return `<section aria-labelledby="h-rules"><h2 id="h-rules">Checks run</h2>
<table><thead><tr><th scope="col">Check</th><th scope="col">Title</th><th scope="col">Default severity</th><th scope="col">MASVS</th><th scope="col" class="num">Findings</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** The worst open findings, linked to their articles (findings are already sorted worst first). */
export function topFindings(findings: readonly Finding[], max = 10): string {
  const all = findings.map((f, n) => ({ f, n })).filter(({ f }) => !f.suppression && f.severity !== 'info');
  // Defects before missing protections (each list keeps its worst-first order).
  const open = [...all.filter(({ f }) => !isGap(f)), ...all.filter(({ f }) => isGap(f))];
  if (!open.length) return '';
  const items = open
    .slice(0, max)
    .map(
      ({ f, n }) =>
        `<li><span class="badge sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span> <a href="#finding-${n + 1}">${esc(f.title)}</a> <code>${esc(f.checkId)}</code></li>`,
    )
    .join('');
  const more = open.length > max ? `<p class="muted">${open.length - max} more open findings below.</p>` : '';
  return `<section aria-labelledby="h-top"><h3 id="h-top">Most severe open findings</h3><ol class="top">${items}</ol>${more}</section>`;
}
