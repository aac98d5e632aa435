import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check, { playRequirement } from './target-sdk.js';

test('playRequirement follows the published dates', () => {
  assert.equal(playRequirement(new Date('2024-08-30T00:00:00Z')), 33);
  assert.equal(playRequirement(new Date('2024-08-31T00:00:00Z')), 34);
  assert.equal(playRequirement(new Date('2026-01-01T00:00:00Z')), 35);
  assert.equal(playRequirement(new Date('2017-01-01T00:00:00Z')), 0);
});

test('AND-MANIFEST-011 target-sdk-outdated', async (t) => {
  const [old, legacy, ok] = await auditFixtures(t, check, [
    { targetSdk: 30 },
    { minSdk: 19, targetSdk: 22 },
    { targetSdk: 35 },
  ]);
  if (!old) return;
  const f = findingsOf(old, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'belowPlay');
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.element === 'manifest/uses-sdk[1]' &&
      ev.attribute === 'android:targetSdkVersion' &&
      ev.value === '30' &&
      (ev.byteOffset ?? 0) > 0,
  );
  const l = findingsOf(legacy, check.id);
  assert.equal(l.length, 1);
  assert.equal(l[0].messageId, 'legacyDefaults');
  assert.equal(l[0].severity, 'medium');
  assert.equal(findingsOf(ok, check.id).length, 0);
});
