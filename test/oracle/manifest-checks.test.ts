/**
 * The manifest and network-config checks (AND-MANIFEST-*, AND-NETCFG-*) over every shared APK:
 * no check may fail on real or malformed apps, and the weaknesses that the apps' own documentation
 * lists (MANIFEST.tsv ground_truth column, samples/demo-wallet/README.md W1-W6) are reported.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../src/core/findings.js';
import { ANDROID_CHECKS } from '../../src/android/checks/index.js';
import { auditBytes, type CaseResult } from '../../src/android/testing/check-harness.js';
import { REPO_ROOT, SHARED_APKS, sharedApks } from '../helpers.js';

const MINE = ANDROID_CHECKS.filter((c) => /^AND-(MANIFEST|NETCFG)-/.test(c.id));

async function audit(path: string): Promise<CaseResult | undefined> {
  try {
    return await auditBytes(readFileSync(path), MINE);
  } catch {
    return undefined; // the APK itself cannot be opened (a malformed zip): not these checks' concern
  }
}

function has(fs: Finding[], checkId: string, messageId: string, text?: RegExp): boolean {
  return fs.some(
    (f) => f.checkId === checkId && f.messageId === messageId && (!text || text.test(f.message)),
  );
}

test('manifest/network-config checks run on every shared APK without an engine error', async () => {
  const apks = sharedApks();
  assert.ok(apks.length > 0);
  let opened = 0;
  const t0 = performance.now();
  for (const a of apks) {
    const r = await audit(a.abs);
    if (!r) continue;
    opened++;
    assert.deepEqual(r.errors, [], a.path);
    for (const f of r.findings)
      for (const e of f.evidence)
        if (e.kind === 'manifest')
          assert.ok(typeof e.byteOffset === 'number' && e.byteOffset >= 0, `${a.path} ${f.checkId}`);
  }
  assert.ok(opened > apks.length / 2, `only ${opened} of ${apks.length} opened`);
  assert.ok(performance.now() - t0 < 60_000);
});

test('documented weaknesses of the vulnerable apps are reported', async (t) => {
  const ib = await audit(join(SHARED_APKS, 'insecurebankv2', 'InsecureBankv2-release.apk'));
  const dvba = await audit(join(SHARED_APKS, 'dvba', 'dvba.apk'));
  const ostorlab = await audit(join(SHARED_APKS, 'ostorlab', 'Ostorlab_insecure_app.apk'));
  if (!ib || !dvba || !ostorlab) return t.skip('shared APKs missing');
  // InsecureBankv2: exported receiver, insecure content provider, allowBackup.
  assert.ok(has(ib.findings, 'AND-MANIFEST-004', 'receiver', /MyBroadCastReceiver/));
  assert.ok(has(ib.findings, 'AND-MANIFEST-005', 'open', /TrackUserContentProvider/));
  assert.ok(has(ib.findings, 'AND-MANIFEST-003', 'explicit'));
  // DVBA: exported activities, deep links, cleartext traffic allowed.
  assert.ok(has(dvba.findings, 'AND-MANIFEST-004', 'activityNoFilter', /SendMoney/));
  assert.ok(has(dvba.findings, 'AND-MANIFEST-009', 'unverifiedAppLink'));
  assert.ok(has(dvba.findings, 'AND-NETCFG-001', 'nscBase'));
  // Ostorlab: cleartext HTTP.
  assert.ok(has(ostorlab.findings, 'AND-NETCFG-001', 'nscBase'));
});

test('demo wallet: planted weaknesses W1-W6 reported, deliberate non-weaknesses not', async (t) => {
  const path = join(REPO_ROOT, 'samples', 'demo-wallet.apk');
  if (!existsSync(path)) return t.skip('samples/demo-wallet.apk not built');
  const r = await audit(path);
  assert.ok(r);
  const fs = r.findings;
  assert.ok(has(fs, 'AND-MANIFEST-003', 'explicit')); // W1
  assert.ok(has(fs, 'AND-NETCFG-001', 'manifestAttr')); // W2
  assert.ok(has(fs, 'AND-NETCFG-001', 'nscBase')); // W3
  assert.ok(has(fs, 'AND-NETCFG-002', 'base')); // W3
  assert.ok(has(fs, 'AND-MANIFEST-004', 'activityNoFilter', /TransferActivity/)); // W4
  assert.ok(has(fs, 'AND-MANIFEST-004', 'smsReceiver', /SmsReceiver/)); // W5
  assert.ok(has(fs, 'AND-MANIFEST-012', 'sms', /READ_SMS/)); // W5
  assert.ok(has(fs, 'AND-MANIFEST-005', 'open', /TransactionsProvider/)); // W6
  assert.ok(!fs.some((f) => f.checkId === 'AND-MANIFEST-001'));
  assert.ok(!fs.some((f) => /BalanceService/.test(f.message)));
});
