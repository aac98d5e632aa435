/** A running job's progress: its step text and, when known, a <progress> with the percentage. */
import type { AuditKind } from '../api.js';
import { h } from '../dom.js';

export const KIND_LABELS: Record<AuditKind, string> = { apk: 'App', ussd: 'USSD', stk: 'STK' };

export function progressBar(percent: number | null, label: string): HTMLProgressElement {
  const bar = h('progress', { 'aria-label': label, max: 100 });
  if (percent !== null) {
    bar.value = percent;
    bar.textContent = `${percent}%`;
  }
  return bar;
}

/** A compact cell for lists: the bar and "42% · step". */
export function progressCell(status: string, percent: number | null, step: string | null): HTMLElement {
  if (status === 'queued') return h('span', { class: 'muted' }, 'waiting for a worker…');
  return h(
    'span',
    { class: 'progress-cell' },
    progressBar(percent, 'Progress'),
    h(
      'span',
      { class: 'muted small' },
      [percent !== null ? `${percent}%` : null, step].filter(Boolean).join(' · '),
    ),
  );
}
