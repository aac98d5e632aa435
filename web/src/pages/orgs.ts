/** Organisations (the lab operator's admins): list them, create one with its first admin. */
import { api, type OrgSummary } from '../api.js';
import type { Ctx } from '../app.js';
import { announce, clear, fmtDate, h } from '../dom.js';
import { cardForm, field } from './card-form.js';
import { secretPanel } from './secret.js';

const ORG_TYPES = [
  'telecom regulator',
  'central bank',
  'mobile network operator',
  'DFS provider',
  'postal operator',
  'third-party provider',
] as const;

export const LAB_OPERATOR = 'lab operator';

export function mayManageOrgs(ctx: Pick<Ctx, 'me'>): boolean {
  return ctx.me.user.role === 'admin' && ctx.me.org.type === LAB_OPERATOR;
}

function orgRow(o: OrgSummary): HTMLElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, o.name),
    h('td', {}, o.type),
    h('td', {}, o.country),
    h('td', {}, o.members),
    h('td', {}, fmtDate(o.createdAt)),
  );
}

export async function orgsPage(ctx: Ctx): Promise<void> {
  ctx.main.append(h('h1', {}, 'Organisations'));
  if (!mayManageOrgs(ctx)) {
    ctx.main.append(h('p', { class: 'empty' }, 'Only the lab operator’s admins manage organisations.'));
    return;
  }
  const body = h('tbody', {});
  const secretSlot = h('div', {});
  const refresh = async () => {
    const { orgs } = await api.orgs();
    if (ctx.signal.aborted) return;
    clear(body);
    body.append(...orgs.map(orgRow));
  };
  await refresh();
  if (ctx.signal.aborted) return;
  ctx.main.append(
    secretSlot,
    h(
      'table',
      { class: 'grid' },
      h('caption', { class: 'sr-only' }, 'Organisations'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Name', 'Type', 'Country', 'Members', 'Created'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      body,
    ),
    createForm((email, password) => {
      clear(secretSlot);
      secretSlot.append(
        secretPanel(
          `One-time password for ${email}`,
          password,
          'Give it to the new organisation’s admin over a trusted channel; they choose their own at first sign-in.',
        ),
      );
      void refresh();
    }),
  );
}

function createForm(created: (email: string, password: string) => void): HTMLElement {
  const name = h('input', { id: 'org-name', required: true, maxlength: 200, autocomplete: 'off' });
  const type = h(
    'select',
    { id: 'org-type' },
    ORG_TYPES.map((t) => h('option', { value: t }, t)),
  );
  const country = h('input', {
    id: 'org-country',
    required: true,
    minlength: 2,
    maxlength: 2,
    pattern: '[A-Za-z]{2}',
    autocomplete: 'off',
    class: 'short',
  });
  const email = h('input', { id: 'org-admin-email', type: 'email', required: true, autocomplete: 'off' });
  const adminName = h('input', { id: 'org-admin-name', required: true, maxlength: 200, autocomplete: 'off' });
  return cardForm({
    id: 'org',
    title: 'Create an organisation',
    fields: [
      field('org-name', 'Organisation name', name),
      field('org-type', 'Type', type),
      field('org-country', 'Country', country, 'ISO 3166 two-letter code, e.g. KE'),
      field('org-admin-email', 'First admin’s email', email),
      field('org-admin-name', 'First admin’s name', adminName),
    ],
    submitLabel: 'Create organisation',
    focus: name,
    submit: async () => {
      const r = await api.createOrg({
        name: name.value,
        type: type.value,
        country: country.value,
        admin: { email: email.value, name: adminName.value },
      });
      announce(`${r.org.name} created`);
      created(r.admin.email, r.oneTimePassword);
    },
  });
}
