#!/usr/bin/env node
// Runs the whole suite: lint, type-check, format check, build, then node's test runner over every
// *.test.ts in src/ and test/. `--fast` skips lint/type/format/build (for the edit-test loop).
// Node 20 does not expand globs for --test, so we list the files ourselves.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const only = args.filter((a) => !a.startsWith('--'));

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${cmdArgs.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const s = statSync(p);
    if (s.isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

if (!fast) {
  run('npx', ['eslint', '.']);
  run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  run('npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  run('npx', ['tsc', '-p', 'tsconfig.build.json']);
  run('node', ['scripts/bundle-cli.mjs']); // the `dfslab` command the pack test installs
}

// A real PostgreSQL for the lab tests: started here (scripts/pg-test-server.sh) unless the caller
// gave one; in CI a missing server fails those tests instead of skipping them.
let startedPg = false;
if (!process.env.DFSLAB_TEST_DATABASE_URL) {
  const pg = spawnSync('bash', ['scripts/pg-test-server.sh', 'start'], { encoding: 'utf8' });
  if (pg.status === 0 && pg.stdout.trim()) {
    process.env.DFSLAB_TEST_DATABASE_URL = pg.stdout.trim().split('\n').pop();
    startedPg = true;
  } else if (process.env.CI) {
    console.error(`PostgreSQL test server did not start: ${pg.stderr}`);
  }
}

let files = [...walk('src', []), ...walk('test', [])].sort();
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
// The PostgreSQL test server is left running: another test run may be using it (stop it with
// `bash scripts/pg-test-server.sh stop`).
void startedPg;
process.exit(r.status ?? 1);
