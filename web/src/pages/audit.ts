import { api, type Audit, type FindingRow, type Report, type ReportFinding } from '../api.js';
import type { Ctx } from '../app.js';
import { clear, fmtDate, h, SEVERITY_ORDER, severityBadge, statusBadge } from '../dom.js';
import { evidenceBlock } from './evidence.js';
import { progressBar } from './job-progress.js';
import { TRIAGE_LABELS, triageForm } from './triage.js';

const POLL_MS = 1500;
const MASVS_AREAS = ['STORAGE', 'CRYPTO', 'AUTH', 'NETWORK', 'PLATFORM', 'CODE', 'RESILIENCE', 'PRIVACY'];

const sleep = (ms: number) => new Promise((r) => window.setTimeout(r, ms));

function areasOf(rf: ReportFinding | undefined): string[] {
  return (rf?.references.masvs ?? []).map((m) => m.split('-')[1] ?? '');
}

function reportLinks(id: string): HTMLElement {
  const base = `/api/audits/${encodeURIComponent(id)}/report`;
  return h(
    'p',
    { class: 'links' },
    h('a', { class: 'button', href: `${base}.html`, download: 'report.html' }, 'Download HTML report'),
    h('a', { href: `${base}.sarif`, download: 'report.sarif' }, 'SARIF'),
    h('a', { href: `${base}.json`, download: 'report.json' }, 'JSON'),
  );
}

/** Wait while queued/running, showing progress. */
async function waitForAudit(ctx: Ctx, id: string, box: HTMLElement): Promise<Audit | undefined> {
  for (;;) {
    const a = await api.audit(id);
    if (ctx.signal.aborted) return undefined;
    if (a.status !== 'queued' && a.status !== 'running') return a;
    box.replaceChildren(
      h(
        'div',
        { class: 'card progress-card' },
        h(
          'p',
          {},
          statusBadge(a.status),
          ' ',
          a.status === 'queued' ? 'Waiting for a worker…' : (a.progress ?? 'Running…'),
          a.progressPercent !== null && a.status === 'running' ? ` (${a.progressPercent}%)` : '',
        ),
        progressBar(a.status === 'running' ? a.progressPercent : null, 'Audit progress'),
        h('p', { class: 'muted small' }, 'This page updates by itself.'),
      ),
    );
    await sleep(POLL_MS);
    if (ctx.signal.aborted) return undefined;
  }
}

type Filters = { severity: string; area: string; triage: string; text: string };

function filterBar(onChange: (f: Filters) => void, withAreas: boolean): HTMLElement {
  const sel = (id: string, label: string, options: [string, string][]) => {
    const s = h(
      'select',
      { id, name: id },
      options.map(([v, t]) => h('option', { value: v }, t)),
    );
    return { s, el: h('div', { class: 'field' }, h('label', { for: id }, label), s) };
  };
  const sev = sel('f-severity', 'Severity', [
    ['', 'All'],
    ...SEVERITY_ORDER.map((s): [string, string] => [s, s]),
  ]);
  const area = sel('f-area', 'MASVS area', [
    ['', 'All'],
    ...MASVS_AREAS.map((a): [string, string] => [a, a]),
  ]);
  const tri = sel('f-triage', 'Triage', [
    ['', 'All'],
    ...Object.entries(TRIAGE_LABELS).map(([k, v]): [string, string] => [k, v]),
  ]);
  const text = h('input', {
    id: 'f-text',
    name: 'q',
    type: 'search',
    placeholder: 'Check id, title, message',
  });
  const emit = () =>
    onChange({ severity: sev.s.value, area: area.s.value, triage: tri.s.value, text: text.value });
  for (const c of [sev.s, area.s, tri.s]) c.addEventListener('change', emit);
  text.addEventListener('input', emit);
  return h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter findings' },
    sev.el,
    withAreas ? area.el : null,
    tri.el,
    h('div', { class: 'field grow' }, h('label', { for: 'f-text' }, 'Search'), text),
  );
}

function findingCard(
  f: FindingRow,
  rf: ReportFinding | undefined,
  canTriage: boolean,
  onSaved: (f: FindingRow) => void,
) {
  const badge = h('span', { class: `badge tr-${f.triage}` }, TRIAGE_LABELS[f.triage]);
  const details = h(
    'details',
    { class: 'finding', id: `finding-${f.id}` },
    h(
      'summary',
      {},
      severityBadge(f.severity),
      h('span', { class: 'mono check' }, f.checkId),
      h('span', { class: 'title' }, f.title, h('span', { class: 'preview' }, f.message)),
      badge,
    ),
    h(
      'div',
      { class: 'finding-body' },
      h('p', {}, f.message),
      f.triageReason ? h('p', { class: 'muted' }, `Triage reason: ${f.triageReason}`) : null,
      evidenceBlock(rf),
      triageForm(f, canTriage, onSaved),
    ),
  );
  return details;
}

function summaryBar(a: Audit): HTMLElement {
  const s = a.summary;
  if (!s) return h('span');
  return h(
    'ul',
    { class: 'summary', 'aria-label': 'Findings by severity' },
    SEVERITY_ORDER.map((k) =>
      h(
        'li',
        { class: `tile tile-${k}` },
        h('span', { class: 'n' }, s.bySeverity[k]),
        h('span', { class: 'k' }, k),
      ),
    ),
  );
}

export async function auditPage(ctx: Ctx, id: string): Promise<void> {
  const head = h('div', { class: 'page-head' }, h('h1', {}, 'Audit'));
  const box = h('div');
  ctx.main.append(h('p', {}, h('a', { href: '#/audits' }, '← All audits')), head, box);
  const a = await waitForAudit(ctx, id, box);
  if (!a) return;
  clear(box);
  if (a.status === 'failed') {
    box.append(
      h(
        'div',
        { class: 'card error-card', role: 'alert' },
        h('h2', {}, 'The audit failed'),
        h('p', {}, a.error ?? 'unknown error'),
      ),
    );
    return;
  }
  const [{ findings }, report] = await Promise.all([api.findings(id), api.report(id) as Promise<Report>]);
  if (ctx.signal.aborted) return;
  const t = report.target;
  const what = a.kind === 'ussd' ? 'USSD scan of ' : a.kind === 'stk' ? 'STK audit: ' : '';
  head.replaceChildren(
    h('h1', {}, what + (t.name || t.package || 'Audit')),
    h(
      'p',
      { class: 'muted' },
      [
        t.package,
        t.versionName ? `version ${t.versionName}` : null,
        a.target ? `${String(a.target.url)} (${String(a.target.dialect)})` : null,
        `finished ${fmtDate(a.finishedAt)}`,
      ]
        .filter(Boolean)
        .join(' · '),
      ' ',
      statusBadge(a.status),
    ),
  );
  const byFp = new Map(report.findings.map((f) => [f.fingerprint, f]));
  const rows = findings.slice();
  const canTriage = ctx.me.user.role !== 'viewer';
  const list = h('div', { class: 'findings' });
  const count = h('p', { class: 'muted', role: 'status' });
  let filters: Filters = { severity: '', area: '', triage: '', text: '' };
  const render = () => {
    const q = filters.text.trim().toLowerCase();
    const shown = rows.filter((f) => {
      if (filters.severity && f.severity !== filters.severity) return false;
      if (filters.triage && f.triage !== filters.triage) return false;
      if (filters.area && !areasOf(byFp.get(f.fingerprint)).includes(filters.area)) return false;
      if (q && !`${f.checkId} ${f.title} ${f.message}`.toLowerCase().includes(q)) return false;
      return true;
    });
    count.textContent = `${shown.length} of ${rows.length} findings shown`;
    list.replaceChildren(
      ...shown.map((f) =>
        findingCard(f, byFp.get(f.fingerprint), canTriage, (row) => {
          rows[rows.findIndex((r) => r.id === row.id)] = row;
          render();
          const again = document.getElementById(`finding-${row.id}`);
          if (again instanceof HTMLDetailsElement) {
            again.open = true;
            again.querySelector('summary')?.focus();
          }
        }),
      ),
    );
    if (!shown.length)
      list.append(
        h('p', { class: 'empty' }, rows.length ? 'No finding matches these filters.' : 'No findings.'),
      );
  };
  const menuMap = report.facts?.menuMap;
  box.append(
    summaryBar(a),
    reportLinks(id),
    typeof menuMap === 'string'
      ? h(
          'details',
          { class: 'card menu-map' },
          h('summary', {}, 'Menu map'),
          h('pre', { class: 'mono' }, menuMap),
        )
      : '',
    h('h2', {}, 'Findings'),
    filterBar((f) => {
      filters = f;
      render();
    }, a.kind === 'apk'),
    count,
    list,
  );
  render();
}
