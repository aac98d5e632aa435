/**
 * The aggregate over every file in /work/shared/apks: floor and inspect medians per file, summed
 * per folder. Inspect outcomes are counted: ok, refused with a typed error, or crashed (a bug).
 */
import { join } from 'node:path';
import { folderOf, log, readBytes, sharedRows, SHARED_APKS } from './common.js';
import { floorOnce, inspectOnce, measurePair } from './measure.js';

export type FolderResult = {
  folder: string;
  files: number;
  bytes: number;
  floorMs: number;
  dfslabMs: number;
  ok: number;
  typedErrors: number;
  crashes: number;
};

export type SharedResult = {
  runs: number;
  total: FolderResult;
  folders: FolderResult[];
  crashes: { path: string; error: string }[];
  slowest: { path: string; dfslabMs: number; floorMs: number }[];
};

const SLOWEST = 5;

function empty(folder: string): FolderResult {
  return { folder, files: 0, bytes: 0, floorMs: 0, dfslabMs: 0, ok: 0, typedErrors: 0, crashes: 0 };
}

async function safeWarm(bytes: Uint8Array, name: string): Promise<void> {
  try {
    floorOnce(bytes);
  } catch {
    // unreadable zip: the floor row will show it
  }
  try {
    await inspectOnce(bytes, name);
  } catch {
    // counted in the measured pass
  }
}

export async function runSharedAggregate(
  runs: number,
  matches: (s: string) => boolean,
): Promise<SharedResult> {
  const rows = sharedRows().filter(
    (r) => (r.path.endsWith('.apk') || r.path.endsWith('.dex')) && matches(r.path),
  );
  log(`shared APKs: ${rows.length} files, warm-up pass …`);
  const files = rows.map((r) => ({ path: r.path, bytes: readBytes(join(SHARED_APKS, r.path)) }));
  for (const f of files) await safeWarm(f.bytes, f.path);
  log(`shared APKs: measuring (${runs} runs each) …`);
  const byFolder = new Map<string, FolderResult>();
  const total = empty('all');
  const crashes: SharedResult['crashes'] = [];
  const perFile: SharedResult['slowest'] = [];
  for (const [i, f] of files.entries()) {
    if (i % 100 === 0) log(`  ${i}/${files.length}`);
    const folder = folderOf(f.path);
    const acc = byFolder.get(folder) ?? empty(folder);
    byFolder.set(folder, acc);
    let floorMs = 0;
    let dfslabMs = 0;
    let status: 'ok' | 'typed' | 'crash';
    try {
      const p = await measurePair(f.bytes, f.path, runs, false, false);
      floorMs = p.floorMs;
      dfslabMs = p.dfslabMs;
      status = p.outcome.ok ? 'ok' : 'typed';
    } catch (e) {
      status = 'crash';
      crashes.push({ path: f.path, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
    perFile.push({ path: f.path, dfslabMs, floorMs });
    for (const a of [acc, total]) {
      a.files++;
      a.bytes += f.bytes.length;
      a.floorMs += floorMs;
      a.dfslabMs += dfslabMs;
      if (status === 'ok') a.ok++;
      else if (status === 'typed') a.typedErrors++;
      else a.crashes++;
    }
  }
  const folders = [...byFolder.values()].sort((a, b) => a.folder.localeCompare(b.folder));
  const slowest = perFile.sort((a, b) => b.dfslabMs - a.dfslabMs).slice(0, SLOWEST);
  return { runs, total, folders, crashes, slowest };
}
