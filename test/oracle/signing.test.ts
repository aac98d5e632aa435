/**
 * Oracle: verifyApkSignatures against apksig's ApkVerifier (the library `apksigner verify` runs),
 * over every shared APK, once with the minSdk from the manifest (as `apksigner verify` does) and
 * once more for the apksig vectors with minSdk 24 (v1 no longer needed) and with maxSdk 27 (v3
 * ignored). Compared: the overall verdict, the per-scheme "Verified using vN scheme" lines and
 * the signer certificate SHA-256 digests ("Signer #n certificate SHA-256 digest").
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, it } from 'node:test';
import { isDfslabError } from '../../src/core/errors.js';
import { verifyApkSignatures } from '../../src/android/signing/index.js';
import type { SigningReport } from '../../src/android/signing/index.js';
import { readZip } from '../../src/android/zip/read.js';
import { requireShared, requireTool, sharedApks } from '../helpers.js';
import { apksigJar, runApksigOracle } from '../signing-helpers.js';
import type { OracleRow } from '../signing-helpers.js';

type Outcome = { report?: SigningReport; error?: unknown };

function ours(path: string, row: OracleRow, minSdk?: number, maxSdk?: number): Outcome {
  const bytes = readFileSync(path);
  try {
    const zip = readZip(bytes);
    return {
      report: verifyApkSignatures(bytes, zip, {
        minSdkVersion: minSdk ?? row.minSdk ?? 1,
        maxSdkVersion: maxSdk,
        targetSdkVersion: row.targetSdk,
        targetSandboxVersion: row.sandbox,
      }),
    };
  } catch (error) {
    return { error };
  }
}

/**
 * Files apksig cannot judge, each with why; ours is checked another way.
 * - RSA-PSS vectors: the JDK 17 provider has no "SHA256withRSA/PSS" (apksig expects Bouncy Castle /
 *   Conscrypt names) so apksig throws NoSuchAlgorithmException; ours must verify them unless the
 *   file name says the signature does not verify.
 * - "Missing AndroidManifest.xml": apksig reads the manifest for its target-sandbox check and throws;
 *   ours has no manifest input and still judges the signatures.
 * - "not a ZIP archive": our zip reader must refuse them with a typed error too.
 */
function judgeException(row: OracleRow, o: Outcome, maxSdk?: number): string | undefined {
  const name = basename(row.path);
  const ex = row.exception ?? '';
  if (ex.includes('NoSuchAlgorithmException') && ex.includes('PSS')) {
    // v2-only vectors: they verify only when the range needs no v1 (minSdk >= 24).
    const expected = !name.includes('does-not-verify') && (row.minSdk ?? 1) >= 24 && (maxSdk ?? 24) >= 24;
    return o.report?.verified === expected
      ? undefined
      : `${name}: RSA-PSS vector, expected verified=${expected}, got ${o.report?.verified} ${o.report?.errors.map((e) => e.code).join(',')}`;
  }
  if (ex.includes('not a ZIP archive')) {
    if (o.report && !o.report.verified) return undefined;
    return isDfslabError(o.error)
      ? undefined
      : `${name}: apksig says not a ZIP; we gave ${o.report ? 'a verified report' : String(o.error)}`;
  }
  if (ex.includes('Missing AndroidManifest.xml'))
    return o.error === undefined || isDfslabError(o.error) ? undefined : `${name}: ${String(o.error)}`;
  return `${name}: apksig threw ${ex}; we have no rule for it`;
}

describe('APK signature verification vs apksig (apksigner)', () => {
  it('agrees on verdicts, per-scheme results and signer certificates', (t) => {
    if (!requireShared(t) || !requireTool(t, 'java') || !requireTool(t, 'javac')) return;
    if (!apksigJar()) {
      if (process.env.CI) throw new Error('apksig.jar missing (apt-get install apksigner)');
      t.skip('apksig.jar not installed');
      return;
    }
    const apks = sharedApks();
    assert.ok(apks.length > 500, `only ${apks.length} APKs`);
    const vectors = apks.filter((f) => f.path.includes('/apksig/'));
    const requests: { path: string; minSdk?: number; maxSdk?: number }[] = [
      ...apks.map((f) => ({ path: f.abs })),
      ...vectors.map((f) => ({ path: f.abs, minSdk: 24 })),
      ...vectors.map((f) => ({ path: f.abs, minSdk: 1, maxSdk: 27 })),
    ];
    const t0 = Date.now();
    const rows = runApksigOracle(requests);
    const oracleMs = Date.now() - t0;
    assert.equal(rows.length, requests.length);
    const agree = { verified: 0, v1: 0, v2: 0, v3: 0, certs: 0 };
    let compared = 0;
    let judged = 0;
    const problems: string[] = [];
    const t1 = Date.now();
    rows.forEach((row, i) => {
      const req = requests[i];
      const o = ours(row.path, row, req.minSdk, req.maxSdk);
      const where = `${row.path.replace(/.*\/apks\//, '')} [min ${req.minSdk ?? row.minSdk ?? '1'}${req.maxSdk ? ` max ${req.maxSdk}` : ''}]`;
      if (row.kind === 'EXCEPTION') {
        judged++;
        const p = judgeException(row, o, req.maxSdk);
        if (p) problems.push(p);
        return;
      }
      if (basename(row.path).startsWith('v31-')) {
        // apksig 31 predates v3.1 (0x1b93ad61) and drops v3 scheme-level errors (its Result.mergeFrom
        // does not copy them), so it can call this file verified through v2 while ignoring v3. We
        // implement v3.1 and the v3 rotation-min-SDK rule of newer apksig (so with minSdk >= 28 we verify
        // via v3.1 + v3 where apksig 31 fails). Require a report, and that what apksig verifies we verify.
        judged++;
        if (!o.report || (row.verified && !o.report.verified))
          problems.push(
            `${where}: v3.1 file: ours ${o.report?.verified ?? String(o.error)}, apksig ${row.verified}`,
          );
        return;
      }
      compared++;
      if (!o.report) {
        problems.push(`${where}: we threw ${String(o.error)}; apksig verified=${row.verified}`);
        return;
      }
      const r = o.report;
      const diffs: string[] = [];
      const cmp = (k: keyof typeof agree, mine: unknown, theirs: unknown): void => {
        if (JSON.stringify(mine) === JSON.stringify(theirs)) agree[k]++;
        else diffs.push(`${k}: ours ${JSON.stringify(mine)} apksig ${JSON.stringify(theirs)}`);
      };
      cmp('verified', r.verified, row.verified);
      cmp('v1', r.v1.verified, row.v1);
      cmp('v2', r.v2.verified, row.v2);
      cmp('v3', r.v3.verified, row.v3);
      cmp(
        'certs',
        r.signerCertificates.map((c) => c.sha256),
        row.signerSha256,
      );
      if (diffs.length > 0)
        problems.push(
          `${where}: ${diffs.join('; ')} | apksig: ${row.errors.slice(0, 300)} | ours: ${r.errors
            .map((e) => `${e.code} ${e.message}`)
            .join('; ')
            .slice(0, 300)}`,
        );
    });
    const oursMs = Date.now() - t1;
    t.diagnostic(`apksig harness: ${rows.length} verifications in ${oracleMs} ms; ours: ${oursMs} ms`);
    t.diagnostic(
      `compared ${compared} (+${judged} apksig exceptions judged by rule): agree verdict ${agree.verified}, v1 ${agree.v1}, v2 ${agree.v2}, v3 ${agree.v3}, signer certs ${agree.certs}`,
    );
    assert.deepEqual(problems, []);
    assert.ok(compared > 1000, `only ${compared} compared`);
  });
});
