import type { Report } from '../types.js';
export function renderHtml(report: Report): string {
  return `<!doctype html><title>${report.target.name}</title>`;
}
