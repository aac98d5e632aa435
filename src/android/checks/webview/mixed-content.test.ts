import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import check from './mixed-content.js';

const mode = (n: number, cls = 'Lorg/x/Web;'): Record<string, string> =>
  smaliClass(cls, [
    smaliMethod(
      'public static',
      'configure(Landroid/webkit/WebSettings;)V',
      2,
      `const/4 v0, ${n}\ninvoke-virtual {p0, v0}, Landroid/webkit/WebSettings;->setMixedContentMode(I)V\nreturn-void`,
    ),
  ]);

test('AND-WEBVIEW-008 webview-mixed-content', async (t) => {
  // 0 = MIXED_CONTENT_ALWAYS_ALLOW, 1 = NEVER_ALLOW, 2 = COMPATIBILITY_MODE. The Play services
  // ads WebView (SDK internals the app cannot change) is not reported.
  const [always, never, compat] = await auditFixtures(t, check, [
    { smali: mode(0) },
    { smali: { ...mode(1), ...mode(0, 'Lcom/google/android/gms/ads/internal/AdWebView;') } },
    { smali: mode(2) },
  ]);
  if (!always) return;
  const f = findingsOf(always, check.id);
  assert.equal(f.length, 1);
  assert.equal(
    f[0].message,
    'WebSettings.setMixedContentMode(MIXED_CONTENT_ALWAYS_ALLOW) in Lorg/x/Web;->configure(Landroid/webkit/WebSettings;)V at 0x1: https:// pages may load scripts and frames over plain HTTP.',
  );
  assertDexEvidence(f[0], 'Lorg/x/Web;', 'configure(', 'setMixedContentMode');
  assert.deepEqual(findingsOf(never, check.id), []);
  assert.deepEqual(findingsOf(compat, check.id), []);
});
