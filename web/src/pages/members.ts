import { api } from '../api.js';
import { h } from '../dom.js';
import type { Ctx } from '../app.js';

export async function membersPage(ctx: Ctx): Promise<void> {
  const { members } = await api.members(ctx.me.org.id);
  if (ctx.signal.aborted) return;
  ctx.main.append(
    h('h1', {}, `Members of ${ctx.me.org.name}`),
    h('p', { class: 'muted' }, `${ctx.me.org.type} · ${ctx.me.org.country}`),
    h(
      'table',
      { class: 'grid' },
      h('caption', { class: 'sr-only' }, 'Members'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Name'),
          h('th', { scope: 'col' }, 'Email'),
          h('th', { scope: 'col' }, 'Role'),
        ),
      ),
      h(
        'tbody',
        {},
        members.map((m) =>
          h(
            'tr',
            {},
            h('td', {}, m.name),
            h('td', {}, m.email),
            h('td', {}, h('span', { class: `badge role-${m.role}` }, m.role)),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      'Adding members and managing API tokens from this page is not available yet; ask the lab operator.',
    ),
  );
}
