import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './manifest-secrets.js';

test('AND-MANIFEST-019 manifest-secrets', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      app: `<meta-data android:name="org.dfslab.API_SECRET" android:value="s3cr3t-DFSLAB-FIXTURE-0001"/>
<meta-data android:name="com.google.android.geo.API_KEY" android:value="AIzaFIXTURE_NOT_A_REAL_KEY_000000000000"/>`,
    },
    {
      app: `<meta-data android:name="org.dfslab.API_SECRET" android:value="\${apiSecret}"/>
<meta-data android:name="org.dfslab.CHANNEL" android:value="production-store-1"/>
<meta-data android:name="org.dfslab.CLIENT_SECRET_ENABLED" android:value="true"/>`,
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.deepEqual(f.map((x) => `${x.messageId}:${x.severity}`).sort(), ['publicKey:info', 'secret:medium']);
  const s = f.find((x) => x.messageId === 'secret');
  assert.ok(s && !s.message.includes('s3cr3t-DFSLAB-FIXTURE-0001'));
  const ev = s?.evidence[0];
  assert.ok(
    ev?.kind === 'manifest' &&
      ev.element === 'manifest/application[1]/meta-data[1]' &&
      ev.attribute === 'android:value' &&
      ev.value === 's3cr…01 (26 chars)' &&
      (ev.byteOffset ?? 0) > 0,
  );
  assert.equal(findingsOf(neg, check.id).length, 0);
});
