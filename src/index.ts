/**
 * dfslab as a library: the pure analyzers (bytes or a target in, facts and findings out) and the
 * report renderers. The `dfslab` command (src/cli) and the lab server (src/lab) are built on these.
 *
 *   import { readFile } from 'node:fs/promises';
 *   import { auditApk, renderSarif } from 'dfslab';
 *   const { report } = await auditApk(await readFile('app.apk'), 'app.apk', { tool: { name: 'ci', version: '1' } });
 *   console.log(renderSarif(report));
 */
export { Apk } from './android/apk.js';
export {
  inspect,
  inspectAsync,
  type ApkFacts,
  type DexOnlyFacts,
  type InspectFacts,
} from './android/inspect.js';
export { auditApk, type AuditOptions, type AuditResult } from './android/audit/audit.js';
export { scanUssd, scanPlan, type UssdScanOptions, type UssdScanResult } from './ussd/scan.js';
export { auditStk } from './stk/audit/audit.js';
export * as stk from './stk/index.js';
export {
  renderHtml,
  renderJson,
  renderReport,
  renderSarif,
  REPORT_FORMATS,
  type Report,
  type ReportFormat,
} from './core/report/index.js';
export type { Finding, Severity } from './core/findings.js';
export {
  DfslabError,
  FormatError,
  InputError,
  LimitError,
  UnsupportedError,
  isDfslabError,
} from './core/errors.js';
export { DEFAULT_LIMITS, type Limits } from './core/limits.js';
