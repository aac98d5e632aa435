import { api, type AuditItem, type ComparedFinding } from '../api.js';
import type { Ctx } from '../app.js';
import { fmtDate, h, severityBadge } from '../dom.js';

function label(a: AuditItem): string {
  const v = a.versionName ? ` ${a.versionName}` : '';
  const kind = a.kind === 'ussd' ? 'USSD ' : a.kind === 'stk' ? 'STK ' : '';
  const name = a.kind === 'apk' ? (a.appName ?? a.package ?? a.fileName) : (a.targetName ?? a.fileName);
  return `${kind}${name ?? a.id.slice(0, 8)}${v} — ${fmtDate(a.createdAt)}`;
}

function section(title: string, cls: string, items: ComparedFinding[]): HTMLElement {
  return h(
    'section',
    { class: `cmp ${cls}`, 'aria-label': title },
    h('h2', {}, `${title} (${items.length})`),
    items.length
      ? h(
          'ul',
          { class: 'cmp-list' },
          items.map((f) =>
            h(
              'li',
              {},
              severityBadge(f.severity),
              h('span', { class: 'mono check' }, f.checkId),
              ' ',
              f.title,
              h('div', { class: 'muted small' }, f.message),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'None.'),
  );
}

export async function comparePage(ctx: Ctx, baseId: string | null, headId: string | null): Promise<void> {
  const { audits } = await api.audits();
  if (ctx.signal.aborted) return;
  const done = audits.filter((a) => a.status === 'succeeded' && a.package);
  ctx.main.append(
    h('h1', {}, 'Compare two versions'),
    h(
      'p',
      { class: 'muted' },
      'Pick two finished audits of the same app. Findings are matched by their fingerprint.',
    ),
  );
  if (done.length < 2) {
    ctx.main.append(
      h('p', { class: 'empty' }, 'You need at least two finished audits of the same app to compare.'),
    );
    return;
  }
  const pick = (id: string, text: string, value: string | null) => {
    const s = h(
      'select',
      { id, name: id, required: true },
      done.map((a) => h('option', { value: a.id, selected: a.id === value }, `${label(a)}`)),
    );
    return { s, el: h('div', { class: 'field grow' }, h('label', { for: id }, text), s) };
  };
  const base = pick('c-base', 'Older audit (base)', baseId ?? done[1].id);
  const head = pick('c-head', 'Newer audit', headId ?? done[0].id);
  const form = h(
    'form',
    { class: 'card filters' },
    base.el,
    head.el,
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary' }, 'Compare')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = `#/compare?base=${base.s.value}&head=${head.s.value}`;
  });
  ctx.main.append(form);
  if (!baseId || !headId) return;
  try {
    const c = await api.compare(headId, baseId);
    if (ctx.signal.aborted) return;
    ctx.main.append(
      h('p', {}, `${c.head.package}: ${label(c.base)} → ${label(c.head)}`),
      section('New', 'cmp-new', c.new),
      section('Fixed', 'cmp-fixed', c.fixed),
      section('Unchanged', 'cmp-same', c.unchanged),
    );
  } catch (e) {
    ctx.main.append(h('p', { class: 'error', role: 'alert' }, e instanceof Error ? e.message : String(e)));
  }
}
