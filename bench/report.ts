/** Markdown tables for the benchmark's stdout report. */
import { basename } from 'node:path';
import { fmtMiB, fmtMs, fmtRatio, mdTable } from './common.js';
import type { FileResult, PeerSummary } from './file-bench.js';
import type { ProfileSummary } from './profile.js';
import type { SharedResult } from './shared-bench.js';

function peerMs(p: PeerSummary | undefined): string {
  if (!p) return '—';
  if (!p.ok) return `${fmtMs(p.ms)} (${p.note ?? 'failed'})`.replace(/\|/g, '\\|');
  return fmtMs(p.ms);
}

function speedup(r: number | undefined): string {
  return r === undefined || !Number.isFinite(r) ? '—' : `${r.toFixed(1)}x`;
}

export function formatFileTable(files: readonly FileResult[]): string {
  const head = [
    'file',
    'size MiB',
    'entries',
    'DEX',
    'floor ms',
    'dfslab ms',
    'ratio',
    'reader floor ms (entries read)',
    'ratio to reader floor',
    'aapt ms',
    'dexdump ms',
    'androguard ms',
    'speedup vs androguard',
    'audit ms',
    'audit/floor',
    'audit speedup vs androguard',
    'dfslab peak MiB',
    'file + inspect MiB (peak − loaded node)',
    'uncompressed MiB',
    'memory ratio (file + inspect / uncompressed)',
  ];
  const rows = files.map((f) => [
    f.inspectOk ? basename(f.label) : `${basename(f.label)} (inspect: ${f.inspectError ?? 'failed'})`,
    fmtMiB(f.size),
    String(f.entries ?? '—'),
    String(f.dexCount ?? '—'),
    fmtMs(f.floorMs),
    fmtMs(f.dfslabMs),
    fmtRatio(f.ratio),
    f.readerFloorMs === undefined ? '—' : `${fmtMs(f.readerFloorMs)} (${f.readerEntries ?? '—'})`,
    fmtRatio(f.readerRatio),
    peerMs(f.aapt),
    peerMs(f.dexdump),
    peerMs(f.androguard),
    speedup(f.speedupVsAndroguard),
    fmtMs(f.auditMs),
    fmtRatio(f.auditRatio),
    speedup(f.auditSpeedupVsAndroguard),
    fmtMiB(f.peakRss),
    fmtMiB(f.inspectRss),
    fmtMiB(f.uncompressed),
    fmtRatio(f.memRatio),
  ]);
  return mdTable(head, rows);
}

const PARTS = ['zip', 'manifest', 'resources', 'dex', 'signing', 'native', 'hash'];

export function formatBreakdownTable(files: readonly FileResult[]): string {
  const head = [
    'file',
    'floor CPU ms',
    'dfslab CPU ms',
    'CPU ratio',
    ...PARTS.map((p) => `${p} ms`),
    'cold inspect ms',
    'loaded node MiB',
    'node baseline peak MiB (file read, no inspect)',
    'aapt peak MiB',
    'dexdump peak MiB',
    'androguard peak MiB',
    'androguard in-script s (analyze + xrefs)',
  ];
  const rows = files.map((f) => {
    const st = f.androguard?.stats;
    return [
      basename(f.label),
      fmtMs(f.floorCpuMs),
      fmtMs(f.dfslabCpuMs),
      fmtRatio(f.cpuRatio),
      ...PARTS.map((p) => fmtMs(f.timingsMs?.[p])),
      fmtMs(f.coldMs),
      fmtMiB(f.loadedRss),
      fmtMiB(f.baselineRss),
      fmtMiB(f.aapt?.maxRss),
      fmtMiB(f.dexdump?.maxRss),
      fmtMiB(f.androguard?.maxRss),
      st ? `${st.analyzeS.toFixed(2)} + ${st.xrefsS.toFixed(2)}` : '—',
    ];
  });
  return mdTable(head, rows);
}

export function formatFolderTable(s: SharedResult): string {
  const head = ['folder', 'files', 'MiB', 'floor ms', 'dfslab ms', 'ratio', 'ok', 'typed errors', 'crashes'];
  const row = (f: SharedResult['total']) => [
    f.folder,
    String(f.files),
    fmtMiB(f.bytes),
    fmtMs(f.floorMs),
    fmtMs(f.dfslabMs),
    fmtRatio(f.floorMs > 0 ? f.dfslabMs / f.floorMs : undefined),
    String(f.ok),
    String(f.typedErrors),
    String(f.crashes),
  ];
  const out = [mdTable(head, [...s.folders.map(row), row({ ...s.total, folder: '**total**' })])];
  out.push('', `Times are sums of per-file medians of ${s.runs} runs. Slowest files (dfslab ms / floor ms):`);
  for (const f of s.slowest) out.push(`- ${f.path}: ${fmtMs(f.dfslabMs)} / ${fmtMs(f.floorMs)}`);
  if (s.crashes.length) {
    out.push('', `**${s.crashes.length} crash(es)** (non-typed exceptions from inspect):`);
    for (const c of s.crashes) out.push(`- ${c.path}: ${c.error.split('\n').slice(0, 4).join(' / ')}`);
  }
  return out.join('\n');
}

export function formatProfile(p: ProfileSummary): string {
  const out = [`## Profile: ${basename(p.file)} (${fmtMs(p.totalMs)} ms sampled, ${p.profile})`, ''];
  out.push(
    mdTable(
      ['self ms', 'share', 'function'],
      p.functions.map((h) => [fmtMs(h.ms), `${(h.share * 100).toFixed(1)}%`, `\`${h.name}\``]),
    ),
  );
  out.push('');
  out.push(
    mdTable(
      ['self ms', 'share', 'source file'],
      p.files.map((h) => [fmtMs(h.ms), `${(h.share * 100).toFixed(1)}%`, `\`${h.name}\``]),
    ),
  );
  return out.join('\n');
}
