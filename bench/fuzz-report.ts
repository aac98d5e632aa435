/** Bookkeeping and the markdown report of the fuzz campaign. */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, fmtMs, mdTable } from './common.js';
import type { PoolResult } from './fuzz-pool.js';
import type { Mutant } from './fuzz-mutate.js';
import type { Format } from './fuzz-seeds.js';

/** Inputs saved per distinct crash signature (the rest are counted only). */
const SAVE_PER_SIGNATURE = 5;
const STACK_LINES = 12;

export type Finding = {
  signature: string;
  kind: 'crash' | 'hang';
  count: number;
  saved: string[];
  first: { index: number; seedName: string; ops: string[]; stack: string; ms: number };
};

export type FormatStats = {
  format: Format;
  seeds: number;
  mutants: number;
  ok: number;
  typed: number;
  crashes: number;
  hangs: number;
  maxMs: number;
  totalMs: number;
  wallMs: number;
  slowest: { ms: number; seedName: string; ops: string[]; index: number };
  findings: Map<string, Finding>;
};

export function newStats(format: Format, seeds: number): FormatStats {
  return {
    format,
    seeds,
    mutants: 0,
    ok: 0,
    typed: 0,
    crashes: 0,
    hangs: 0,
    maxMs: 0,
    totalMs: 0,
    wallMs: 0,
    slowest: { ms: -1, seedName: '', ops: [], index: -1 },
    findings: new Map(),
  };
}

/** Where the error was thrown: the first stack frame inside the project (else the first frame). */
function topFrame(stack: string): string {
  const frames = stack.split('\n').filter((l) => /^\s+at /.test(l));
  const own = frames.find((l) => l.includes('/src/')) ?? frames[0] ?? '';
  return own
    .trim()
    .replace(/^at /, '')
    .replace(/file:\/\/\S*?\/src\//, 'src/')
    .replace(/:\d+\)?$/, ')');
}

export function recordFinding(
  stats: FormatStats,
  dir: string,
  format: Format,
  index: number,
  m: Mutant,
  r: PoolResult,
): void {
  const isHang = r.status === 'hang';
  if (isHang) stats.hangs++;
  else stats.crashes++;
  const stack =
    r.status === 'crash' && r.error
      ? r.error.stack
      : `no answer within the timeout (${fmtMs(r.ms)} ms on the retry)`;
  const head =
    r.status === 'crash' && r.error
      ? `${r.error.name}: ${r.error.message.replace(/\d+/g, 'N').slice(0, 120)}`
      : 'hang';
  const signature = `${head} @ ${isHang ? m.seedName : topFrame(stack)}`;
  let f = stats.findings.get(signature);
  if (!f) {
    f = {
      signature,
      kind: isHang ? 'hang' : 'crash',
      count: 0,
      saved: [],
      first: { index, seedName: m.seedName, ops: m.ops, stack, ms: r.ms },
    };
    stats.findings.set(signature, f);
  }
  f.count++;
  if (f.saved.length >= SAVE_PER_SIGNATURE) return;
  const hash = createHash('sha1').update(m.bytes).digest('hex').slice(0, 16);
  const fdir = join(dir, format);
  mkdirSync(fdir, { recursive: true });
  const bin = join(fdir, `${hash}.bin`);
  if (f.saved.includes(relative(ROOT, bin))) return;
  writeFileSync(bin, m.bytes);
  writeFileSync(
    join(fdir, `${hash}.txt`),
    [
      `format: ${format}`,
      `kind: ${f.kind}`,
      `mutant index: ${index}`,
      `seed file: ${m.seedName}`,
      `mutations: ${m.ops.join(' ; ')}`,
      `ms: ${fmtMs(r.ms)}`,
      '',
      stack,
      '',
    ].join('\n'),
  );
  f.saved.push(relative(ROOT, bin));
}

export type RunInfo = { seed: number; perFormat: number; timeoutMs: number; workers: number; started: Date };

export function fuzzReport(all: readonly FormatStats[], info: RunInfo): string {
  const out: string[] = [];
  out.push(`# dfslab fuzz campaign ${info.started.toISOString()}`, '');
  out.push(
    `seed ${info.seed}, ${info.perFormat} mutants per format, timeout ${info.timeoutMs} ms (retried once at 4x), ${info.workers} workers, node ${process.version}`,
    '',
  );
  const rows = all.map((s) => [
    s.format,
    String(s.seeds),
    String(s.mutants),
    String(s.typed),
    String(s.ok),
    String(s.crashes),
    String(s.hangs),
    fmtMs(s.maxMs),
    fmtMs(s.mutants ? s.totalMs / s.mutants : undefined),
    `${(s.wallMs / 1000).toFixed(0)}`,
  ]);
  out.push(
    mdTable(
      [
        'format',
        'seeds',
        'mutants',
        'typed errors',
        'successes',
        'crashes',
        'hangs',
        'max ms',
        'mean ms',
        'wall s',
      ],
      rows,
    ),
  );
  out.push('', '## Slowest mutant per format', '');
  for (const s of all)
    out.push(
      `- ${s.format}: ${fmtMs(s.slowest.ms)} ms — mutant #${s.slowest.index} of \`${s.slowest.seedName}\` (${s.slowest.ops.join(' ; ')})`,
    );
  const findings = all.flatMap((s) => [...s.findings.values()].map((f) => ({ format: s.format, f })));
  out.push('', `## Findings (${findings.length} distinct)`, '');
  if (findings.length === 0) out.push('No crash and no hang.');
  for (const { format, f } of findings) {
    out.push(`### ${format}: ${f.kind} × ${f.count} — \`${f.signature}\``, '');
    out.push(
      `- first: mutant #${f.first.index} of \`${f.first.seedName}\`; mutations: ${f.first.ops.join(' ; ')}`,
    );
    out.push(`- saved: ${f.saved.map((p) => `\`${p}\``).join(', ')}`, '');
    out.push('```', ...f.first.stack.split('\n').slice(0, STACK_LINES), '```', '');
  }
  return out.join('\n');
}
