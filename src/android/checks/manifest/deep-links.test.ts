import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './deep-links.js';

const VIEW =
  '<action android:name="android.intent.action.VIEW"/><category android:name="android.intent.category.DEFAULT"/><category android:name="android.intent.category.BROWSABLE"/>';

test('AND-MANIFEST-009 deep-links', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      targetSdk: 30,
      app: `<activity android:name=".Link"><intent-filter>${VIEW}<data android:scheme="https" android:host="pay.example.com" android:pathPrefix="/send"/></intent-filter></activity>
<activity android:name=".Pay"><intent-filter>${VIEW}<data android:scheme="dfswallet" android:host="transfer"/></intent-filter></activity>
<activity android:name=".Promo"><intent-filter>${VIEW}<data android:scheme="dfswallet" android:host="promo"/></intent-filter></activity>`,
    },
    {
      targetSdk: 30,
      app: `<activity android:name=".Link"><intent-filter android:autoVerify="true">${VIEW}<data android:scheme="https" android:host="pay.example.com"/></intent-filter></activity>
<activity android:name=".Hidden" android:exported="false"><intent-filter>${VIEW}<data android:scheme="dfswallet" android:host="transfer"/></intent-filter></activity>
<activity android:name=".Share"><intent-filter><action android:name="android.intent.action.VIEW"/><category android:name="android.intent.category.DEFAULT"/><data android:scheme="dfswallet"/></intent-filter></activity>`,
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.deepEqual(f.map((x) => `${x.messageId}:${x.severity}`).sort(), [
    'customScheme:low',
    'sensitiveCustomScheme:medium',
    'unverifiedAppLink:low',
  ]);
  const web = f.find((x) => x.messageId === 'unverifiedAppLink');
  assert.match(web?.message ?? '', /https:\/\/pay\.example\.com\/send\*/);
  const ev = web?.evidence[0];
  assert.ok(
    ev?.kind === 'manifest' &&
      ev.element === 'manifest/application[1]/activity[1]/intent-filter[1]' &&
      (ev.byteOffset ?? 0) > 0,
  );
  const sev = web?.evidence[1];
  assert.ok(
    sev?.kind === 'manifest' &&
      sev.element === 'manifest/application[1]/activity[1]/intent-filter[1]/data[1]' &&
      sev.attribute === 'android:scheme' &&
      sev.value === 'https',
  );
  assert.match(
    f.find((x) => x.messageId === 'sensitiveCustomScheme')?.message ?? '',
    /dfswallet:\/\/transfer/,
  );
  assert.equal(findingsOf(neg, check.id).length, 0);
});
