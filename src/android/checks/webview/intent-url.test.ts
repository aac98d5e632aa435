import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import check from './intent-url.js';

const ACTIVITY = (exported: boolean): string =>
  `<activity android:name="org.x.Browser" android:exported="${exported}" />`;
const browser = (url: string): Record<string, string> =>
  smaliClass(
    'Lorg/x/Browser;',
    [
      smaliMethod(
        'public',
        'show(Landroid/webkit/WebView;)V',
        4,
        `invoke-virtual {p0}, Lorg/x/Browser;->getIntent()Landroid/content/Intent;\nmove-result-object v0\n${url}\ninvoke-virtual {p1, v0}, Landroid/webkit/WebView;->loadUrl(Ljava/lang/String;)V\nreturn-void`,
      ),
    ],
    { super: 'Landroid/app/Activity;' },
  );
const EXTRA =
  'const-string v1, "url"\ninvoke-virtual {v0, v1}, Landroid/content/Intent;->getStringExtra(Ljava/lang/String;)Ljava/lang/String;\nmove-result-object v0';

test('AND-WEBVIEW-007 webview-intent-url', async (t) => {
  const [exported, internal, fixed] = await auditFixtures(t, check, [
    { smali: browser(EXTRA), app: ACTIVITY(true) },
    { smali: browser(EXTRA), app: ACTIVITY(false) },
    { smali: browser('const-string v0, "https://wallet.example/help"'), app: ACTIVITY(true) },
  ]);
  if (!exported) return;
  const f = findingsOf(exported, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'exported');
  assert.equal(f[0].severity, 'high');
  assert.equal(
    f[0].message,
    'WebView.loadUrl(Intent.getStringExtra("url")) in Lorg/x/Browser;->show(Landroid/webkit/WebView;)V at 0xa: org.x.Browser is exported without a permission, so any app can choose the page.',
  );
  assertDexEvidence(f[0], 'Lorg/x/Browser;', 'show(', 'loadUrl');
  const i = findingsOf(internal, check.id);
  assert.equal(i.length, 1);
  assert.equal(i[0].messageId, 'internal');
  assert.equal(i[0].severity, 'medium');
  assert.deepEqual(findingsOf(fixed, check.id), []);
});
