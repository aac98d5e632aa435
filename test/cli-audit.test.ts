/**
 * `dfslab audit` as CI uses it: reports written in every format, exit codes for --fail-on, a
 * baseline that accepts known findings, several APKs in one run with one bad file among them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './helpers.js';

const CLI = join(REPO_ROOT, 'src', 'cli', 'main.ts');
const SAMPLE = join(REPO_ROOT, 'samples', 'demo-wallet.apk');

function dfslab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

type JsonReport = {
  findings: { checkId: string; fingerprint: string; severity: string; suppression?: unknown }[];
  baseline?: { rows: { id: string; status: string }[] };
};

test('audit writes html, sarif and json reports and a summary', () => {
  const out = mkdtempSync(join(tmpdir(), 'dfslab-audit-'));
  const r = dfslab('audit', SAMPLE, '--out', out);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(readdirSync(out).sort(), [
    'demo-wallet.dfslab.html',
    'demo-wallet.dfslab.json',
    'demo-wallet.dfslab.sarif',
  ]);
  assert.match(r.out, /Demo Wallet/);
  assert.match(r.out, /FIGI Android DFS app security baseline/);
  const report = JSON.parse(readFileSync(join(out, 'demo-wallet.dfslab.json'), 'utf8')) as JsonReport;
  assert.ok(report.findings.length > 5, 'the demo wallet has planted weaknesses');
  assert.ok(report.baseline && report.baseline.rows.some((row) => row.status === 'fail'));
  const sarif = JSON.parse(readFileSync(join(out, 'demo-wallet.dfslab.sarif'), 'utf8')) as {
    version: string;
    runs: { results: unknown[] }[];
  };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results.length, report.findings.length);
});

test('--fail-on high exits 1 on a weak app; a baseline accepting every finding makes it 0', () => {
  const failing = dfslab('audit', SAMPLE, '--fail-on', 'high', '--format', 'json');
  assert.equal(failing.code, 1, failing.err);
  const report = JSON.parse(failing.out) as JsonReport;
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-baseline-'));
  const baseline = join(dir, 'baseline.json');
  writeFileSync(
    baseline,
    JSON.stringify({
      version: 1,
      entries: report.findings.map((f) => ({ fingerprint: f.fingerprint, reason: 'accepted for the test' })),
    }),
  );
  const accepted = dfslab('audit', SAMPLE, '--fail-on', 'high', '--baseline', baseline, '--format', 'json');
  assert.equal(accepted.code, 0, accepted.err);
  const again = JSON.parse(accepted.out) as JsonReport;
  assert.ok(
    again.findings.every((f) => f.suppression),
    'findings are kept, marked as accepted',
  );
});

test('several APKs: one bad file is reported in one line, the others are audited, the exit code says so', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-multi-'));
  const bad = join(dir, 'broken.apk');
  writeFileSync(bad, Buffer.from('PK\x03\x04 not really a zip'));
  const r = dfslab('audit', SAMPLE, bad, SAMPLE, '--out', join(dir, 'out'));
  assert.equal(r.code, 3, r.err);
  assert.equal(r.err.trim().split('\n').length, 1);
  assert.match(r.err, /broken\.apk/);
  assert.deepEqual(
    readdirSync(join(dir, 'out'))
      .filter((f) => f.endsWith('.json'))
      .sort(),
    ['demo-wallet-2.dfslab.json', 'demo-wallet.dfslab.json'],
  );
});

test('bad options are usage errors', () => {
  assert.equal(dfslab('audit', SAMPLE, '--format', 'pdf').code, 2);
  assert.equal(dfslab('audit', SAMPLE, '--fail-on', 'severe').code, 2);
  assert.equal(dfslab('audit', SAMPLE, '--baseline', '/nonexistent.json').code, 2);
});
