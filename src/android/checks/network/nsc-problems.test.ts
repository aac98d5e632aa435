import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './nsc-problems.js';
import { withNsc } from './lib/fixtures.js';

test('AND-NETCFG-007 nsc-problems', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    withNsc(`<base-config cleartextTrafficPermitted="no"/>
<domain-config cleartextTrafficPermitted="true"></domain-config>`),
    withNsc(
      '<base-config cleartextTrafficPermitted="false"/><domain-config><domain>api.example.com</domain></domain-config>',
    ),
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 2);
  assert.ok(f.every((x) => x.messageId === 'anomaly'));
  assert.ok(
    f.some((x) => /ignores the value/.test(x.message) && /cleartextTrafficPermitted/.test(x.message)),
  );
  assert.ok(f.some((x) => /no <domain>/.test(x.message)));
  const ev = f.find((x) => /ignores the value/.test(x.message))?.evidence[0];
  assert.ok(ev?.kind === 'file' && ev.file === 'res/xml/nsc.xml' && (ev.byteOffset ?? 0) > 0);
  assert.equal(findingsOf(neg, check.id).length, 0);
});
