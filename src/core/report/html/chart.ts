/** The severity bar: an inline SVG (no external resources) with a text alternative. */
import type { Severity, SeverityCounts } from '../../findings.js';
import { esc } from './escape.js';

/** Worst first, as shown everywhere in the report. */
export const SEVERITY_DISPLAY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Badge/background colours; every one has at least 4.5:1 contrast against white text. */
export const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '#7f1d1d',
  high: '#b42318',
  medium: '#8a4b00',
  low: '#1f5aa6',
  info: '#4b5563',
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

const WIDTH = 600;
const HEIGHT = 28;

/** A stacked horizontal bar; role="img" with a title/desc that states every count. */
export function severityChart(counts: SeverityCounts): string {
  const total = SEVERITY_DISPLAY_ORDER.reduce((n, s) => n + counts[s], 0);
  const alt = SEVERITY_DISPLAY_ORDER.map((s) => `${counts[s]} ${SEVERITY_LABEL[s].toLowerCase()}`).join(', ');
  const desc = total === 0 ? 'No open findings.' : `${total} open findings: ${alt}.`;
  let x = 0;
  const rects: string[] = [];
  if (total === 0) {
    rects.push(`<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" rx="4" fill="#e5e7eb"/>`);
  }
  for (const s of SEVERITY_DISPLAY_ORDER) {
    if (!counts[s]) continue;
    const w = (counts[s] / total) * WIDTH;
    rects.push(
      `<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="${HEIGHT}" fill="${SEVERITY_COLOR[s]}"><title>${esc(`${SEVERITY_LABEL[s]}: ${counts[s]}`)}</title></rect>`,
    );
    x += w;
  }
  return [
    `<svg class="sevbar" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" height="${HEIGHT}" preserveAspectRatio="none" role="img" aria-labelledby="sevbar-title sevbar-desc" focusable="false">`,
    `<title id="sevbar-title">Open findings by severity</title>`,
    `<desc id="sevbar-desc">${esc(desc)}</desc>`,
    ...rects,
    '</svg>',
  ].join('');
}
