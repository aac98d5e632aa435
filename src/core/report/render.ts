/** One entry point for the CLI and the lab server: a report in any supported format. */
import { InputError } from '../errors.js';
import type { Report } from './types.js';
import { renderJson } from './json/render.js';
import { renderSarif } from './sarif/render.js';
import { renderHtml } from './html/render.js';

export const REPORT_FORMATS = ['json', 'sarif', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPE: Record<ReportFormat, string> = {
  json: 'application/json',
  sarif: 'application/sarif+json',
  html: 'text/html; charset=utf-8',
};

export const REPORT_EXTENSION: Record<ReportFormat, string> = {
  json: '.json',
  sarif: '.sarif',
  html: '.html',
};

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

/** Renders `report` as `format`; throws InputError for an unknown format name. */
export function renderReport(report: Report, format: string): string {
  if (!isReportFormat(format))
    throw new InputError(`unknown report format '${format}' (use ${REPORT_FORMATS.join(', ')})`);
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'html':
      return renderHtml(report);
  }
}
