import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliInit, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import check from './ssl-error-proceed.js';

const CLIENT = 'Landroid/webkit/WebViewClient;';
const SIG =
  'onReceivedSslError(Landroid/webkit/WebView;Landroid/webkit/SslErrorHandler;Landroid/net/http/SslError;)V';
const client = (cls: string, body: string): Record<string, string> =>
  smaliClass(cls, [smaliInit(CLIENT), smaliMethod('public', SIG, 5, body)], { super: CLIENT });

test('AND-WEBVIEW-001 webview-ssl-error-proceed', async (t) => {
  const conditional =
    'invoke-virtual {p3}, Landroid/net/http/SslError;->getPrimaryError()I\nmove-result v0\nif-nez v0, :cancel\ninvoke-virtual {p2}, Landroid/webkit/SslErrorHandler;->proceed()V\nreturn-void\n:cancel\ninvoke-virtual {p2}, Landroid/webkit/SslErrorHandler;->cancel()V\nreturn-void';
  const [always, sometimes, cancel] = await auditFixtures(t, check, [
    {
      smali: client(
        'Lorg/x/Client;',
        'invoke-virtual {p2}, Landroid/webkit/SslErrorHandler;->proceed()V\nreturn-void',
      ),
    },
    { smali: client('Lorg/x/Client;', conditional) },
    {
      smali: client(
        'Lorg/x/Client;',
        'invoke-virtual {p2}, Landroid/webkit/SslErrorHandler;->cancel()V\nreturn-void',
      ),
    },
  ]);
  if (!always) return;
  const f = findingsOf(always, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'always');
  assert.equal(
    f[0].message,
    `Lorg/x/Client;->${SIG} calls SslErrorHandler.proceed() at 0x0 on every path: any certificate error is ignored.`,
  );
  assertDexEvidence(f[0], 'Lorg/x/Client;', 'onReceivedSslError(', 'SslErrorHandler;->proceed()V');
  const s = findingsOf(sometimes, check.id);
  assert.equal(s.length, 1);
  assert.equal(s[0].messageId, 'conditional');
  assert.equal(s[0].confidence, 'medium');
  assert.deepEqual(findingsOf(cancel, check.id), []);
});
