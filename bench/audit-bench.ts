/**
 * Audit benchmark: `npm run bench -- --audit [--runs N] [--only SUBSTRING] [--profile] [--no-cold] [--large-app] [--androguard]`
 * (or `node --import tsx bench/audit-bench.ts …`).
 * Per file: the floor (inflate every entry) and a full audit interleaved in one process (medians),
 * the slowest checks, and a cold audit in a fresh process under /usr/bin/time -v (wall time
 * including Node start-up, and peak RSS), twice: under tsx (which reports the audit's own ms) and
 * as users run it, the built command `node dist/bin/dfslab.js audit FILE --format json` (run
 * `npm run build` first; the column says when it is missing). `--androguard` also runs androguard's
 * full analysis of each file (AnalyzeAPK plus every method's cross-references; seconds to minutes
 * per APK) and prints the built command's speed-up over it. `--large-app` adds the synthetic 40+-DEX APK
 * (bench/large-app.ts). Markdown on stdout, JSON in bench/out/audit-<date>.json.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BENCH_DIR,
  MiB,
  ROOT,
  SHARED_APKS,
  fmtMs,
  log,
  mdTable,
  parseArgs,
  readBytes,
  writeBenchJson,
} from './common.js';
import { largeApks } from './large.js';
import { largeApp } from './large-app.js';
import { measureAuditPair, profileAudit, type AuditPair } from './audit-measure.js';
import { androguard, runTool, type PeerResult } from './peers.js';
import type { ProfileSummary } from './profile.js';

const DEFAULT_RUNS = 5;
const COLD_TIMEOUT_MS = 300_000;
const PROFILE_RUNS = 5;
const TOP_CHECKS = 8;
/** androguard on the 50 MB app takes minutes; past this it counts as a timeout. */
const ANDROGUARD_TIMEOUT_MS = 30 * 60_000;

type Spec = { label: string; path: string };

type Cold = {
  wallMs: number;
  auditMs?: number;
  maxRss?: number;
  findings?: number;
  ok: boolean;
  /** The built command (`dist/bin/dfslab.js audit`): process wall ms and peak RSS. */
  cli?: { wallMs: number; maxRss?: number; ok: boolean };
};

const BUILT_CLI = join(ROOT, 'dist', 'bin', 'dfslab.js');

type Row = Spec & {
  size: number;
  pair: AuditPair;
  cold?: Cold;
  profile?: ProfileSummary;
  androguard?: PeerResult;
};

function specs(withLargeApp: boolean): Spec[] {
  const out: Spec[] = [
    { label: 'InsecureBankv2', path: join(SHARED_APKS, 'insecurebankv2/InsecureBankv2-release.apk') },
    { label: 'DVBA', path: join(SHARED_APKS, 'dvba/dvba.apk') },
    { label: 'Ostorlab', path: join(SHARED_APKS, 'ostorlab/Ostorlab_insecure_app.apk') },
    ...largeApks(true).map((l) => ({ label: l.label, path: l.path })),
  ];
  if (withLargeApp) {
    const big = largeApp();
    if (big) out.push({ label: 'synthetic large app', path: big });
  }
  return out;
}

async function cold(path: string): Promise<Cold> {
  const r = await runTool(
    process.execPath,
    ['--import', 'tsx', join(BENCH_DIR, 'audit-child.ts'), path],
    COLD_TIMEOUT_MS,
    true,
  );
  try {
    const j = JSON.parse(r.stdoutTail.trim().split('\n').pop() ?? '') as {
      auditMs: number;
      findings: number;
    };
    return {
      wallMs: r.ms,
      auditMs: j.auditMs,
      maxRss: r.maxRss,
      findings: j.findings,
      ok: true,
      cli: await coldCli(path),
    };
  } catch {
    log(`  cold audit failed: ${r.stderrTail.slice(-500)}`);
    return { wallMs: r.ms, maxRss: r.maxRss, ok: false };
  }
}

/** One `dfslab audit FILE --format json` by the built command, as a user runs it. */
async function coldCli(path: string): Promise<Cold['cli']> {
  if (!existsSync(BUILT_CLI)) return undefined;
  const out = mkdtempSync(join(tmpdir(), 'dfslab-bench-'));
  try {
    const r = await runTool(
      process.execPath,
      [BUILT_CLI, 'audit', path, '--format', 'json', '--out', out, '-q'],
      COLD_TIMEOUT_MS,
    );
    const ok = r.exitCode === 0 && !r.timedOut;
    if (!ok) log(`  dfslab audit failed: ${r.stderrTail.slice(-500)}`);
    return { wallMs: r.ms, maxRss: r.maxRss, ok };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function coldCliCell(c: Cold | undefined): string {
  if (!c) return '—';
  if (!c.cli) return 'not built (npm run build)';
  if (!c.cli.ok) return 'failed';
  return `${fmtMs(c.cli.wallMs)}, ${c.cli.maxRss ? (c.cli.maxRss / MiB).toFixed(0) : '—'}`;
}

/**
 * androguard's wall time (its process: Python start-up, AnalyzeAPK, every method's xrefs) and how
 * many times longer it is than the built command's cold process and than the warm audit median.
 */
function androguardCell(r: Row): string {
  const a = r.androguard;
  if (!a) return '—';
  if (!a.ok) return a.timedOut ? `timeout (${fmtMs(a.ms)})` : 'failed';
  const mem = a.maxRss ? `, ${(a.maxRss / MiB).toFixed(0)} MiB` : '';
  const cold = r.cold?.cli?.ok ? `${(a.ms / r.cold.cli.wallMs).toFixed(0)}x cold, ` : '';
  return `${fmtMs(a.ms)}${mem} (${cold}${(a.ms / r.pair.auditMs).toFixed(0)}x warm)`;
}

function report(rows: Row[]): string {
  const out: string[] = [];
  out.push(
    mdTable(
      [
        'file',
        'MB',
        'floor ms',
        'audit ms (warm)',
        'audit / floor',
        'CPU ms floor / audit (ratio)',
        'first audit in process',
        'cold (tsx): audit ms / process wall ms',
        'cold peak MiB',
        'cold `dfslab audit` (built): wall ms, peak MiB',
        'androguard ms, peak MiB (÷ cold built, ÷ warm audit)',
        'findings',
      ],
      rows.map((r) => [
        r.label,
        (r.size / MiB).toFixed(1),
        fmtMs(r.pair.floorMs),
        fmtMs(r.pair.auditMs),
        `${(r.pair.auditMs / r.pair.floorMs).toFixed(1)}x`,
        `${fmtMs(r.pair.floorCpuMs)} / ${fmtMs(r.pair.auditCpuMs)} (${(r.pair.auditCpuMs / r.pair.floorCpuMs).toFixed(1)}x)`,
        fmtMs(r.pair.firstAuditMs),
        r.cold ? `${fmtMs(r.cold.auditMs)} / ${fmtMs(r.cold.wallMs)}` : '—',
        r.cold?.maxRss ? (r.cold.maxRss / MiB).toFixed(0) : '—',
        coldCliCell(r.cold),
        androguardCell(r),
        String(r.pair.findings),
      ]),
    ),
  );
  out.push('', '### Slowest checks (median ms, warm)', '');
  out.push(
    mdTable(
      ['file', ...Array.from({ length: TOP_CHECKS }, (_, i) => `#${i + 1}`)],
      rows.map((r) => [r.label, ...r.pair.checks.slice(0, TOP_CHECKS).map((c) => `${c.id} ${fmtMs(c.ms)}`)]),
    ),
  );
  for (const r of rows) {
    if (!r.profile) continue;
    out.push('', `### Profile: ${r.label} (${fmtMs(r.profile.totalMs)} ms over ${PROFILE_RUNS} audits)`, '');
    out.push(
      mdTable(
        ['self ms', 'share', 'function'],
        r.profile.functions.map((f) => [fmtMs(f.ms), `${(f.share * 100).toFixed(1)} %`, f.name]),
      ),
    );
    out.push('', `\`${r.profile.profile}\``);
  }
  return out.join('\n');
}

export async function runAuditBench(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv, {
    runs: 'number',
    only: 'string',
    profile: 'bool',
    'no-cold': 'bool',
    'large-app': 'bool',
    androguard: 'bool',
  });
  const runs = typeof args.runs === 'number' ? Math.max(1, Math.floor(args.runs)) : DEFAULT_RUNS;
  const only = typeof args.only === 'string' ? args.only.toLowerCase() : undefined;
  const started = new Date();
  const list = specs(args['large-app'] === true).filter(
    (s) => !only || s.label.toLowerCase().includes(only) || s.path.toLowerCase().includes(only),
  );
  const rows: Row[] = [];
  for (const [i, s] of list.entries()) {
    log(`[${i + 1}/${list.length}] ${s.label}: floor vs audit, ${runs} runs …`);
    const bytes = readBytes(s.path);
    const pair = await measureAuditPair(bytes, s.path, runs);
    const row: Row = { ...s, size: bytes.length, pair };
    if (args['no-cold'] !== true) {
      log('  cold audit in a fresh process …');
      row.cold = await cold(s.path);
    }
    if (args.androguard === true) {
      log('  androguard AnalyzeAPK + xrefs …');
      row.androguard = await androguard(s.path, ANDROGUARD_TIMEOUT_MS);
    }
    if (args.profile === true) {
      log('  profiling …');
      row.profile = await profileAudit(s.label, bytes, s.path, PROFILE_RUNS);
    }
    rows.push(row);
  }
  const md = `# dfslab audit bench ${started.toISOString()} (runs=${runs})\n\n${report(rows)}\n`;
  process.stdout.write(md);
  writeBenchJson('audit', started, { runs, rows });
}

if (process.argv[1]?.endsWith('audit-bench.ts')) {
  runAuditBench(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
