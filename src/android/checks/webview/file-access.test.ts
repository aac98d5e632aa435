import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence } from '../crypto/lib/smali-fixtures.js';
import { setterCall } from './lib/setter-fixture.js';
import check from './file-access.js';

const API = 'Landroid/webkit/WebSettings;->setAllowFileAccess(Z)V';

test('AND-WEBVIEW-003 webview-file-access', async (t) => {
  const [pos, off, unknown] = await auditFixtures(t, check, [
    { smali: setterCall(API, 1) },
    { smali: setterCall(API, 0) },
    { smali: setterCall(API, 'param') },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(
    f[0].message,
    'WebSettings.setAllowFileAccess(true) in Lorg/x/Web;->configure(Landroid/webkit/WebSettings;Z)V at 0x1: the WebView can load file:// URLs.',
  );
  assertDexEvidence(f[0], 'Lorg/x/Web;', 'configure(', 'setAllowFileAccess');
  assert.deepEqual(findingsOf(off, check.id), []);
  assert.deepEqual(findingsOf(unknown, check.id), []);
});
