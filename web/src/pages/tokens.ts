/** API tokens for CI: create (the secret is shown once), list, revoke. */
import { api, type Member, type Role, type Token } from '../api.js';
import type { Ctx } from '../app.js';
import { announce, clear, fmtDate, h } from '../dom.js';
import { cardForm, field } from './card-form.js';
import { errorText, secretPanel } from './secret.js';

const ROLES: readonly Role[] = ['admin', 'analyst', 'viewer'];
const DEFAULT_DAYS = 90;
const MAX_DAYS = 366;

function tokenState(t: Token, now: number): 'active' | 'revoked' | 'expired' {
  if (t.revokedAt) return 'revoked';
  return Date.parse(t.expiresAt) <= now ? 'expired' : 'active';
}

export async function tokensPage(ctx: Ctx): Promise<void> {
  const me = ctx.me.user;
  const isAdmin = me.role === 'admin';
  const body = h('tbody', {});
  const secretSlot = h('div', {});
  let owners = new Map<string, string>();
  if (isAdmin) {
    const { members } = await api.members(ctx.me.org.id);
    owners = new Map(members.map((m: Member) => [m.id, m.email]));
  }

  const refresh = async () => {
    const { tokens } = await api.tokens();
    if (ctx.signal.aborted) return;
    clear(body);
    const now = Date.now();
    if (!tokens.length) {
      body.append(h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No tokens yet.')));
      return;
    }
    body.append(...tokens.map((t) => row(t, now)));
  };

  const row = (t: Token, now: number) => {
    const state = tokenState(t, now);
    let action: HTMLElement = h('span', { class: 'muted' }, '—');
    if (state === 'active' && me.role !== 'viewer') {
      const revoke = h('button', { type: 'button', 'aria-label': `Revoke token ${t.name}` }, 'Revoke');
      revoke.addEventListener('click', () => {
        revoke.disabled = true;
        api
          .revokeToken(t.id)
          .then(async () => {
            announce(`Token ${t.name} revoked`);
            await refresh();
            document.getElementById('token-name')?.focus();
          })
          .catch((e: unknown) => {
            revoke.disabled = false;
            announce(errorText(e), 'error');
          });
      });
      action = revoke;
    }
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, t.name),
      h('td', {}, h('span', { class: `badge role-${t.role}` }, t.role)),
      isAdmin ? h('td', {}, owners.get(t.userId) ?? '—') : null,
      h('td', {}, fmtDate(t.createdAt)),
      h('td', {}, t.lastUsedAt === undefined ? '—' : t.lastUsedAt ? fmtDate(t.lastUsedAt) : 'never'),
      h('td', {}, fmtDate(t.expiresAt)),
      h('td', {}, h('span', { class: `badge st-${state}` }, state)),
      h('td', {}, action),
    );
  };

  await refresh();
  if (ctx.signal.aborted) return;
  const cols = [
    'Name',
    'Role',
    ...(isAdmin ? ['Owner'] : []),
    'Created',
    'Last used',
    'Expires',
    'State',
    'Action',
  ];
  ctx.main.append(
    h('h1', {}, 'API tokens'),
    h(
      'p',
      { class: 'muted' },
      'For CI and scripts: send ',
      h('code', {}, 'Authorization: Bearer dfs_…'),
      '. A token acts as you, with at most its role. ',
      isAdmin ? 'As an admin you see every token of the organisation.' : '',
    ),
    secretSlot,
    me.role === 'viewer'
      ? h('p', { class: 'muted' }, 'Viewers cannot create tokens.')
      : createForm(me.role, (name, token) => {
          clear(secretSlot);
          secretSlot.append(secretPanel(`Token “${name}”`, token, 'Store it in your CI’s secret store now.'));
          void refresh();
        }),
    h(
      'table',
      { class: 'grid' },
      h('caption', { class: 'sr-only' }, 'API tokens, newest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          cols.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      body,
    ),
  );
}

function createForm(myRole: Role, created: (name: string, token: string) => void): HTMLElement {
  const allowed = ROLES.slice(ROLES.indexOf(myRole));
  const name = h('input', {
    id: 'token-name',
    name: 'name',
    required: true,
    maxlength: 100,
    autocomplete: 'off',
  });
  const preferred = allowed.includes('analyst') ? 'analyst' : allowed[0];
  const role = h(
    'select',
    { id: 'token-role', name: 'role' },
    ...allowed.map((r) => h('option', { value: r, selected: r === preferred }, r)),
  );
  const days = h('input', {
    id: 'token-days',
    name: 'expiresInDays',
    type: 'number',
    min: 1,
    max: MAX_DAYS,
    value: DEFAULT_DAYS,
    required: true,
  });
  return cardForm({
    id: 'token',
    title: 'Create a token',
    fields: [
      field('token-name', 'Token name', name),
      field('token-role', 'Token role', role),
      field('token-days', 'Expires in (days)', days),
    ],
    submitLabel: 'Create token',
    focus: name,
    submit: async () => {
      const t = await api.createToken({
        name: name.value,
        role: role.value as Role,
        expiresInDays: Number(days.value),
      });
      announce(`Token ${t.name} created`);
      created(t.name, t.token);
    },
  });
}
