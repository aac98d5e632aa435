/** The dfslab web UI: a hash router over a few pages, all data from the lab's JSON API. */
import { api, ApiError, setCsrf, type Me } from './api.js';
import { announce, clear, h } from './dom.js';
import { auditPage } from './pages/audit.js';
import { auditsPage } from './pages/audits.js';
import { comparePage } from './pages/compare.js';
import { membersPage } from './pages/members.js';
import { auditLogPage } from './pages/audit-log.js';
import { mayManageOrgs, orgsPage } from './pages/orgs.js';
import { passwordPage } from './pages/password.js';
import { tokensPage } from './pages/tokens.js';
import { signInPage } from './pages/signin.js';
import { stkPage } from './pages/stk.js';
import { ussdPage } from './pages/ussd.js';

export type Ctx = { me: Me; main: HTMLElement; signal: AbortSignal };

let me: Me | undefined;
let current: AbortController | undefined;

function renderNav(): void {
  const nav = document.getElementById('nav');
  if (!nav) return;
  clear(nav);
  if (!me) return;
  const here = location.hash || '#/audits';
  const link = (href: string, label: string) =>
    h('a', { href, 'aria-current': here.startsWith(href) ? 'page' : null }, label);
  const signOut = h('button', { type: 'button', class: 'link' }, 'Sign out');
  signOut.addEventListener('click', () => {
    void api.signOut().finally(() => {
      me = undefined;
      // Route once: a changed hash routes through the hashchange listener.
      if (location.hash === '#/signin') void route();
      else location.hash = '#/signin';
    });
  });
  nav.append(
    link('#/audits', 'Audits'),
    link('#/ussd', 'USSD scan'),
    link('#/stk', 'STK capture'),
    link('#/compare', 'Compare'),
    link('#/members', 'Members'),
    link('#/tokens', 'Tokens'),
    ...(me.user.role === 'admin' ? [link('#/audit-log', 'Audit log')] : []),
    ...(mayManageOrgs({ me }) ? [link('#/orgs', 'Organisations')] : []),
    h(
      'a',
      {
        href: '#/account',
        class: 'who',
        title: `${me.user.email}: your account (password, sessions)`,
        'aria-current': here.startsWith('#/account') ? 'page' : null,
      },
      `${me.user.name} · ${me.org.name} · ${me.user.role}`,
    ),
    signOut,
  );
}

async function loadMe(): Promise<Me | undefined> {
  try {
    const m = await api.me();
    setCsrf(m.csrfToken);
    return m;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return undefined;
    throw e;
  }
}

async function route(): Promise<void> {
  current?.abort();
  current = new AbortController();
  const signal = current.signal;
  const main = document.getElementById('main') as HTMLElement;
  const hash = location.hash.replace(/^#/, '') || '/audits';
  const parts = hash.split('?')[0].split('/').filter(Boolean);
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  if (me === undefined) me = await loadMe();
  if (!me) {
    renderNav();
    clear(main);
    signInPage(main, (m) => {
      me = m;
      setCsrf(m.csrfToken);
      // Back to the page that asked for sign-in (a deep link), else the audits; route once.
      const target = !location.hash || location.hash === '#/signin' ? '#/audits' : location.hash;
      if (location.hash === target) void route();
      else location.hash = target;
    });
    return;
  }
  renderNav();
  clear(main);
  const ctx: Ctx = { me, main, signal };
  const changed = (m: Me) => {
    me = m;
    setCsrf(m.csrfToken);
    if (location.hash === '#/audits') void route();
    else location.hash = '#/audits';
  };
  if (me.user.mustChangePassword) return passwordPage(ctx, true, changed);
  try {
    if (parts[0] === 'audits' && parts[1]) await auditPage(ctx, parts[1]);
    else if (parts[0] === 'compare') await comparePage(ctx, query.get('base'), query.get('head'));
    else if (parts[0] === 'members') await membersPage(ctx);
    else if (parts[0] === 'ussd') await ussdPage(ctx);
    else if (parts[0] === 'stk') stkPage(ctx);
    else if (parts[0] === 'tokens') await tokensPage(ctx);
    else if (parts[0] === 'audit-log') await auditLogPage(ctx, query.get('action'));
    else if (parts[0] === 'orgs') await orgsPage(ctx);
    else if (parts[0] === 'account') passwordPage(ctx, false, changed);
    else await auditsPage(ctx);
  } catch (e) {
    if (signal.aborted) return;
    if (e instanceof ApiError && e.status === 401) {
      me = undefined;
      void route();
      return;
    }
    clear(main);
    main.append(
      h('h1', {}, 'Something went wrong'),
      h('p', { class: 'error' }, e instanceof Error ? e.message : String(e)),
    );
    announce('The page could not be loaded', 'error');
  }
}

window.addEventListener('hashchange', () => {
  const status = document.getElementById('status');
  if (status?.classList.contains('info')) window.setTimeout(() => (status.className = 'status'), 1500);
  void route().then(() => document.getElementById('main')?.focus({ preventScroll: true }));
});
void route();
