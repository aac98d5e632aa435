import { api, type FindingRow, type Triage } from '../api.js';
import { announce, h } from '../dom.js';

export const TRIAGE_LABELS: Record<Triage, string> = {
  open: 'Open',
  confirmed: 'Confirmed',
  'false-positive': 'False positive',
  'accepted-risk': 'Accepted risk',
  fixed: 'Fixed',
};

/** The triage form of one finding; calls `saved` with the updated row. */
export function triageForm(f: FindingRow, canTriage: boolean, saved: (f: FindingRow) => void): HTMLElement {
  const sid = `triage-${f.id}`;
  const rid = `reason-${f.id}`;
  const select = h(
    'select',
    { id: sid, name: 'status' },
    (Object.keys(TRIAGE_LABELS) as Triage[]).map((t) =>
      h('option', { value: t, selected: t === f.triage }, TRIAGE_LABELS[t]),
    ),
  );
  const reason = h('textarea', { id: rid, name: 'reason', rows: 2, maxlength: 2000 });
  reason.value = f.triageReason ?? '';
  const hint = h('span', { class: 'muted small', id: `${rid}-hint` }, 'Required for accepted risk.');
  reason.setAttribute('aria-describedby', `${rid}-hint`);
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Save triage');
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'triage', 'aria-label': `Triage ${f.checkId}` },
    h('div', { class: 'field' }, h('label', { for: sid }, 'Status'), select),
    h('div', { class: 'field grow' }, h('label', { for: rid }, 'Reason'), reason, hint),
    h('div', { class: 'field' }, submit),
    error,
  );
  const sync = () => (reason.required = select.value === 'accepted-risk');
  select.addEventListener('change', sync);
  sync();
  if (!canTriage) {
    select.disabled = true;
    reason.disabled = true;
    submit.disabled = true;
    hint.textContent = 'Viewers cannot triage.';
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    const status = select.value as Triage;
    api
      .triage(f.id, status, reason.value.trim() || undefined)
      .then((row) => {
        announce(`${f.checkId} marked ${TRIAGE_LABELS[row.triage].toLowerCase()}`);
        saved(row);
      })
      .catch((e: unknown) => (error.textContent = e instanceof Error ? e.message : String(e)))
      .finally(() => (submit.disabled = false));
  });
  return form;
}
