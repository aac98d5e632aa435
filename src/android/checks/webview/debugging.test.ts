import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import { setterCall } from './lib/setter-fixture.js';
import check from './debugging.js';

const API = 'Landroid/webkit/WebView;->setWebContentsDebuggingEnabled(Z)V';

test('AND-WEBVIEW-005 webview-debugging-enabled', async (t) => {
  // Guarded by BuildConfig.DEBUG = false (a static final field): not a finding.
  const guarded = smaliClass(
    'Lorg/x/Debug;',
    [
      smaliMethod(
        'public static',
        'maybe()V',
        1,
        `sget-boolean v0, Lorg/x/Debug;->DEBUG:Z\ninvoke-static {v0}, ${API}\nreturn-void`,
      ),
    ],
    { fields: ['.field public static final DEBUG:Z = false'] },
  );
  const [pos, off, release] = await auditFixtures(t, check, [
    { smali: setterCall(API, 1, true) },
    { smali: setterCall(API, 0, true) },
    { smali: guarded },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.match(
    f[0].message,
    /^WebView\.setWebContentsDebuggingEnabled\(true\) in Lorg\/x\/Web;->configure\(Landroid\/webkit\/WebView;Z\)V at 0x1:/,
  );
  assertDexEvidence(f[0], 'Lorg/x/Web;', 'configure(', 'setWebContentsDebuggingEnabled');
  assert.deepEqual(findingsOf(off, check.id), []);
  assert.deepEqual(findingsOf(release, check.id), []);
});
