/**
 * Your account: change your password (the forced first change after a one-time password uses the
 * same form) and sign out everywhere else.
 */
import { api, type Me } from '../api.js';
import type { Ctx } from '../app.js';
import { announce, h } from '../dom.js';
import { errorText } from './secret.js';

const MIN_LENGTH = 12;

/** `forced`: signed in with a one-time password; `changed` gets the fresh session. */
export function passwordPage(ctx: Ctx, forced: boolean, changed: (me: Me) => void): void {
  const input = (id: string, autocomplete: string) =>
    h('input', { id, type: 'password', required: true, autocomplete, maxlength: 256 });
  const current = input('current-password', 'current-password');
  const next = input('new-password', 'new-password');
  const again = input('confirm-password', 'new-password');
  next.setAttribute('minlength', String(MIN_LENGTH));
  next.setAttribute('aria-describedby', 'new-password-help');
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Change password');
  const form = h(
    'form',
    { class: forced ? 'card narrow' : 'card', 'aria-labelledby': 'password-title' },
    h('h1', { id: 'password-title' }, forced ? 'Choose your password' : 'Change your password'),
    forced
      ? h(
          'p',
          {},
          'You signed in with a one-time password. Choose your own to continue; nobody else will know it.',
        )
      : h('p', { class: 'muted' }, 'Your other sessions end; API tokens keep working.'),
    h('label', { for: 'current-password' }, forced ? 'One-time password' : 'Current password'),
    current,
    h('label', { for: 'new-password' }, 'New password'),
    next,
    h(
      'p',
      { class: 'muted small', id: 'new-password-help' },
      `At least ${MIN_LENGTH} characters; a phrase is fine.`,
    ),
    h('label', { for: 'confirm-password' }, 'New password again'),
    again,
    error,
    submit,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    error.textContent = '';
    if (next.value !== again.value) {
      error.textContent = 'The two new passwords differ.';
      again.focus();
      return;
    }
    submit.disabled = true;
    api
      .changePassword(current.value, next.value)
      .then((me) => {
        announce('Password changed');
        form.reset();
        changed(me);
      })
      .catch((e: unknown) => {
        error.textContent = errorText(e);
        current.focus();
      })
      .finally(() => (submit.disabled = false));
  });
  // Until the password is chosen, nothing else works: offer no links but sign-out.
  if (forced) for (const a of document.querySelectorAll('#nav a')) a.remove();
  ctx.main.append(form);
  if (!forced) ctx.main.append(sessionsCard());
  current.focus();
}

function sessionsCard(): HTMLElement {
  const button = h('button', { type: 'button' }, 'Sign out everywhere else');
  const result = h('p', { class: 'muted', role: 'status' });
  button.addEventListener('click', () => {
    button.disabled = true;
    api
      .revokeOtherSessions()
      .then((r) => {
        result.textContent =
          r.revoked === 0
            ? 'No other session was open.'
            : `Ended ${r.revoked} other session${r.revoked === 1 ? '' : 's'}.`;
      })
      .catch((e: unknown) => announce(errorText(e), 'error'))
      .finally(() => (button.disabled = false));
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'sessions-title' },
    h('h2', { id: 'sessions-title' }, 'Sessions'),
    h('p', {}, 'Lost a laptop, or signed in on a shared computer? End every session but this one.'),
    button,
    result,
  );
}
