import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditShared, auditSigningCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './no-v1-old-min-sdk.js';

test('AND-SIGN-003 v2-only signing with minSdkVersion < 24', async (t) => {
  const r = await auditSigningCases(t, check);
  if (!r.v2OnlyMin21) return;
  const f = findingsOf(r.v2OnlyMin21, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'noV1');
  assert.match(f[0].message, /API 21 to 23/);
  const [min, block] = f[0].evidence;
  assert.ok(min.kind === 'manifest' && min.value === '21');
  assert.ok(
    block.kind === 'file' && block.file === '<apk>' && (block.byteOffset ?? 0) > 0 && (block.length ?? 0) > 0,
  );
  for (const k of ['v2OnlyMin24', 'v1v2Min21', 'v1OnlyMin21', 'unsigned'] as const)
    assert.equal(findingsOf(r[k], check.id).length, 0, k);
});

test('AND-SIGN-003 on DVBA (v2-only, minSdk 21)', async (t) => {
  const dvba = await auditShared(t, check, 'dvba/dvba.apk');
  if (!dvba) return;
  assert.deepEqual(
    findingsOf(dvba, check.id).map((f) => f.messageId),
    ['noV1'],
  );
  const release = await auditShared(t, check, 'insecurebankv2/InsecureBankv2-release.apk');
  assert.equal(findingsOf(release, check.id).length, 0);
});
