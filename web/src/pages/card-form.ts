/**
 * The admin pages' create forms (add a member, create a token, create an organisation): a card
 * with a title, labelled fields, an error line (role=alert) and one submit button that is
 * disabled while the request runs; on failure the error is shown and `focus` gets the focus.
 */
import { h } from '../dom.js';
import { errorText } from './secret.js';

/** A labelled control, with an optional help line tied to it by aria-describedby. */
export function field(id: string, label: string, control: HTMLElement, help?: string): HTMLElement {
  if (help) control.setAttribute('aria-describedby', `${id}-help`);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    help ? h('p', { class: 'muted small', id: `${id}-help` }, help) : null,
  );
}

export type CardFormOptions = {
  id: string;
  title: string;
  intro?: string;
  fields: HTMLElement[];
  submitLabel: string;
  /** Where the focus goes when the request fails. */
  focus: HTMLElement;
  /** The request; resolve when done (the form is reset after it), reject to show the error. */
  submit: () => Promise<void>;
};

export function cardForm(o: CardFormOptions): HTMLFormElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, o.submitLabel);
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': `${o.id}-title` },
    h('h2', { id: `${o.id}-title` }, o.title),
    o.intro ? h('p', { class: 'muted' }, o.intro) : null,
    h('div', { class: 'form-grid' }, ...o.fields),
    error,
    button,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    error.textContent = '';
    button.disabled = true;
    o.submit()
      .then(() => form.reset())
      .catch((e: unknown) => {
        error.textContent = errorText(e);
        o.focus.focus();
      })
      .finally(() => (button.disabled = false));
  });
  return form;
}
