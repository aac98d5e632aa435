import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './task-hijacking.js';

test('AND-MANIFEST-008 task-hijacking', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      targetSdk: 27,
      app: `<activity android:name=".A" android:taskAffinity="com.victim.bank" android:launchMode="singleTask"/>
<activity android:name=".B" android:launchMode="singleTask"/>
<activity android:name=".C" android:allowTaskReparenting="true"/>
<activity android:name=".D" android:taskAffinity="org.dfslab.fixture.pay" android:launchMode="singleTask"/>`,
    },
    {
      targetSdk: 30,
      appAttrs: 'android:taskAffinity=""',
      app: `<activity android:name=".B" android:launchMode="singleTask"/><activity android:name=".E"/>`,
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.deepEqual(f.map((x) => `${x.messageId}:${x.severity}`).sort(), [
    'foreignAffinity:medium',
    'reparenting:medium',
    'singleTaskOldTarget:medium',
  ]);
  const fa = f.find((x) => x.messageId === 'foreignAffinity');
  const ev = fa?.evidence[0];
  assert.ok(
    ev?.kind === 'manifest' &&
      ev.element === 'manifest/application[1]/activity[1]' &&
      ev.attribute === 'android:taskAffinity' &&
      ev.value === 'com.victim.bank' &&
      (ev.byteOffset ?? 0) > 0,
  );
  const rp = f.find((x) => x.messageId === 'reparenting')?.evidence[0];
  assert.ok(
    rp?.kind === 'manifest' &&
      rp.element === 'manifest/application[1]/activity[3]' &&
      rp.attribute === 'android:allowTaskReparenting' &&
      (rp.byteOffset ?? 0) > 0,
  );
  const st = f.find((x) => x.messageId === 'singleTaskOldTarget')?.evidence[0];
  assert.ok(
    st?.kind === 'manifest' &&
      st.element === 'manifest/application[1]/activity[2]' &&
      st.attribute === 'android:launchMode',
  );
  assert.equal(findingsOf(neg, check.id).length, 0);
});
