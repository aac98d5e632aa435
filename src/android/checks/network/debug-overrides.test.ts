import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './debug-overrides.js';
import { withNsc } from './lib/fixtures.js';

const DEBUG = '<debug-overrides><trust-anchors><certificates src="user"/></trust-anchors></debug-overrides>';

test('AND-NETCFG-003 debug-overrides', async (t) => {
  const [inert, active, neg] = await auditFixtures(t, check, [
    withNsc(DEBUG),
    withNsc(DEBUG, { appAttrs: 'android:debuggable="true"' }),
    withNsc('<base-config cleartextTrafficPermitted="false"/>'),
  ]);
  if (!inert) return;
  const i = findingsOf(inert, check.id);
  assert.equal(i.length, 1);
  assert.equal(i[0].messageId, 'inert');
  assert.equal(i[0].severity, 'info');
  const ev = i[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.file === 'res/xml/nsc.xml' &&
      ev.element === 'network-security-config/debug-overrides[1]' &&
      (ev.byteOffset ?? 0) > 0,
  );
  const a = findingsOf(active, check.id);
  assert.equal(a.length, 1);
  assert.equal(a[0].messageId, 'active');
  assert.equal(a[0].severity, 'high');
  assert.ok(a[0].evidence.some((e) => e.kind === 'manifest' && e.attribute === 'android:debuggable'));
  assert.equal(findingsOf(neg, check.id).length, 0);
});
