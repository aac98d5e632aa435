/** Members of your organisation: everyone reads the list; admins add, change roles, disable. */
import { api, type Member, type Role } from '../api.js';
import type { Ctx } from '../app.js';
import { announce, clear, fmtDate, h } from '../dom.js';
import { cardForm, field } from './card-form.js';
import { errorText, secretPanel } from './secret.js';

const ROLES: readonly Role[] = ['admin', 'analyst', 'viewer'];

function roleSelect(id: string, value: Role): HTMLSelectElement {
  // `selected` (not just .value) so that form.reset() returns to this choice.
  return h(
    'select',
    { id, name: 'role' },
    ...ROLES.map((r) => h('option', { value: r, selected: r === value }, r)),
  );
}

function stateBadge(m: Member): HTMLElement {
  if (m.state === 'disabled') return h('span', { class: 'badge st-disabled' }, 'disabled');
  if (m.mustChangePassword) return h('span', { class: 'badge st-pending' }, 'password not yet chosen');
  return h('span', { class: 'badge st-active' }, 'active');
}

export async function membersPage(ctx: Ctx): Promise<void> {
  const isAdmin = ctx.me.user.role === 'admin';
  const orgId = ctx.me.org.id;
  const body = h('tbody', {});
  const secretSlot = h('div', {});

  /** Run a change, announce it, redraw, and put the focus back on the control that was used. */
  const act = (work: Promise<unknown>, done: string, focusId: string) =>
    work
      .then(async () => {
        announce(done);
        await refresh();
        document.getElementById(focusId)?.focus();
      })
      .catch((e: unknown) => announce(errorText(e), 'error'));

  const row = (m: Member) => {
    const self = m.id === ctx.me.user.id;
    const cells: HTMLElement[] = [
      h('th', { scope: 'row' }, m.name, self ? h('span', { class: 'muted' }, ' (you)') : null),
      h('td', {}, m.email),
      h('td', {}, h('span', { class: `badge role-${m.role}` }, m.role)),
      h('td', {}, stateBadge(m)),
      h('td', {}, fmtDate(m.createdAt)),
    ];
    if (isAdmin) {
      const selId = `role-${m.id}`;
      const sel = roleSelect(selId, m.role);
      // An aria-label, not a hidden <label>: the email already shows in its own cell.
      sel.setAttribute('aria-label', `Role for ${m.email}`);
      const change = h(
        'form',
        { class: 'inline' },
        sel,
        h('button', { type: 'submit', 'aria-label': `Change role of ${m.email}` }, 'Change role'),
      );
      change.addEventListener('submit', (ev) => {
        ev.preventDefault();
        if (sel.value === m.role) return;
        void act(
          api.updateMember(orgId, m.id, { role: sel.value as Role }),
          `${m.email} is now ${sel.value}`,
          selId,
        );
      });
      const active = m.state === 'active';
      const toggle = h(
        'button',
        { type: 'button', id: `toggle-${m.id}`, 'aria-label': `${active ? 'Disable' : 'Enable'} ${m.email}` },
        active ? 'Disable' : 'Enable',
      );
      toggle.addEventListener('click', () => {
        void act(
          api.updateMember(orgId, m.id, { active: !active }),
          `${m.email} ${active ? 'disabled' : 'enabled'}`,
          `toggle-${m.id}`,
        );
      });
      const reset = h(
        'button',
        { type: 'button', 'aria-label': `New one-time password for ${m.email}` },
        'Reset password',
      );
      reset.addEventListener('click', () => {
        api
          .resetPassword(orgId, m.id)
          .then((r) => {
            showSecret(r.member.email, r.oneTimePassword);
            return refresh();
          })
          .catch((e: unknown) => announce(errorText(e), 'error'));
      });
      // Your own password is changed on the account page (which needs the current one).
      cells.push(h('td', {}, h('div', { class: 'actions' }, change, toggle, self ? null : reset)));
    }
    return h('tr', { class: m.state === 'disabled' ? 'disabled' : null }, cells);
  };

  const refresh = async () => {
    const { members } = await api.members(orgId);
    if (ctx.signal.aborted) return;
    clear(body);
    body.append(...members.map(row));
  };

  const showSecret = (email: string, password: string) => {
    clear(secretSlot);
    secretSlot.append(
      secretPanel(
        `One-time password for ${email}`,
        password,
        'Give it to them in person or over a trusted channel; they choose their own password at first sign-in.',
      ),
    );
  };

  await refresh();
  if (ctx.signal.aborted) return;
  const head = ['Name', 'Email', 'Role', 'State', 'Added', ...(isAdmin ? ['Actions'] : [])];
  ctx.main.append(
    h('h1', {}, `Members of ${ctx.me.org.name}`),
    h('p', { class: 'muted' }, `${ctx.me.org.type} · ${ctx.me.org.country}`),
    secretSlot,
    h(
      'table',
      { class: 'grid members' },
      h('caption', { class: 'sr-only' }, 'Members'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      body,
    ),
    isAdmin
      ? addForm(ctx, (email, password) => {
          showSecret(email, password);
          void refresh();
        })
      : h('p', { class: 'muted' }, 'Only the organisation’s admins add or change members.'),
  );
}

function addForm(ctx: Ctx, added: (email: string, password: string) => void): HTMLElement {
  const email = h('input', {
    id: 'new-email',
    name: 'email',
    type: 'email',
    required: true,
    autocomplete: 'off',
  });
  const name = h('input', {
    id: 'new-name',
    name: 'name',
    type: 'text',
    required: true,
    maxlength: 200,
    autocomplete: 'off',
  });
  const role = roleSelect('new-role', 'analyst');
  return cardForm({
    id: 'add',
    title: 'Add a member',
    intro: 'They get a one-time password, shown once here, and choose their own at first sign-in.',
    fields: [
      field('new-email', 'Email', email),
      field('new-name', 'Name', name),
      field('new-role', 'Role', role),
    ],
    submitLabel: 'Add member',
    focus: email,
    submit: async () => {
      const r = await api.addMember(ctx.me.org.id, {
        email: email.value,
        name: name.value,
        role: role.value as Role,
      });
      announce(`${r.member.email} added`);
      added(r.member.email, r.oneTimePassword);
    },
  });
}
