/**
 * dfslab benchmark: `npm run bench -- [--quick] [--runs N] [--only SUBSTRING] [--profile] [--no-shared]`.
 * `npm run bench -- --lab [...]` runs the lab server benchmark instead (bench/lab.ts).
 * `npm run bench -- --audit [...]` runs the audit benchmark instead (bench/audit-bench.ts).
 * Measures, in one run, the floor (read the zip, inflate every entry with node:zlib), dfslab's full
 * `inspect`, its peak memory in a fresh process, and peers (aapt, dexdump, androguard) on the same
 * files. Prints markdown tables on stdout, progress on stderr, and writes bench/out/bench-<date>.json.
 * See bench/README.md for how to read the output.
 */
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { MiB, ROOT, SHARED_APKS, log, parseArgs, readBytes, sharedRows, writeBenchJson } from './common.js';
import { largeApks } from './large.js';
import { runFileBench, type FileResult } from './file-bench.js';
import { formatFileTable, formatBreakdownTable, formatFolderTable, formatProfile } from './report.js';
import { runSharedAggregate } from './shared-bench.js';
import { profileRuns, type ProfileSummary } from './profile.js';
import { inspectOnce } from './measure.js';

const DEFAULT_RUNS = 5;
const RATIO_TARGET = 2;
/** androguard-sized files under this are the "biggest androguard ones" worth a row. */
const ANDROGUARD_PICKS = 3;

type FileSpec = { label: string; path: string; large: boolean };

function interestingFiles(): FileSpec[] {
  const rows = sharedRows();
  const pick = (prefix: string) =>
    rows
      .filter((r) => r.path.startsWith(prefix) && r.path.endsWith('.apk'))
      .map((r) => ({ label: r.path, path: join(SHARED_APKS, r.path), large: false }));
  const androguard = rows
    .filter(
      (r) => r.path.startsWith('androguard/APK/') && !r.path.includes('/apksig/') && r.path.endsWith('.apk'),
    )
    .sort((a, b) => b.size - a.size)
    .slice(0, ANDROGUARD_PICKS)
    .map((r) => ({ label: r.path, path: join(SHARED_APKS, r.path), large: false }));
  const demo = {
    label: 'samples/demo-wallet.apk',
    path: join(ROOT, 'samples', 'demo-wallet.apk'),
    large: false,
  };
  return [...pick('insecurebankv2/'), ...pick('dvba/'), ...pick('ostorlab/'), demo, ...androguard];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--lab') return (await import('./lab.js')).runLabBench(argv.slice(1));
  if (argv[0] === '--audit') return (await import('./audit-bench.js')).runAuditBench(argv.slice(1));
  const args = parseArgs(argv, {
    quick: 'bool',
    runs: 'number',
    only: 'string',
    profile: 'bool',
    'no-shared': 'bool',
  });
  const quick = args.quick === true;
  const runs = typeof args.runs === 'number' ? Math.max(1, Math.floor(args.runs)) : DEFAULT_RUNS;
  const only = typeof args.only === 'string' ? args.only : undefined;
  const matches = (s: string) => only === undefined || s.includes(only);
  const started = new Date();
  log(`dfslab bench: runs=${runs}${quick ? ' quick' : ''}${only ? ` only=${only}` : ''}`);

  const shared =
    args['no-shared'] === true ? undefined : await runSharedAggregate(Math.min(runs, 3), matches);

  const specs: FileSpec[] = [
    ...interestingFiles(),
    ...largeApks(!quick).map((l) => ({ label: l.label, path: l.path, large: true })),
  ].filter((s) => matches(s.label) || matches(s.path));
  const files: FileResult[] = [];
  for (const [i, spec] of specs.entries()) {
    log(`[${i + 1}/${specs.length}] ${spec.label}`);
    files.push(await runFileBench(spec.label, spec.path, { runs, androguard: !quick, large: spec.large }));
  }

  const profiles: ProfileSummary[] = [];
  for (const f of files) {
    const wanted =
      args.profile === true || (f.large && f.ratio !== undefined && f.ratio > RATIO_TARGET && !quick);
    if (!wanted || !f.inspectOk) continue;
    log(`profiling ${f.label} …`);
    const bytes = readBytes(f.path);
    profiles.push(
      await profileRuns(f.label, f.path, Math.max(3, Math.min(runs, 5)), () => inspectOnce(bytes, f.path)),
    );
  }

  const out: string[] = [];
  out.push(`# dfslab bench ${started.toISOString()}`);
  out.push('');
  out.push(
    `node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, ${(totalmem() / MiB / 1024).toFixed(1)} GiB RAM, runs=${runs}`,
  );
  if (shared) {
    out.push('', '## Shared APKs (/work/shared/apks), per folder', '', formatFolderTable(shared));
  }
  if (files.length) {
    out.push('', '## Per file', '', formatFileTable(files));
    out.push(
      '',
      '## dfslab time by part (median run), cold run and peer details',
      '',
      formatBreakdownTable(files),
    );
  }
  for (const p of profiles) out.push('', formatProfile(p));
  process.stdout.write(`${out.join('\n')}\n`);

  writeBenchJson('bench', started, { runs, quick, only, shared, files, profiles });
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
