import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './override-pins.js';
import { withNsc } from './lib/fixtures.js';

const PINS =
  '<pin-set><pin digest="SHA-256">7HIpactkIAq2Y49orFOOQKurWxmmSFZhBCoQYcRhJ3Y=</pin><pin digest="SHA-256">fwza0LRMXouZHRC8Ei+4PyuldPDcf3UKgO/04cDM1oE=</pin></pin-set>';

test('AND-NETCFG-004 override-pins', async (t) => {
  const [pos, neg, nopins] = await auditFixtures(t, check, [
    withNsc(
      `<domain-config><domain>api.example.com</domain>${PINS}<trust-anchors><certificates src="user" overridePins="true"/><certificates src="system"/></trust-anchors></domain-config>`,
    ),
    withNsc(`<domain-config><domain>api.example.com</domain>${PINS}</domain-config>
<debug-overrides><trust-anchors><certificates src="user" overridePins="true"/></trust-anchors></debug-overrides>`),
    withNsc(
      '<base-config><trust-anchors><certificates src="system" overridePins="true"/></trust-anchors></base-config>',
    ),
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'override');
  assert.equal(f[0].severity, 'high');
  assert.match(f[0].message, /api\.example\.com/);
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.file === 'res/xml/nsc.xml' &&
      ev.element === 'network-security-config/domain-config[1]/trust-anchors[1]/certificates[1]' &&
      ev.attribute === 'overridePins' &&
      (ev.byteOffset ?? 0) > 0,
  );
  assert.equal(findingsOf(neg, check.id).length, 0);
  const np = findingsOf(nopins, check.id);
  assert.equal(np.length, 1);
  assert.equal(np[0].messageId, 'overrideNoPins');
  assert.equal(np[0].severity, 'info');
});
