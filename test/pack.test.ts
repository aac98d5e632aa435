/**
 * The published package works: `npm pack` the project, install the tarball (production
 * dependencies only) into an empty folder, and run the installed `dfslab` binary on the bundled
 * demo app. Also checks what ships: compiled JavaScript and .d.ts, no TypeScript sources, no
 * tests, no devDependencies. Needs the npm registry for the runtime dependencies.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT, requireTool, runTool } from './helpers.js';

const SAMPLE = join(REPO_ROOT, 'samples/demo-wallet.apk');
const PKG = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  devDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
};

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfslab-pack-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function walk(root: string, out: string[] = []): string[] {
  for (const name of readdirSync(root)) {
    const p = join(root, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

test('npm pack → npm install → dfslab runs on the demo app', { timeout: 600_000 }, (t) => {
  if (!requireTool(t, 'npm')) return;
  if (!existsSync(join(REPO_ROOT, 'dist/cli/main.js'))) {
    const b = runTool('npx', ['tsc', '-p', join(REPO_ROOT, 'tsconfig.build.json')], { timeoutMs: 300_000 });
    assert.equal(b.status, 0, `build failed:\n${b.out}${b.err}`);
  }
  assert.ok(existsSync(join(REPO_ROOT, 'dist/cli/main.js')), 'dist/cli/main.js (the bin) was not built');

  const packDir = join(dir, 'pack');
  const pack = runTool('npm', ['pack', '--json', '--pack-destination', mkdir(packDir), REPO_ROOT], {
    timeoutMs: 300_000,
  });
  assert.equal(pack.status, 0, `npm pack failed:\n${pack.err}`);
  const [{ filename }] = JSON.parse(pack.out) as { filename: string }[];
  const tgz = join(packDir, filename);
  assert.ok(existsSync(tgz), `${tgz} missing`);

  const app = mkdir(join(dir, 'app'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'dfslab-pack-test', private: true }));
  const install = runInDir(app, 'npm', ['install', '--no-audit', '--no-fund', '--omit=dev', tgz]);
  assert.equal(install.status, 0, `npm install failed:\n${install.err}`);

  const bin = join(app, 'node_modules/.bin/dfslab');
  assert.ok(existsSync(bin), 'node_modules/.bin/dfslab is missing');
  const help = runInDir(app, bin, ['--help']);
  assert.equal(help.status, 0, `dfslab --help failed:\n${help.err}`);
  assert.match(help.out, /inspect/);
  const inspect = runInDir(app, bin, ['inspect', SAMPLE]);
  assert.equal(inspect.status, 0, `dfslab inspect failed:\n${inspect.err}`);
  assert.match(inspect.out, /org\.dfslab\.demo\.wallet/);
  // The library entry point: an audit through `import 'dfslab'`, rendered as SARIF.
  const lib = runInDir(app, process.execPath, [
    '--input-type=module',
    '-e',
    `import { readFileSync } from 'node:fs';
     import { auditApk, renderSarif } from 'dfslab';
     const { report } = await auditApk(readFileSync(${JSON.stringify(SAMPLE)}), 'demo.apk', { tool: { name: 't', version: '1' } });
     const sarif = JSON.parse(renderSarif(report));
     console.log(sarif.version, sarif.runs[0].results.length);`,
  ]);
  assert.equal(lib.status, 0, `import('dfslab') failed:\n${lib.err}`);
  const [version, results] = lib.out.trim().split(' ');
  assert.equal(version, '2.1.0');
  assert.ok(Number(results) > 0, lib.out);

  // What ships.
  const installed = join(app, 'node_modules', PKG.name);
  const files = walk(installed).map((f) => relative(installed, f));
  const ts = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  assert.deepEqual(ts, [], 'TypeScript sources were published');
  assert.deepEqual(
    files.filter((f) => /\.test\.(js|d\.ts)$/.test(f) || f.includes('/testing/')),
    [],
    'tests or test helpers were published',
  );
  assert.ok(files.includes('dist/cli/main.js'));
  assert.ok(files.includes('LICENSE'), 'LICENSE is not in the package');
  assert.ok(files.includes('samples/demo-wallet.apk'), 'the demo app is not in the package');
  assert.ok(
    !files.some((f) => f.startsWith('samples/demo-wallet/')),
    'the demo sources (and test key) were published',
  );
  const dev = Object.keys(PKG.devDependencies ?? {}).filter((d) => existsSync(join(app, 'node_modules', d)));
  assert.deepEqual(dev, [], 'devDependencies were installed');
  for (const d of Object.keys(PKG.dependencies ?? {})) {
    assert.ok(existsSync(join(app, 'node_modules', d)), `dependency ${d} was not installed`);
  }
});

function mkdir(p: string): string {
  mkdirSync(p, { recursive: true });
  return p;
}

/** Runs a command in `cwd`, never throwing on a non-zero exit. */
function runInDir(cwd: string, cmd: string, args: string[]): { status: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 480_000 });
  return {
    status: r.status ?? -1,
    out: r.stdout ?? '',
    err: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`,
  };
}
