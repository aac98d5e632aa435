import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './dynamic-receiver.js';
import { method, smaliClass } from '../storage/lib/smali.js';

const CLS = 'org/dfslab/fixture/Main';

function register(action: string, call: string): Record<string, string> {
  return smaliClass(CLS, [
    method('onResume', '(Landroid/content/BroadcastReceiver;)V', 3, [
      'new-instance v0, Landroid/content/IntentFilter;',
      `const-string v1, "${action}"`,
      'invoke-direct {v0, v1}, Landroid/content/IntentFilter;-><init>(Ljava/lang/String;)V',
      'const/4 v2, 4',
      call,
    ]),
  ]);
}
const NO_FLAG = `invoke-virtual {p0, p1, v0}, L${CLS};->registerReceiver(Landroid/content/BroadcastReceiver;Landroid/content/IntentFilter;)Landroid/content/Intent;`;
const NOT_EXPORTED = `invoke-virtual {p0, p1, v0, v2}, L${CLS};->registerReceiver(Landroid/content/BroadcastReceiver;Landroid/content/IntentFilter;I)Landroid/content/Intent;`;

test('AND-PLATFORM-007 exported-dynamic-receiver', async (t) => {
  const [open, notExported, system] = await auditFixtures(t, check, [
    { smali: register('org.dfslab.PAYMENT_DONE', NO_FLAG), targetSdk: 34 },
    { smali: register('org.dfslab.PAYMENT_DONE', NOT_EXPORTED), targetSdk: 34 },
    { smali: register('android.intent.action.SCREEN_OFF', NO_FLAG), targetSdk: 34 },
  ]);
  if (!open) return;
  const f = findingsOf(open, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'noFlag');
  assert.match(f[0].message, /"org\.dfslab\.PAYMENT_DONE".*SecurityException/);
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'dex' &&
      ev.method === 'onResume(Landroid/content/BroadcastReceiver;)V' &&
      /registerReceiver/.test(ev.instruction ?? ''),
  );
  assert.equal(findingsOf(notExported, check.id).length, 0);
  assert.equal(findingsOf(system, check.id).length, 0);
});
