import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './provider-uri-grants.js';

test('AND-MANIFEST-006 provider-uri-grants', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      targetSdk: 30,
      app: `<provider android:name=".Tx" android:authorities="org.dfslab.fixture.tx" android:exported="false" android:grantUriPermissions="true"/>`,
    },
    {
      targetSdk: 30,
      app: `<provider android:name=".Tx" android:authorities="org.dfslab.fixture.tx" android:exported="false" android:grantUriPermissions="true"><grant-uri-permission android:pathPrefix="/receipts/"/></provider>
<provider android:name="androidx.core.content.FileProvider" android:authorities="org.dfslab.fixture.files" android:exported="false" android:grantUriPermissions="true"/>
<provider android:name=".Plain" android:authorities="org.dfslab.fixture.plain" android:exported="false"/>`,
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'wholeProvider');
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.element === 'manifest/application[1]/provider[1]' &&
      ev.attribute === 'android:grantUriPermissions' &&
      ev.value === 'true' &&
      (ev.byteOffset ?? 0) > 0,
  );
  assert.equal(findingsOf(neg, check.id).length, 0);
});
