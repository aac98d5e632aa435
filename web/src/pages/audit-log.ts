/** The organisation's audit log (admins): who did what, newest first, filtered by action. */
import { api, type AuditLogEntry } from '../api.js';
import type { Ctx } from '../app.js';
import { announce, clear, fmtDate, h } from '../dom.js';
import { errorText } from './secret.js';

/** Families of actions (the filter matches `family.*`). */
const FAMILIES: readonly [string, string][] = [
  ['', 'All actions'],
  ['session', 'Sign-ins and sessions'],
  ['password', 'Passwords'],
  ['member', 'Members'],
  ['token', 'API tokens'],
  ['org', 'Organisations'],
  ['artifact', 'Uploads'],
  ['audit', 'Audits'],
  ['finding', 'Triage'],
];

function detailText(e: AuditLogEntry): string {
  if (!e.detail) return '';
  return Object.entries(e.detail)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

export async function auditLogPage(ctx: Ctx, action: string | null): Promise<void> {
  ctx.main.append(h('h1', {}, 'Audit log'));
  if (ctx.me.user.role !== 'admin') {
    ctx.main.append(h('p', { class: 'empty' }, 'Only the organisation’s admins read its audit log.'));
    return;
  }
  const filter = h(
    'select',
    { id: 'log-action', name: 'action' },
    FAMILIES.map(([v, label]) => h('option', { value: v }, label)),
  );
  filter.value = FAMILIES.some(([v]) => v === action) ? (action ?? '') : '';
  const apply = h('button', { type: 'submit' }, 'Filter');
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter the audit log' },
    h('div', { class: 'field' }, h('label', { for: 'log-action' }, 'Action'), filter),
    apply,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = filter.value ? `#/audit-log?action=${encodeURIComponent(filter.value)}` : '#/audit-log';
  });
  const body = h('tbody', {});
  const more = h('button', { type: 'button' }, 'Older entries');
  const count = h('p', { class: 'muted', role: 'status' });
  let shown = 0;
  let next: number | null = null;

  const load = async (before?: number) => {
    const page = await api.auditLog(ctx.me.org.id, before, filter.value || undefined);
    if (ctx.signal.aborted) return;
    if (before === undefined) clear(body);
    for (const e of page.entries)
      body.append(
        h(
          'tr',
          {},
          h('td', {}, h('time', { datetime: e.at }, fmtDate(e.at))),
          h('td', {}, e.actorEmail ?? h('span', { class: 'muted' }, 'unknown')),
          h('td', {}, h('code', {}, e.action)),
          e.targetEmail
            ? h('td', { title: e.target ?? '' }, e.targetEmail)
            : h('td', { class: 'mono small' }, e.target ?? '—'),
          h('td', { class: 'small' }, detailText(e)),
        ),
      );
    shown += page.entries.length;
    next = page.nextBefore;
    more.hidden = next === null;
    count.textContent = shown
      ? `${shown} entries shown${next === null ? '' : '; older ones remain'}`
      : 'No entries.';
  };
  more.addEventListener('click', () => {
    if (next === null) return;
    more.disabled = true;
    load(next)
      .catch((e: unknown) => announce(errorText(e), 'error'))
      .finally(() => (more.disabled = false));
  });

  await load();
  if (ctx.signal.aborted) return;
  ctx.main.append(
    h('p', { class: 'muted' }, `Who did what in ${ctx.me.org.name}, newest first.`),
    form,
    count,
    h(
      'table',
      { class: 'grid log' },
      h('caption', { class: 'sr-only' }, 'Audit log entries, newest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Time', 'Actor', 'Action', 'Target', 'Details'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      body,
    ),
    h('p', {}, more),
  );
}
