import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './exported-provider.js';

const APP = `<provider android:name=".Tx" android:authorities="org.dfslab.fixture.tx" android:exported="true" android:grantUriPermissions="true"/>
<provider android:name=".ReadOnly" android:authorities="org.dfslab.fixture.ro" android:exported="true" android:readPermission="org.dfslab.fixture.READ"/>
<provider android:name=".Both" android:authorities="org.dfslab.fixture.both" android:exported="true" android:permission="org.dfslab.fixture.READ"/>
<provider android:name=".Private" android:authorities="org.dfslab.fixture.priv" android:exported="false"/>
<provider android:name=".Default" android:authorities="org.dfslab.fixture.def"/>`;

test('AND-MANIFEST-005 exported-provider', async (t) => {
  const [pos, legacy, neg] = await auditFixtures(t, check, [
    { targetSdk: 30, app: APP },
    {
      minSdk: 16,
      targetSdk: 30,
      app: `<provider android:name=".Default" android:authorities="org.dfslab.fixture.def"/>`,
    },
    {
      targetSdk: 30,
      app: `<provider android:name=".Private" android:authorities="org.dfslab.fixture.priv" android:exported="false"/>`,
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.deepEqual(f.map((x) => x.messageId).sort(), ['open', 'writeOpen']);
  const open = f.find((x) => x.messageId === 'open');
  assert.equal(open?.severity, 'high');
  assert.match(open?.message ?? '', /org\.dfslab\.fixture\.tx/);
  assert.match(open?.message ?? '', /grantUriPermissions/);
  const ev = open?.evidence[0];
  assert.ok(
    ev?.kind === 'manifest' &&
      ev.element === 'manifest/application[1]/provider[1]' &&
      ev.attribute === 'android:exported' &&
      (ev.byteOffset ?? 0) > 0,
  );
  assert.ok(open?.evidence.some((e) => e.kind === 'manifest' && e.attribute === 'android:authorities'));
  const l = findingsOf(legacy, check.id);
  assert.equal(l.length, 1);
  assert.equal(l[0].messageId, 'legacyDefault');
  assert.equal(l[0].severity, 'low');
  assert.equal(findingsOf(neg, check.id).length, 0);
});
