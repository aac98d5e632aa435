import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './exported-components.js';

const LAUNCHER = `<activity android:name=".Main"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>`;
const SMS = `<intent-filter android:priority="999"><action android:name="android.provider.Telephony.SMS_RECEIVED"/></intent-filter>`;

const APP = `${LAUNCHER}
<activity android:name=".Transfer" android:exported="true"/>
<activity android:name=".Share"><intent-filter><action android:name="android.intent.action.SEND"/><category android:name="android.intent.category.DEFAULT"/><data android:mimeType="text/plain"/></intent-filter></activity>
<service android:name=".Sync" android:exported="true"/>
<service android:name=".Job" android:exported="true" android:permission="android.permission.BIND_JOB_SERVICE"/>
<receiver android:name=".Sms">${SMS}</receiver>
<receiver android:name=".SmsOk" android:permission="android.permission.BROADCAST_SMS">${SMS}</receiver>
<receiver android:name=".Boot"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>
<receiver android:name=".Custom" android:exported="true" android:enabled="false"/>
<activity android:name=".Internal" android:exported="false"/>
<service android:name=".Sig" android:exported="true" android:permission="org.dfslab.fixture.SIG"/>
<activity android:name="androidx.biometric.DeviceCredentialHandlerActivity" android:exported="true"/>
<activity android:name=".Hidden" android:exported="false"/>
<activity-alias android:name=".HiddenAlias" android:targetActivity=".Hidden" android:exported="true"/>
<receiver android:name=".Widget"><intent-filter><action android:name="android.appwidget.action.APPWIDGET_UPDATE"/></intent-filter></receiver>`;

const TOP = `<permission android:name="org.dfslab.fixture.SIG" android:protectionLevel="signature"/>`;

test('AND-MANIFEST-004 exported-components', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    { targetSdk: 30, top: TOP, app: APP },
    {
      targetSdk: 30,
      app: `${LAUNCHER}<activity android:name=".Internal" android:exported="false"/><service android:name=".S"/>`,
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  const ids = f.map((x) => `${x.messageId}:${x.severity}`).sort();
  assert.deepEqual(ids, [
    'activity:low',
    'activityNoFilter:low',
    'activityNoFilter:medium',
    'activityNoFilter:medium',
    'protectedBroadcast:low',
    'receiver:low',
    'service:medium',
    'smsReceiver:high',
    'widget:low',
  ]);
  const transfer = f.find((x) => x.messageId === 'activityNoFilter' && x.message.includes('.Transfer '));
  assert.match(
    f.find((x) => x.messageId === 'activityNoFilter' && x.severity === 'low')?.message ?? '',
    /merged from the androidx\.biometric library/,
  );
  const ev = transfer?.evidence[0];
  assert.ok(
    ev?.kind === 'manifest' &&
      ev.element === 'manifest/application[1]/activity[2]' &&
      ev.attribute === 'android:exported' &&
      ev.value === 'true' &&
      (ev.byteOffset ?? 0) > 0,
  );
  const sms = f.find((x) => x.messageId === 'smsReceiver');
  assert.match(
    sms?.message ?? '',
    /\.Sms handles android\.provider\.Telephony\.SMS_RECEIVED \(priority 999\)/,
  );
  const smsEv = sms?.evidence[0];
  assert.ok(
    smsEv?.kind === 'manifest' &&
      smsEv.element === 'manifest/application[1]/receiver[1]' &&
      smsEv.attribute === undefined,
  );
  assert.match(f.find((x) => x.messageId === 'receiver')?.message ?? '', /\.Custom \(disabled\)/);
  assert.match(f.find((x) => x.messageId === 'activity')?.message ?? '', /android\.intent\.action\.SEND/);
  assert.ok(!f.some((x) => x.message.includes('.Main ')));
  assert.match(
    f.find((x) => x.message.includes('.HiddenAlias'))?.message ?? '',
    /^Activity alias \.HiddenAlias \(alias of org\.dfslab\.fixture\.Hidden\)/,
  );
  assert.equal(findingsOf(neg, check.id).length, 0);
});
