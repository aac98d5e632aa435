/**
 * The published package works: `npm pack` the project, install the tarball (production
 * dependencies only) into an empty folder, and run the installed `dfslab` binary on the bundled
 * demo app. Also checks what ships: compiled JavaScript and .d.ts, no TypeScript sources, no
 * tests, no devDependencies. Needs the npm registry for the runtime dependencies.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
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
  version: string;
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

const BIN = 'dist/bin/dfslab.js';

test('npm pack → npm install → dfslab runs on the demo app', { timeout: 600_000 }, async (t) => {
  if (!requireTool(t, 'npm')) return;
  if (!existsSync(join(REPO_ROOT, BIN)) || !existsSync(join(REPO_ROOT, 'dist/web/index.html'))) {
    const b = runTool('npm', ['run', 'build', '--prefix', REPO_ROOT], { timeoutMs: 300_000 });
    assert.equal(b.status, 0, `build failed:\n${b.out}${b.err}`);
  }
  assert.ok(existsSync(join(REPO_ROOT, BIN)), `${BIN} (the bundled command) was not built`);

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
  const version = runInDir(app, bin, ['--version']);
  assert.equal(version.out.trim(), PKG.version, 'the bundled command reads the installed package.json');
  const inspect = runInDir(app, bin, ['inspect', SAMPLE]);
  assert.equal(inspect.status, 0, `dfslab inspect failed:\n${inspect.err}`);
  assert.match(inspect.out, /org\.dfslab\.demo\.wallet/);
  const out = mkdir(join(dir, 'reports'));
  const audit = runInDir(app, bin, ['audit', SAMPLE, '--format', 'json', '--out', out, '-q']);
  assert.equal(audit.status, 0, `dfslab audit failed:\n${audit.err}`);
  const cliReport = JSON.parse(readFileSync(join(out, 'demo-wallet.dfslab.json'), 'utf8')) as {
    findings: { fingerprint: string }[];
  };
  // The library entry point: an audit through `import 'dfslab'`, rendered as SARIF.
  const lib = runInDir(app, process.execPath, [
    '--input-type=module',
    '-e',
    `import { readFileSync } from 'node:fs';
     import { auditApk, renderSarif } from 'dfslab';
     const { report } = await auditApk(readFileSync(${JSON.stringify(SAMPLE)}), 'demo.apk', { tool: { name: 't', version: '1' } });
     const sarif = JSON.parse(renderSarif(report));
     console.log(sarif.version, sarif.runs[0].results.length, report.findings.map((f) => f.fingerprint).join(','));`,
  ]);
  assert.equal(lib.status, 0, `import('dfslab') failed:\n${lib.err}`);
  const [sarifVersion, results, fingerprints] = lib.out.trim().split(' ');
  assert.equal(sarifVersion, '2.1.0');
  assert.ok(Number(results) > 0, lib.out);
  // The bundled command and the unbundled library find exactly the same things.
  assert.deepEqual(
    cliReport.findings.map((f) => f.fingerprint),
    fingerprints.split(','),
  );
  // The lab server from the bundled command: its lazily loaded chunk, the external packages it
  // imports from node_modules (PGlite, Hono, pg-boss, argon2) and the web UI it finds on disk.
  await checkServe(app, bin, mkdir(join(dir, 'lab-data')));

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
  assert.ok(files.includes(BIN));
  assert.ok(files.includes('dist/web/index.html'), 'the web UI is not in the package');
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

/** Starts `dfslab serve` on a free port, reads the UI and the API description, stops it. */
async function checkServe(cwd: string, bin: string, data: string): Promise<void> {
  const child = spawn(bin, ['serve', '--port', '0', '--data', data], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(
        () => reject(new Error(`dfslab serve did not start:\n${stdout}${stderr}`)),
        120_000,
      );
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(stdout);
        if (!m) return;
        clearTimeout(timer);
        resolve(m[1]);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`dfslab serve exited (${code}):\n${stdout}${stderr}`));
      });
    });
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /dfslab/i);
    const api = await fetch(`${url}/api/openapi.json`);
    assert.equal(api.status, 200);
    const doc = (await api.json()) as { openapi?: string };
    assert.match(doc.openapi ?? '', /^3\.1/);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((res) => child.once('exit', res));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

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
