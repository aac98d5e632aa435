import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './expired-pins.js';
import { withNsc } from './lib/fixtures.js';

const PIN_A = '<pin digest="SHA-256">7HIpactkIAq2Y49orFOOQKurWxmmSFZhBCoQYcRhJ3Y=</pin>';
const PIN_B = '<pin digest="SHA-256">fwza0LRMXouZHRC8Ei+4PyuldPDcf3UKgO/04cDM1oE=</pin>';

test('AND-NETCFG-006 expired-pin-set', async (t) => {
  const [expired, single, neg] = await auditFixtures(t, check, [
    withNsc(
      `<domain-config><domain includeSubdomains="true">example.com</domain><pin-set expiration="2020-01-01">${PIN_A}${PIN_B}</pin-set></domain-config>`,
    ),
    withNsc(
      `<domain-config><domain>api.example.com</domain><pin-set expiration="2099-01-01">${PIN_A}</pin-set></domain-config>`,
    ),
    withNsc(
      `<domain-config><domain>api.example.com</domain><pin-set expiration="2099-01-01">${PIN_A}${PIN_B}</pin-set></domain-config>`,
    ),
  ]);
  if (!expired) return;
  const f = findingsOf(expired, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'expired');
  assert.match(f[0].message, /\*\.example\.com.*2020-01-01.*2 pin/);
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.file === 'res/xml/nsc.xml' &&
      ev.element === 'network-security-config/domain-config[1]/pin-set[1]' &&
      ev.attribute === 'expiration' &&
      ev.value === '2020-01-01' &&
      (ev.byteOffset ?? 0) > 0,
  );
  const s = findingsOf(single, check.id);
  assert.equal(s.length, 1);
  assert.equal(s[0].messageId, 'noBackup');
  assert.equal(s[0].severity, 'info');
  assert.equal(findingsOf(neg, check.id).length, 0);
});
