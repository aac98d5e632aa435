/** Upload an STK capture or card profile (as `dfslab stk audit` reads them) and audit it. */
import { api } from '../api.js';
import type { Ctx } from '../app.js';
import { announce, fmtBytes, h } from '../dom.js';

export function stkPage(ctx: Ctx): void {
  const input = h('input', {
    id: 'stk-file',
    name: 'stk-file',
    type: 'file',
    accept: '.json,.csv,.txt,application/json,text/csv,text/plain',
    required: true,
    'aria-describedby': 'stk-help',
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Upload and audit');
  const note = h(
    'p',
    { class: 'muted', id: 'stk-help' },
    'A capture of OTA command/response pairs or a card OTA profile: JSON, CSV or text, up to 16 MiB. Keys for deciphering go in the capture file. The same file is never audited twice.',
  );
  const form = h(
    'form',
    { class: 'card upload', 'aria-labelledby': 'stk-title' },
    h('h2', { id: 'stk-title' }, 'STK capture or card profile'),
    h('label', { for: 'stk-file' }, 'Capture file'),
    h('div', { class: 'row' }, input, submit),
    note,
  );
  if (ctx.me.user.role === 'viewer') {
    input.disabled = true;
    submit.disabled = true;
    note.textContent = 'Viewers cannot upload.';
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const file = input.files?.[0];
    if (!file) return;
    submit.disabled = true;
    note.className = 'muted';
    note.textContent = `Uploading ${file.name} (${fmtBytes(file.size)})…`;
    api
      .uploadStk(file)
      .then((r) => {
        announce(r.created ? 'STK audit queued' : 'This file was already audited');
        location.hash = `#/audits/${r.id}`;
      })
      .catch((e: unknown) => {
        note.textContent = `Upload failed: ${e instanceof Error ? e.message : String(e)}`;
        note.className = 'error';
        submit.disabled = false;
      });
  });
  ctx.main.append(
    h('p', {}, h('a', { href: '#/audits' }, '← All audits')),
    h('h1', {}, 'Audit an STK capture'),
    h(
      'p',
      { class: 'muted' },
      'SIM OTA security: no security, checksum only, single DES, counters, Proof-of-Receipt oracles, S@T/WIB browsers.',
    ),
    form,
  );
}
