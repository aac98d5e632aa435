/** A secret shown once (a one-time password, an API token): selectable text and a copy button. */
import { announce, h } from '../dom.js';

let seq = 0;

export function secretPanel(title: string, secret: string, note: string): HTMLElement {
  const id = `secret-${++seq}`;
  const value = h('code', { class: 'secret-value', id: `${id}-value` }, secret);
  const copy = h('button', { type: 'button', 'aria-describedby': `${id}-value` }, 'Copy');
  copy.addEventListener('click', () => {
    navigator.clipboard
      .writeText(secret)
      .then(() => announce('Copied to the clipboard'))
      .catch(() => {
        // No clipboard (permissions, insecure context): select the text for a manual copy.
        const range = document.createRange();
        range.selectNodeContents(value);
        const sel = window.getSelection();
        sel?.removeAllRanges();
        sel?.addRange(range);
        announce('Press Ctrl+C to copy the selected text');
      });
  });
  const heading = h('h2', { id: `${id}-title`, tabindex: -1 }, title);
  const panel = h(
    'section',
    { class: 'card secret', role: 'region', 'aria-labelledby': `${id}-title` },
    heading,
    h('p', {}, note),
    h('div', { class: 'secret-row' }, value, copy),
    h('p', { class: 'muted small' }, 'It is shown only now: the lab keeps only a hash of it.'),
  );
  window.setTimeout(() => heading.focus(), 0);
  return panel;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
