/**
 * `--profile`: CPU-profiles warm `inspect` runs of a file and summarises the profile by self time per function and per source file, to show where the time goes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { basename, join, relative } from 'node:path';
import { OUT_DIR, ROOT } from './common.js';

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

export type HotSpot = { name: string; ms: number; share: number };
export type ProfileSummary = {
  file: string;
  profile: string;
  totalMs: number;
  functions: HotSpot[];
  files: HotSpot[];
};

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  return path.startsWith(ROOT) ? relative(ROOT, path) : path ? basename(path) : '(native)';
}

function top(map: Map<string, number>, total: number, n: number): HotSpot[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 }));
}

function projectCaller(parent: Map<number, ProfileNode>, id: number): CallFrame | undefined {
  for (let p = parent.get(id); p; p = parent.get(p.id))
    if (p.callFrame.url.includes(ROOT)) return p.callFrame;
  return undefined;
}

export function summarizeProfile(path: string, n = 20): Omit<ProfileSummary, 'file' | 'profile'> {
  const prof = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, ProfileNode>();
  for (const node of prof.nodes) for (const c of node.children ?? []) parent.set(c, node);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const cf = node.callFrame;
    if (cf.functionName === '(idle)') continue;
    total += us;
    const file = shortUrl(cf.url);
    if (cf.url.startsWith('node:inspector') || parent.get(id)?.callFrame.url.startsWith('node:inspector'))
      continue; // the profiler's own cost
    // native and node-internal frames (hashing, zlib) are named by the project function that called them
    const caller = cf.url.includes(ROOT) ? undefined : projectCaller(parent, id);
    const via = caller ? ` ← ${caller.functionName || '(anonymous)'} ${shortUrl(caller.url)}` : '';
    const fn = `${cf.functionName || '(anonymous)'} ${file}${cf.lineNumber > 0 ? `:${cf.lineNumber + 1}` : ''}${via}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  return { totalMs: total / 1000, functions: top(byFn, total, n), files: top(byFile, total, n) };
}

/**
 * Profiles `runs` warm in-process runs of `fn` with the inspector's CPU profiler (so module
 * loading and JIT warm-up are not in the picture), writes the .cpuprofile under bench/out/prof
 * (open it in Chrome DevTools) and returns the summary.
 */
export async function profileRuns(
  tag: string,
  file: string,
  runs: number,
  fn: () => unknown,
): Promise<ProfileSummary> {
  const dir = join(OUT_DIR, 'prof');
  mkdirSync(dir, { recursive: true });
  await fn(); // warm-up, not profiled
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let i = 0; i < runs; i++) await fn();
    const { profile } = await session.post('Profiler.stop');
    const path = join(dir, `${tag.replace(/[^\w.-]+/g, '_')}.cpuprofile`);
    writeFileSync(path, JSON.stringify(profile));
    return { file, profile: relative(ROOT, path), ...summarizeProfile(path) };
  } finally {
    session.disconnect();
  }
}
