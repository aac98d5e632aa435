import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './pending-intent.js';
import { method, smaliClass } from '../storage/lib/smali.js';

const CLS = 'org/dfslab/fixture/Notify';
const GET =
  'invoke-static {p0, v1, v0, v2}, Landroid/app/PendingIntent;->getActivity(Landroid/content/Context;ILandroid/content/Intent;I)Landroid/app/PendingIntent;';

function pending(intent: string[], flags: string): Record<string, string> {
  return smaliClass(CLS, [method('notify', '()V', 3, [...intent, 'const/4 v1, 0', `const ${flags}`, GET])]);
}
const IMPLICIT = [
  'new-instance v0, Landroid/content/Intent;',
  'const-string v1, "org.dfslab.PAY"',
  'invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V',
];
const EXPLICIT = [
  'new-instance v0, Landroid/content/Intent;',
  `const-class v1, L${CLS};`,
  'invoke-direct {v0, p0, v1}, Landroid/content/Intent;-><init>(Landroid/content/Context;Ljava/lang/Class;)V',
];
const PACKAGED = [
  ...IMPLICIT,
  'const-string v1, "org.dfslab.fixture"',
  'invoke-virtual {v0, v1}, Landroid/content/Intent;->setPackage(Ljava/lang/String;)Landroid/content/Intent;',
];

test('AND-PLATFORM-003 mutable-implicit-pending-intent', async (t) => {
  const [mutable, immutable, explicit, packaged, oldTarget] = await auditFixtures(t, check, [
    { smali: pending(IMPLICIT, 'v2, 0x02000000') },
    { smali: pending(IMPLICIT, 'v2, 0x04000000') },
    { smali: pending(EXPLICIT, 'v2, 0x02000000') },
    { smali: pending(PACKAGED, 'v2, 0x02000000') },
    { smali: pending(IMPLICIT, 'v2, 0x08000000'), targetSdk: 30 },
  ]);
  if (!mutable) return;
  const f = findingsOf(mutable, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'implicit');
  assert.match(f[0].message, /getActivity\(…, new Intent\("org\.dfslab\.PAY"\), 0x2000000\).*FLAG_MUTABLE/);
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'dex' && ev.class === `L${CLS};` && /PendingIntent;->getActivity/.test(ev.instruction ?? ''),
  );
  assert.equal(findingsOf(immutable, check.id).length, 0);
  assert.equal(findingsOf(explicit, check.id).length, 0);
  assert.equal(findingsOf(packaged, check.id).length, 0);
  const o = findingsOf(oldTarget, check.id);
  assert.equal(o.length, 1);
  assert.match(o[0].message, /no FLAG_IMMUTABLE with targetSdkVersion 30/);
});
