import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliInit, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import check from './javascript-interface.js';

/** An activity method that sets up a WebView with JavaScript on/off and exposes a Bridge. */
function screen(js: number, expose: boolean, webView = 'Landroid/webkit/WebView;'): Record<string, string> {
  const body = `invoke-virtual {p1}, Landroid/webkit/WebView;->getSettings()Landroid/webkit/WebSettings;
move-result-object v0
const/4 v1, ${js}
invoke-virtual {v0, v1}, Landroid/webkit/WebSettings;->setJavaScriptEnabled(Z)V
${expose ? `new-instance v0, Lorg/x/Bridge;\ninvoke-direct {v0}, Lorg/x/Bridge;-><init>()V\nconst-string v1, "wallet"\ninvoke-virtual {p1, v0, v1}, ${webView}->addJavascriptInterface(Ljava/lang/Object;Ljava/lang/String;)V` : ''}
return-void`;
  return {
    ...smaliClass('Lorg/x/Screen;', [smaliMethod('public', 'setup(Landroid/webkit/WebView;)V', 4, body)]),
    ...smaliClass('Lorg/x/Bridge;', [smaliInit()]),
  };
}

test('AND-WEBVIEW-002 webview-javascript-interface', async (t) => {
  // The call names a WebView subclass of the app (its receiver's static type).
  const subclass = {
    ...screen(1, true, 'Lorg/x/MyWebView;'),
    ...smaliClass('Lorg/x/MyWebView;', [], { super: 'Landroid/webkit/WebView;' }),
  };
  const [pos, legacy, jsOff, noBridge, viaSubclass] = await auditFixtures(t, check, [
    { smali: screen(1, true) },
    { smali: screen(1, true), minSdk: 16 },
    { smali: screen(0, true) },
    { smali: screen(1, false) },
    { smali: subclass },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'exposed');
  assert.match(
    f[0].message,
    /^addJavascriptInterface\(Lorg\/x\/Bridge;, "wallet"\) in Lorg\/x\/Screen;->setup\(Landroid\/webkit\/WebView;\)V at 0xf, with setJavaScriptEnabled\(true\) in Lorg\/x\/Screen;->setup\(Landroid\/webkit\/WebView;\)V at 0x5:/,
  );
  assertDexEvidence(f[0], 'Lorg/x/Screen;', 'setup(', 'addJavascriptInterface');
  const l = findingsOf(legacy, check.id);
  assert.equal(l.length, 1);
  assert.equal(l[0].messageId, 'reflection');
  assert.equal(l[0].severity, 'critical');
  assert.deepEqual(findingsOf(jsOff, check.id), []);
  assert.deepEqual(findingsOf(noBridge, check.id), []);
  const sub = findingsOf(viaSubclass, check.id);
  assert.equal(sub.length, 1);
  assert.ok(
    sub[0].evidence[0].kind === 'dex' &&
      sub[0].evidence[0].instruction?.includes('Lorg/x/MyWebView;->addJavascriptInterface'),
  );
});
