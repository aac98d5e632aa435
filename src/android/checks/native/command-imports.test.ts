import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditNativeCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './command-imports.js';

test('AND-NATIVE-007 native command execution imports', async (t) => {
  const { weak, hardened } = await auditNativeCases(t, check);
  if (!weak || !hardened) return;
  const f = findingsOf(weak, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'imports');
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /^libweak\.so \(x86_64, arm64-v8a\) imports system:/);
  assert.ok(f[0].evidence.every((e) => e.kind === 'file' && /dynamic imports: system/.test(e.snippet ?? '')));
  assert.equal(findingsOf(hardened, check.id).length, 0);
});
