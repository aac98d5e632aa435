import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditSigningCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './janus-v1-only.js';

test('AND-SIGN-002 v1-only signing (Janus)', async (t) => {
  const r = await auditSigningCases(t, check);
  if (!r.v1OnlyMin21) return;
  const f = findingsOf(r.v1OnlyMin21, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'janus');
  assert.equal(f[0].severity, 'high');
  const [block, min] = f[0].evidence;
  assert.ok(block.kind === 'file' && block.file === 'META-INF/DEMO.RSA');
  assert.ok(
    min.kind === 'manifest' &&
      min.attribute === 'android:minSdkVersion' &&
      min.value === '21' &&
      (min.byteOffset ?? 0) > 0,
  );

  const modern = findingsOf(r.v1OnlyMin28, check.id);
  assert.deepEqual(
    modern.map((x) => [x.messageId, x.severity]),
    [['v1Only', 'medium']],
  );

  for (const k of ['v2OnlyMin21', 'v2OnlyMin24', 'v1v2Min21', 'unsigned'] as const)
    assert.equal(findingsOf(r[k], check.id).length, 0, k);
});
