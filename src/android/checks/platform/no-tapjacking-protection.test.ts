import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './no-tapjacking-protection.js';
import { method, smaliClass } from '../storage/lib/smali.js';

const CLS = 'org/dfslab/fixture/Main';
const APP =
  '<activity android:name=".Main" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN" /></intent-filter></activity>';
const LAYOUT = (extra: string): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n<LinearLayout xmlns:android="http://schemas.android.com/apk/res/android" android:layout_width="match_parent" android:layout_height="match_parent" ${extra}><Button android:id="@+id/pay" android:layout_width="wrap_content" android:layout_height="wrap_content" /></LinearLayout>\n`;

function activity(body: string[]): Record<string, string> {
  return smaliClass(CLS, [
    method('onCreate', '(Landroid/os/Bundle;)V', 2, [
      'invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V',
      ...body,
    ]),
  ]);
}

test('AND-PLATFORM-005 no-tapjacking-protection', async (t) => {
  const [none, inCode, inLayout, override, modern] = await auditFixtures(t, check, [
    { app: APP, smali: activity([]), res: { 'layout/main.xml': LAYOUT('') } },
    {
      app: APP,
      smali: activity([
        'const v0, 0x7f000000',
        `invoke-virtual {p0, v0}, L${CLS};->findViewById(I)Landroid/view/View;`,
        'move-result-object v0',
        'const/4 v1, 1',
        'invoke-virtual {v0, v1}, Landroid/view/View;->setFilterTouchesWhenObscured(Z)V',
      ]),
    },
    {
      app: APP,
      smali: activity([]),
      res: { 'layout/main.xml': LAYOUT('android:filterTouchesWhenObscured="true"') },
    },
    {
      app: APP,
      smali: {
        ...activity([]),
        ...smaliClass(
          'org/dfslab/fixture/SafeButton',
          [
            method('onFilterTouchEventForSecurity', '(Landroid/view/MotionEvent;)Z', 1, [
              'const/4 v0, 0',
              'return v0',
            ]),
          ],
          'Landroid/widget/Button;',
        ),
      },
    },
    { app: APP, smali: activity([]), minSdk: 31 },
  ]);
  if (!none) return;
  const f = findingsOf(none, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'absent');
  assert.equal(f[0].severity, 'medium');
  assert.ok(f[0].evidence[0].kind === 'manifest');
  assert.equal(findingsOf(inCode, check.id).length, 0);
  assert.equal(findingsOf(inLayout, check.id).length, 0);
  assert.equal(findingsOf(override, check.id).length, 0);
  const m = findingsOf(modern, check.id);
  assert.equal(m.length, 1);
  assert.equal(m[0].severity, 'low');
});
