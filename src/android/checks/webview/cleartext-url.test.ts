import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import check from './cleartext-url.js';

const load = (url: string): Record<string, string> =>
  smaliClass('Lorg/x/Page;', [
    smaliMethod(
      'public static',
      'show(Landroid/webkit/WebView;)V',
      2,
      `const-string v0, "${url}"\ninvoke-virtual {p0, v0}, Landroid/webkit/WebView;->loadUrl(Ljava/lang/String;)V\nreturn-void`,
    ),
  ]);

test('AND-WEBVIEW-006 webview-cleartext-url', async (t) => {
  const [pos, tls, local] = await auditFixtures(t, check, [
    { smali: load('http://wallet.example/terms.html') },
    { smali: load('https://wallet.example/terms.html') },
    { smali: load('http://10.0.2.2:8080/') },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(
    f[0].message,
    'WebView.loadUrl("http://wallet.example/terms.html") in Lorg/x/Page;->show(Landroid/webkit/WebView;)V at 0x2: the page is fetched without TLS.',
  );
  assertDexEvidence(f[0], 'Lorg/x/Page;', 'show(', 'loadUrl');
  assert.deepEqual(findingsOf(tls, check.id), []);
  assert.deepEqual(findingsOf(local, check.id), []);
});
