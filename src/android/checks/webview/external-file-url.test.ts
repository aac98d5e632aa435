import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import check from './external-file-url.js';

const JS_ON = `invoke-virtual {p1}, Landroid/webkit/WebView;->getSettings()Landroid/webkit/WebSettings;
move-result-object v1
const/4 v2, 1
invoke-virtual {v1, v2}, Landroid/webkit/WebSettings;->setJavaScriptEnabled(Z)V`;

/** ViewStatement's shape: "file://" + Environment.getExternalStorageDirectory() + "/Statements_" + user + ".html". */
function statement(js: boolean, base = 'ext'): Record<string, string> {
  const dir =
    base === 'ext'
      ? `invoke-static {}, Landroid/os/Environment;->getExternalStorageDirectory()Ljava/io/File;
move-result-object v1
invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/Object;)Ljava/lang/StringBuilder;`
      : `const-string v1, "/android_asset"
invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;`;
  const body = `${js ? JS_ON : ''}
new-instance v0, Ljava/lang/StringBuilder;
invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
const-string v1, "file://"
invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
${dir}
const-string v1, "/Statements_"
invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
invoke-virtual {v0, p2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
move-result-object v1
invoke-virtual {p1, v1}, Landroid/webkit/WebView;->loadUrl(Ljava/lang/String;)V
return-void`;
  return smaliClass('Lorg/x/Statement;', [
    smaliMethod('public', 'show(Landroid/webkit/WebView;Ljava/lang/String;)V', 5, body),
  ]);
}

test('AND-WEBVIEW-009 webview-external-file-url', async (t) => {
  const [pos, noJs, asset] = await auditFixtures(t, check, [
    { smali: statement(true) },
    { smali: statement(false) },
    { smali: statement(true, 'asset') },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'external');
  assert.match(
    f[0].message,
    /^WebView\.loadUrl\("file:\/\/…"\) in Lorg\/x\/Statement;->show\(.*loads a page from shared storage, and Lorg\/x\/Statement; enables JavaScript/,
  );
  assertDexEvidence(f[0], 'Lorg/x/Statement;', 'show(', 'loadUrl');
  assert.deepEqual(findingsOf(noJs, check.id), []);
  assert.deepEqual(findingsOf(asset, check.id), []);
});
