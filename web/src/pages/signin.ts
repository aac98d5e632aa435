import { api, ApiError, type Me } from '../api.js';
import { h } from '../dom.js';

export function signInPage(main: HTMLElement, done: (me: Me) => void): void {
  const email = h('input', {
    id: 'email',
    name: 'email',
    type: 'email',
    autocomplete: 'username',
    required: true,
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { class: 'error', role: 'alert', id: 'signin-error' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'card narrow', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to the lab'),
    h('p', { class: 'muted' }, 'Use the account your lab administrator gave you.'),
    h('label', { for: 'email' }, 'Email'),
    email,
    h('label', { for: 'password' }, 'Password'),
    password,
    error,
    submit,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    api
      .signIn(email.value, password.value)
      .then(done)
      .catch((e: unknown) => {
        error.textContent =
          e instanceof ApiError && e.status === 401
            ? 'Wrong email or password.'
            : e instanceof Error
              ? e.message
              : String(e);
        password.select();
      })
      .finally(() => (submit.disabled = false));
  });
  main.append(form);
  email.focus();
}
