import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditNativeCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './executable-stack.js';

test('AND-NATIVE-002 executable stack', async (t) => {
  const { weak, hardened } = await auditNativeCases(t, check);
  if (!weak || !hardened) return;
  const f = findingsOf(weak, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'executable');
  assert.match(f[0].message, /^libweak\.so \(x86_64, arm64-v8a\)/);
  const ev = f[0].evidence[0];
  assert.ok(ev.kind === 'file' && ev.file === 'lib/x86_64/libweak.so');
  if (ev.kind === 'file') assert.match(ev.snippet ?? '', /program header #\d+ GNU_STACK RWE/);
  assert.equal(findingsOf(hardened, check.id).length, 0);
});
