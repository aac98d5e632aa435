import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './implicit-broadcast.js';
import { method, smaliClass } from '../storage/lib/smali.js';

const CLS = 'org/dfslab/fixture/Events';

function send(extra: string[], sendLine: string): Record<string, string> {
  return smaliClass(CLS, [
    method('changed', '(Ljava/lang/String;)V', 3, [
      'new-instance v0, Landroid/content/Intent;',
      'const-string v1, "org.dfslab.PIN_CHANGED"',
      'invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V',
      'const-string v1, "newpin"',
      'invoke-virtual {v0, v1, p1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;',
      ...extra,
      sendLine,
    ]),
  ]);
}
const SEND = `invoke-virtual {p0, v0}, L${CLS};->sendBroadcast(Landroid/content/Intent;)V`;
const SEND_PERM = `invoke-virtual {p0, v0, v2}, L${CLS};->sendBroadcast(Landroid/content/Intent;Ljava/lang/String;)V`;

test('AND-PLATFORM-006 implicit-broadcast', async (t) => {
  const [implicit, withPermission, withPackage] = await auditFixtures(t, check, [
    { smali: send([], SEND) },
    { smali: send(['const-string v2, "org.dfslab.permission.EVENTS"'], SEND_PERM) },
    {
      smali: send(
        [
          'const-string v1, "org.dfslab.fixture"',
          'invoke-virtual {v0, v1}, Landroid/content/Intent;->setPackage(Ljava/lang/String;)Landroid/content/Intent;',
        ],
        SEND,
      ),
    },
  ]);
  if (!implicit) return;
  const f = findingsOf(implicit, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'implicit');
  assert.equal(f[0].severity, 'high', 'a PIN extra makes it worse');
  assert.match(f[0].message, /sendBroadcast\(new Intent\("org\.dfslab\.PIN_CHANGED"\)\).*"newpin"/);
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'dex' &&
      ev.method === 'changed(Ljava/lang/String;)V' &&
      /sendBroadcast/.test(ev.instruction ?? ''),
  );
  assert.equal(findingsOf(withPermission, check.id).length, 0);
  assert.equal(findingsOf(withPackage, check.id).length, 0);
});
