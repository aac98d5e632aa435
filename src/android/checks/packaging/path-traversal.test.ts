import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditPackagingCases, rezip } from '../../../../test/packaging-checks-helpers.js';
import { auditBytes, findingsOf } from '../../testing/check-harness.js';
import check from './path-traversal.js';

test('AND-PKG-004 entry names that escape their folder', async (t) => {
  const { base } = await auditPackagingCases(t, check);
  if (!base) return;
  assert.equal(findingsOf(base, check.id).length, 0);
  const evil = rezip(base.ctx.apk.bytes, (es) => [
    ...es,
    { name: 'assets/../../../data/evil.so', data: 'x' },
    { name: '/etc/hosts', data: 'y' },
  ]);
  const r = await auditBytes(evil, [check]);
  const f = findingsOf(r, check.id);
  assert.equal(f.length, 2);
  assert.ok(f.every((x) => x.messageId === 'traversal'));
  const messages = f.map((x) => x.message).join('\n');
  assert.match(messages, /"assets\/\.\.\/\.\.\/\.\.\/data\/evil\.so"/);
  assert.match(messages, /"\/etc\/hosts"/);
  for (const x of f) assert.ok(x.evidence[0].kind === 'file' && typeof x.evidence[0].byteOffset === 'number');
});
