import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './user-ca.js';
import { withNsc } from './lib/fixtures.js';

test('AND-NETCFG-002 user-ca-trusted', async (t) => {
  const [pos, implicit, neg, negOld] = await auditFixtures(t, check, [
    withNsc(`<base-config><trust-anchors><certificates src="system"/><certificates src="user"/></trust-anchors></base-config>
<domain-config><domain>api.example.com</domain><trust-anchors><certificates src="user"/></trust-anchors></domain-config>`),
    { minSdk: 21, targetSdk: 23 },
    withNsc(`<base-config><trust-anchors><certificates src="system"/></trust-anchors></base-config>
<debug-overrides><trust-anchors><certificates src="user"/></trust-anchors></debug-overrides>`),
    withNsc(`<base-config><trust-anchors><certificates src="system"/></trust-anchors></base-config>`, {
      minSdk: 21,
      targetSdk: 23,
    }),
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.deepEqual(f.map((x) => `${x.messageId}:${x.severity}`).sort(), ['base:high', 'domain:medium']);
  const ev = f.find((x) => x.messageId === 'base')?.evidence[0];
  assert.ok(
    ev?.kind === 'manifest' &&
      ev.file === 'res/xml/nsc.xml' &&
      ev.element === 'network-security-config/base-config[1]/trust-anchors[1]/certificates[2]' &&
      ev.attribute === 'src' &&
      ev.value === 'user' &&
      (ev.byteOffset ?? 0) > 0,
  );
  assert.match(f.find((x) => x.messageId === 'domain')?.message ?? '', /api\.example\.com/);
  const i = findingsOf(implicit, check.id);
  assert.equal(i.length, 1);
  assert.equal(i[0].messageId, 'implicit');
  assert.equal(findingsOf(neg, check.id).length, 0);
  assert.equal(findingsOf(negOld, check.id).length, 0);
});
