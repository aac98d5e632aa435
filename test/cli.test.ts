/**
 * The command-line contract: help, facts for a person and as JSON, and for bad input one clear
 * line on stderr with a non-zero exit code — never a stack trace.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, SHARED_APKS, requireShared } from './helpers.js';

const CLI = join(REPO_ROOT, 'src', 'cli', 'main.ts');

function dfslab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DFSLAB_DEBUG: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function assertOneCleanLine(err: string) {
  const lines = err.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${err}`);
  assert.match(lines[0], /^dfslab: /);
  assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
}

test('--help lists the inspect command', () => {
  const r = dfslab('--help');
  assert.equal(r.code, 0);
  assert.match(r.out, /inspect/);
});

test('an unknown command is a usage error (exit 2)', () => {
  const r = dfslab('frobnicate');
  assert.equal(r.code, 2);
});

test('a missing file: one line, exit 2', () => {
  const r = dfslab('inspect', '/nonexistent/app.apk');
  assert.equal(r.code, 2);
  assertOneCleanLine(r.err);
  assert.match(r.err, /no such file/);
});

test('a directory: one line, exit 2', () => {
  const r = dfslab('inspect', tmpdir());
  assert.equal(r.code, 2);
  assertOneCleanLine(r.err);
});

for (const [name, bytes] of [
  ['empty.apk', Buffer.alloc(0)],
  ['text.apk', Buffer.from('this is not a zip file at all\n'.repeat(10))],
  ['truncated-zip.apk', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00])],
  ['truncated-dex.dex', Buffer.from('dex\n035\0', 'latin1')],
] as const) {
  test(`a malformed file (${name}): one line, non-zero exit, no stack`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfslab-cli-'));
    const p = join(dir, name);
    writeFileSync(p, bytes);
    const r = dfslab('inspect', p);
    assert.ok(r.code === 2 || r.code === 3, `exit code ${r.code}: ${r.err}`);
    assertOneCleanLine(r.err);
  });
}

test('inspect prints grouped facts of a real APK, and --json the same facts', (t) => {
  if (!requireShared(t)) return;
  const apk = join(SHARED_APKS, 'insecurebankv2', readdirApk('insecurebankv2'));
  const text = dfslab('inspect', apk);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /com\.android\.insecurebankv2/);
  for (const heading of ['Manifest', 'Components', 'DEX', 'Signing'])
    assert.match(text.out, new RegExp(`^${heading}`, 'm'));
  const json = dfslab('inspect', apk, '--json');
  assert.equal(json.code, 0, json.err);
  const facts = JSON.parse(json.out) as { kind: string; manifest: { package: string }; dex: unknown[] };
  assert.equal(facts.kind, 'apk');
  assert.equal(facts.manifest.package, 'com.android.insecurebankv2');
  assert.ok(facts.dex.length >= 1);
});

test('inspect reads a loose DEX file', (t) => {
  if (!requireShared(t)) return;
  const r = dfslab('inspect', join(SHARED_APKS, 'androguard', 'APK', 'Test.dex'), '--json');
  assert.equal(r.code, 0, r.err);
  const facts = JSON.parse(r.out) as { kind: string; dex: { classes: number } };
  assert.equal(facts.kind, 'dex');
  assert.ok(facts.dex.classes >= 1);
});

function readdirApk(folder: string): string {
  const tsv = readFileSync(join(SHARED_APKS, 'MANIFEST.tsv'), 'utf8');
  const row = tsv.split('\n').find((l) => l.startsWith(`${folder}/`) && l.split('\t')[0].endsWith('.apk'));
  assert.ok(row, `no APK under ${folder}`);
  return row.split('\t')[0].slice(folder.length + 1);
}
