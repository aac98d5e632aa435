import { api, type AuditItem } from '../api.js';
import type { Ctx } from '../app.js';
import { announce, fmtBytes, fmtDate, h, SEVERITY_ORDER, severityBadge, statusBadge } from '../dom.js';
import { KIND_LABELS, progressCell } from './job-progress.js';

const POLL_MS = 2000;

function appLabel(a: AuditItem): string {
  if (a.kind === 'ussd') return a.targetName ?? 'USSD scan';
  if (a.kind === 'stk') return a.targetName ?? a.fileName ?? 'STK capture';
  return a.appName ?? a.package ?? a.fileName ?? a.artifactSha256?.slice(0, 12) ?? '—';
}

export function summaryCells(a: AuditItem): HTMLElement {
  if (a.status === 'queued' || a.status === 'running')
    return progressCell(a.status, a.progressPercent, a.progress);
  if (!a.summary)
    return h('span', { class: 'muted' }, a.status === 'failed' ? (a.error ?? 'failed') : (a.progress ?? '—'));
  const s = a.summary;
  const parts = SEVERITY_ORDER.filter((k) => s.bySeverity[k] > 0).map((k) =>
    h('span', { class: 'count' }, severityBadge(k), ` ${s.bySeverity[k]}`),
  );
  return h('span', { class: 'counts' }, parts.length ? parts : h('span', { class: 'muted' }, 'no findings'));
}

function uploadForm(ctx: Ctx): HTMLElement {
  const input = h('input', {
    id: 'apk',
    name: 'apk',
    type: 'file',
    accept: '.apk,application/vnd.android.package-archive',
    required: true,
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Upload and audit');
  const note = h(
    'p',
    { class: 'muted', id: 'apk-help' },
    'An Android APK, up to 200 MiB. The same file is never audited twice.',
  );
  input.setAttribute('aria-describedby', 'apk-help');
  const form = h(
    'form',
    { class: 'card upload', 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title' }, 'Audit an app'),
    h('label', { for: 'apk' }, 'APK file'),
    h('div', { class: 'row' }, input, submit),
    note,
  );
  if (ctx.me.user.role === 'viewer') {
    input.disabled = true;
    submit.disabled = true;
    note.textContent = 'Viewers cannot upload apps.';
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const file = input.files?.[0];
    if (!file) return;
    submit.disabled = true;
    note.textContent = `Uploading ${file.name} (${fmtBytes(file.size)})…`;
    api
      .upload(file)
      .then((art) => api.createAudit(art.sha256))
      .then((r) => {
        announce(r.created ? 'Audit queued' : 'This file was already audited');
        location.hash = `#/audits/${r.id}`;
      })
      .catch((e: unknown) => {
        note.textContent = `Upload failed: ${e instanceof Error ? e.message : String(e)}`;
        note.className = 'error';
        submit.disabled = false;
      });
  });
  return form;
}

function auditsTable(list: AuditItem[]): HTMLElement {
  if (!list.length) return h('p', { class: 'empty' }, 'No audits yet. Upload an APK to start.');
  return h(
    'table',
    { class: 'grid' },
    h('caption', { class: 'sr-only' }, 'Audits, newest first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Target', 'Kind', 'Version', 'Status', 'Findings', 'Started'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      list.map((a) =>
        h(
          'tr',
          {},
          h(
            'td',
            {},
            h('a', { href: `#/audits/${a.id}` }, appLabel(a)),
            a.package && !appLabel(a).includes(a.package)
              ? h('div', { class: 'muted mono small' }, a.package)
              : null,
          ),
          h('td', {}, h('span', { class: `badge kind-${a.kind}` }, KIND_LABELS[a.kind])),
          h(
            'td',
            {},
            a.versionName ? `${a.versionName}${a.versionCode !== null ? ` (${a.versionCode})` : ''}` : '—',
          ),
          h('td', {}, statusBadge(a.status)),
          h('td', {}, summaryCells(a)),
          h('td', {}, fmtDate(a.createdAt)),
        ),
      ),
    ),
  );
}

export async function auditsPage(ctx: Ctx): Promise<void> {
  const listBox = h('section', { 'aria-labelledby': 'audits-title' });
  const more = h(
    'p',
    { class: 'links' },
    h('a', { href: '#/ussd' }, 'Scan a USSD menu'),
    h('a', { href: '#/stk' }, 'Audit an STK capture'),
  );
  ctx.main.append(h('h1', {}, 'Audits'), uploadForm(ctx), more, listBox);
  let shown: AuditItem[] = [];
  let next: string | null = null;
  const render = () => {
    const older = next ? h('button', { type: 'button', class: 'secondary' }, 'Show older audits') : null;
    older?.addEventListener('click', () => {
      if (!next) return;
      older.setAttribute('disabled', '');
      void api
        .audits(next)
        .then((page) => {
          if (ctx.signal.aborted) return;
          const have = new Set(shown.map((a) => a.id));
          shown = [...shown, ...page.audits.filter((a) => !have.has(a.id))];
          next = page.nextBefore;
          render();
          announce(`${page.audits.length} older audits shown`, 'info');
        })
        .catch(() => older.removeAttribute('disabled'));
    });
    listBox.replaceChildren(
      h(
        'h2',
        { id: 'audits-title' },
        next ? `Latest ${shown.length} audits` : `All audits (${shown.length})`,
      ),
      auditsTable(shown),
    );
    if (older) listBox.append(older);
  };
  const load = async () => {
    const first = await api.audits();
    if (ctx.signal.aborted) return;
    // A refresh replaces the newest page and keeps the older pages already shown.
    const fresh = new Set(first.audits.map((a) => a.id));
    const oldest = first.audits.at(-1)?.createdAt ?? '';
    const kept = shown.filter((a) => !fresh.has(a.id) && a.createdAt < oldest);
    if (kept.length === 0) next = first.nextBefore;
    shown = [...first.audits, ...kept];
    render();
    if (first.audits.some((a) => a.status === 'queued' || a.status === 'running'))
      window.setTimeout(() => void load().catch(() => undefined), POLL_MS);
  };
  await load();
}
