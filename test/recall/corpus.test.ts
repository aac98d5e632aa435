/**
 * Precision and robustness over every shared APK (androguard, apksig vectors, DroidBench, the real
 * apps): no check may throw; checks whose facts a reference tool states must agree with it where
 * the app is clean (apksigner's verdict from MANIFEST.tsv, aapt's debuggable flag); and a table of
 * finding counts per check is printed to spot noisy checks (docs/recall.md discusses it).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { isDfslabError } from '../../src/core/errors.js';
import type { Finding } from '../../src/core/findings.js';
import { ANDROID_CHECKS } from '../../src/android/checks/index.js';
import { auditBytes } from '../../src/android/testing/check-harness.js';
import { hasTool, IN_CI, requireShared, sharedApks, type SharedFile } from '../helpers.js';

type Row = { file: SharedFile; group: string; findings: Finding[] };

function groupOf(path: string): string {
  if (path.startsWith('androguard/APK/apksig/')) return 'apksig';
  if (path.startsWith('androguard/')) return 'androguard';
  if (path.startsWith('droidbench/')) return 'droidbench';
  return 'real apps';
}

const GROUPS = ['apksig', 'androguard', 'droidbench', 'real apps'];

type Corpus = { rows: Row[]; unopened: string[]; errors: string[]; changedInput: string[]; ms: number };

let corpus: Promise<Corpus> | undefined;

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Audits every shared APK once (about 20 s on two cores). */
function auditCorpus(): Promise<Corpus> {
  corpus ??= (async () => {
    const t0 = performance.now();
    const rows: Row[] = [];
    const unopened: string[] = [];
    const errors: string[] = [];
    const changedInput: string[] = [];
    for (const file of sharedApks()) {
      // A Buffer, as the CLI and the lab read files: its slice() is a view, not a copy.
      const bytes = readFileSync(file.abs);
      const before = sha256(bytes);
      try {
        const r = await auditBytes(bytes, [...ANDROID_CHECKS]);
        rows.push({ file, group: groupOf(file.path), findings: r.findings });
        for (const e of r.errors) errors.push(`${file.path}: ${e}`);
      } catch (e) {
        // The APK does not open (broken zip on purpose): fine if the reader says so cleanly.
        if (!isDfslabError(e)) errors.push(`${file.path}: Apk.open threw ${String(e)}`);
        unopened.push(file.path);
      }
      if (sha256(bytes) !== before) changedInput.push(file.path);
    }
    return { rows, unopened, errors, changedInput, ms: performance.now() - t0 };
  })();
  return corpus;
}

test('corpus: the audit never writes into the bytes it was given', async (t) => {
  if (!requireShared(t)) return;
  const { rows, changedInput } = await auditCorpus();
  assert.ok(rows.length >= 500, `only ${rows.length} shared APKs opened`);
  // Reports name the file by its SHA-256, taken after parsing: a parser that patches its input
  // (e.g. the EOCD copy for the v2 digest made with Buffer#slice) would make it lie.
  assert.deepEqual(changedInput, [], 'APKs whose bytes changed during the audit');
});

test('corpus: no check throws on any shared APK; finding counts per check', async (t) => {
  if (!requireShared(t)) return;
  const { rows, unopened, errors, ms } = await auditCorpus();
  assert.deepEqual(errors, [], 'engine errors');
  assert.ok(rows.length >= 500, `only ${rows.length} shared APKs opened`);
  t.diagnostic(
    `${rows.length} APKs audited with ${ANDROID_CHECKS.length} checks in ${(ms / 1000).toFixed(1)} s; ${unopened.length} do not open: ${unopened.join(', ')}`,
  );
  const size = new Map(GROUPS.map((g) => [g, rows.filter((r) => r.group === g).length]));
  t.diagnostic(
    `check            | APKs with a finding: ${GROUPS.map((g) => `${g} (${size.get(g)})`).join(' | ')} | findings`,
  );
  for (const c of ANDROID_CHECKS) {
    const per = GROUPS.map(
      (g) => rows.filter((r) => r.group === g && r.findings.some((f) => f.checkId === c.id)).length,
    );
    const total = rows.reduce((n, r) => n + r.findings.filter((f) => f.checkId === c.id).length, 0);
    t.diagnostic(`${c.id.padEnd(18)} | ${per.map((n) => String(n).padStart(4)).join(' | ')} | ${total}`);
  }
});

test('corpus precision: where apksigner verifies an APK, the signing checks stay silent', async (t) => {
  if (!requireShared(t)) return;
  const { rows } = await auditCorpus();
  const noisy: string[] = [];
  let verified = 0;
  for (const r of rows) {
    const verdict = r.file.apksignerDefault;
    if (!verdict.startsWith('verifies(')) continue;
    verified++;
    // apksigner (default policy: the APK's own minSdk) accepts it: "does not verify" is wrong.
    for (const f of r.findings)
      if (f.checkId === 'AND-SIGN-004')
        noisy.push(`${r.file.path} (${verdict}): ${f.messageId}: ${f.message.slice(0, 100)}`);
    // It verifies with v2 or v3: it is not a v1-only APK.
    if (/v2|v3/.test(verdict))
      for (const f of r.findings)
        if (f.checkId === 'AND-SIGN-002') noisy.push(`${r.file.path} (${verdict}): ${f.messageId}`);
  }
  t.diagnostic(`${verified} APKs verify with apksigner's default policy`);
  assert.ok(verified > 300);
  assert.deepEqual(noisy, []);
});

const exec = promisify(execFile);

async function aaptDebuggable(path: string): Promise<boolean | undefined> {
  try {
    const { stdout } = await exec('aapt', ['dump', 'badging', path], { maxBuffer: 64 * 1024 * 1024 });
    return /^application-debuggable/m.test(stdout);
  } catch {
    return undefined; // aapt cannot read it (a few androguard files): no oracle
  }
}

test('corpus precision and recall: AND-MANIFEST-001 agrees with aapt on android:debuggable', async (t) => {
  if (!requireShared(t)) return;
  if (!hasTool('aapt')) {
    if (IN_CI) throw new Error('aapt is missing');
    t.skip('aapt not installed');
    return;
  }
  const { rows } = await auditCorpus();
  const disagree: string[] = [];
  let compared = 0;
  // Two aapt processes at a time.
  for (let i = 0; i < rows.length; i += 2) {
    const pair = rows.slice(i, i + 2);
    const verdicts = await Promise.all(pair.map((r) => aaptDebuggable(r.file.abs)));
    pair.forEach((r, k) => {
      const aapt = verdicts[k];
      if (aapt === undefined) return;
      compared++;
      const ours = r.findings.some((f) => f.checkId === 'AND-MANIFEST-001');
      if (ours !== aapt)
        disagree.push(
          `${r.file.path}: aapt debuggable=${aapt}, AND-MANIFEST-001 ${ours ? 'reports' : 'silent'}`,
        );
    });
  }
  t.diagnostic(`compared ${compared} APKs with aapt`);
  assert.ok(compared > 400);
  assert.deepEqual(disagree, []);
});
