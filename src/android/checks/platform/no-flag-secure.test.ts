import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './no-flag-secure.js';
import { method, smaliClass } from '../storage/lib/smali.js';

const CLS = 'org/dfslab/fixture/Main';
const APP =
  '<activity android:name=".Main" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN" /></intent-filter></activity>';

function activity(flags: string, api = 'addFlags(I)V', regs = '{v0, v1}'): Record<string, string> {
  return smaliClass(CLS, [
    method('onCreate', '(Landroid/os/Bundle;)V', 2, [
      'invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V',
      `invoke-virtual {p0}, L${CLS};->getWindow()Landroid/view/Window;`,
      'move-result-object v0',
      `const/16 v1, ${flags}`,
      `invoke-virtual ${regs}, Landroid/view/Window;->${api}`,
    ]),
  ]);
}

test('AND-PLATFORM-004 no-flag-secure', async (t) => {
  const [keepOn, secure, setFlags, libOnly] = await auditFixtures(t, check, [
    { app: APP, smali: activity('0x80') },
    { app: APP, smali: activity('0x2000') },
    { app: APP, smali: activity('0x2000', 'setFlags(II)V', '{v0, v1, v1}') },
    {
      app: APP,
      smali: {
        ...activity('0x80'),
        ...smaliClass(
          'androidx/fragment/Secure',
          [
            method('x', '(Landroid/view/Window;)V', 1, [
              'const/16 v0, 0x2000',
              'invoke-virtual {p1, v0}, Landroid/view/Window;->addFlags(I)V',
            ]),
          ],
          'Ljava/lang/Object;',
        ),
      },
    },
  ]);
  if (!keepOn) return;
  const f = findingsOf(keepOn, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'absent');
  assert.match(f[0].message, /\(1 activities\)/);
  const ev = f[0].evidence[0];
  assert.ok(ev.kind === 'manifest' && ev.element === 'manifest/application[1]');
  assert.equal(findingsOf(secure, check.id).length, 0);
  assert.equal(findingsOf(setFlags, check.id).length, 0);
  assert.equal(
    findingsOf(libOnly, check.id).length,
    1,
    'FLAG_SECURE only in a library does not protect the app screens',
  );
});
