/**
 * `dfslab audit app.apk [more.apk …]`: audit each APK, write the requested reports, print a
 * summary, and exit with a code CI can act on (see exit.ts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { auditApk } from '../android/audit/audit.js';
import { overallVerdict } from '../android/audit/figi-verdict.js';
import { InputError } from '../core/errors.js';
import { exceedsThreshold, parseThreshold, type BaselineFile, type Severity } from '../core/findings.js';
import { REPORT_FORMATS, renderReport, type Report, type ReportFormat } from '../core/report/index.js';
import { describeError, EXIT } from './exit.js';
import { readArtifact } from './inspect.js';
import { ANSI, PLAIN, safe, type Style } from './format-inspect.js';

export type AuditCliOptions = {
  format?: string;
  out?: string;
  failOn?: string;
  baseline?: string;
  only?: string;
  skip?: string;
  color?: boolean;
  quiet?: boolean;
};

const SEV_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

function parseFormats(s: string | undefined, hasOut: boolean): ReportFormat[] {
  if (!s) return hasOut ? ['html', 'sarif', 'json'] : [];
  const list = s
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
  for (const f of list)
    if (!(REPORT_FORMATS as readonly string[]).includes(f))
      throw new InputError(`unknown --format '${f}' (use ${REPORT_FORMATS.join(', ')})`);
  return [...new Set(list)] as ReportFormat[];
}

function reportBase(file: string, used: Set<string>): string {
  let base = basename(file).replace(/\.(apk|zip)$/i, '');
  let n = 2;
  const orig = base;
  while (used.has(base)) base = `${orig}-${n++}`;
  used.add(base);
  return base;
}

export function formatAuditSummary(r: Report, st: Style): string {
  const L: string[] = [];
  const t = r.target;
  L.push(
    st.bold(safe(t.name)) +
      st.dim(`  ${safe(t.fileName ?? '')}  ${t.versionName ? `v${safe(t.versionName)}` : ''}`),
  );
  const counts = SEV_ORDER.map((s) => `${r.summary.bySeverity[s]} ${s}`).join(', ');
  L.push(
    `  ${r.summary.total} findings: ${counts}${r.summary.suppressed ? ` (${r.summary.suppressed} accepted in the baseline)` : ''}; ${r.summary.checksRun} checks`,
  );
  if (r.baseline) {
    const v = overallVerdict(r.baseline);
    L.push(
      `  ${r.baseline.name}: ${v === 'fail' ? st.red('FAILS') : st.green('no failure found by static analysis')}`,
    );
    for (const row of r.baseline.rows) {
      const s =
        row.status === 'fail'
          ? st.red('fail')
          : row.status === 'pass'
            ? st.green('pass')
            : st.dim(row.status);
      L.push(
        `    ${row.id.replace('FIGI-APP-', '').padEnd(16)} ${s.padEnd(20)} ${safe(row.title)}${row.note ? st.dim(` — ${safe(row.note)}`) : ''}`,
      );
    }
  }
  const shown = r.findings.filter((f) => !f.suppression).slice(0, 40);
  if (shown.length) L.push('', st.bold('Findings'));
  for (const f of shown) {
    const sev =
      f.severity === 'critical' || f.severity === 'high'
        ? st.red(f.severity)
        : f.severity === 'medium'
          ? st.yellow(f.severity)
          : st.dim(f.severity);
    L.push(`  ${sev.padEnd(8)} ${f.checkId}  ${safe(f.title)}`);
    const e = f.evidence[0];
    if (e?.kind === 'manifest')
      L.push(
        st.dim(
          `           ${safe(e.file)} ${safe(e.element)}${e.attribute ? `/@${safe(e.attribute)}` : ''}${e.value !== undefined ? ` = ${safe(e.value)}` : ''}`,
        ),
      );
    else if (e?.kind === 'dex')
      L.push(
        st.dim(
          `           ${safe(e.file)} ${safe(e.class)}->${safe(e.method)} @${e.bytecodeOffset}${e.instruction ? `  ${safe(e.instruction)}` : ''}`,
        ),
      );
    else if (e?.kind === 'file')
      L.push(
        st.dim(
          `           ${safe(e.file)}${e.byteOffset !== undefined ? ` @${e.byteOffset}` : ''}${e.snippet ? `  ${safe(e.snippet)}` : ''}`,
        ),
      );
  }
  const rest = r.findings.filter((f) => !f.suppression).length - shown.length;
  if (rest > 0) L.push(st.dim(`  … ${rest} more in the reports`));
  for (const e of r.errors) L.push(`  ${st.yellow('check error')} ${e.checkId}: ${safe(e.message)}`);
  return L.join('\n') + '\n';
}

export async function auditCommand(
  files: string[],
  opts: AuditCliOptions,
  tool: { name: string; version: string },
): Promise<number> {
  const formats = parseFormats(opts.format, !!opts.out);
  const threshold = parseThreshold(opts.failOn ?? 'none');
  if (threshold === undefined)
    throw new InputError(
      `unknown --fail-on '${opts.failOn}' (use critical, high, medium, low, info or none)`,
    );
  if (formats.length && !opts.out && (formats.length > 1 || files.length > 1))
    throw new InputError('writing several reports needs --out DIR');
  let baseline: BaselineFile | undefined;
  if (opts.baseline) {
    const text = await readFile(opts.baseline, 'utf8').catch(() => {
      throw new InputError(`cannot read the baseline file ${opts.baseline}`);
    });
    // Loaded only here: validating a baseline needs zod, which an audit without one does not.
    const { parseBaselineText } = await import('../core/baseline-file.js');
    baseline = parseBaselineText(text);
  }
  const list = (s?: string) =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined;
  const st = (opts.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR)) ? ANSI : PLAIN;
  const progress = process.stderr.isTTY === true && !opts.quiet;
  const toStdout = formats.length === 1 && !opts.out;
  if (opts.out) await mkdir(opts.out, { recursive: true });
  let code: number = EXIT.OK;
  const used = new Set<string>();
  for (const [i, file] of files.entries()) {
    const prefix = files.length > 1 ? `[${i + 1}/${files.length}] ` : '';
    try {
      const bytes = await readArtifact(file);
      const t0 = performance.now();
      const { report } = await auditApk(bytes, basename(file), {
        tool,
        baseline,
        only: list(opts.only),
        skip: list(opts.skip),
        onProgress: progress
          ? (stage) => process.stderr.write(`\r\x1b[2K${prefix}${basename(file)}: ${stage}…`)
          : undefined,
      });
      if (progress) process.stderr.write('\r\x1b[2K');
      const ms = Math.round(performance.now() - t0);
      if (toStdout) process.stdout.write(renderReport(report, formats[0]));
      else {
        process.stdout.write(formatAuditSummary(report, st));
        if (opts.out) {
          const base = reportBase(file, used);
          const written: string[] = [];
          for (const f of formats) {
            const ext = f === 'sarif' ? 'sarif' : f;
            const p = join(opts.out, `${base}.dfslab.${ext}`);
            await writeFile(p, renderReport(report, f));
            written.push(p);
          }
          process.stdout.write(st.dim(`  reports: ${written.join(', ')} (${ms} ms)\n`));
        }
        if (i < files.length - 1) process.stdout.write('\n');
      }
      if (threshold !== 'none' && exceedsThreshold(report.findings, threshold) && code === EXIT.OK)
        code = EXIT.FINDINGS;
    } catch (e) {
      if (progress) process.stderr.write('\r\x1b[2K');
      const d = describeError(e, file);
      process.stderr.write(d.line + '\n');
      if (d.code === EXIT.INTERNAL && process.env.DFSLAB_DEBUG && e instanceof Error)
        process.stderr.write(`${e.stack}\n`);
      code = Math.max(code, d.code);
    }
  }
  return code;
}
