import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './release-logging.js';
import { method, smaliClass } from './lib/smali.js';

const CLS = 'org/dfslab/fixture/Login';

function logs(prefix: string, value: string): Record<string, string> {
  return smaliClass(CLS, [
    method('check', '(Ljava/lang/String;)V', 3, [
      'new-instance v0, Ljava/lang/StringBuilder;',
      'invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V',
      `const-string v1, "${prefix}"`,
      'invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;',
      value,
      'invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;',
      'invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;',
      'move-result-object v1',
      'const-string v2, "Wallet"',
      'invoke-static {v2, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I',
    ]),
  ]);
}

test('AND-STORAGE-004 release-logging', async (t) => {
  const [pin, plain, constant] = await auditFixtures(t, check, [
    { smali: logs('login attempt, pin=', 'move-object v1, p1') },
    { smali: logs('screen opened: ', 'move-object v1, p1') },
    { smali: logs('login attempt', 'const-string v1, " started"') },
  ]);
  if (!pin) return;
  const f = findingsOf(pin, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'sensitive');
  assert.equal(f[0].severity, 'high');
  assert.match(f[0].message, /Log\.d .*"pin".*concat\("login attempt, pin=" \+ param0\)/);
  const ev = f[0].evidence[0];
  assert.equal(ev.kind, 'dex');
  if (ev.kind === 'dex') {
    assert.equal(ev.method, 'check(Ljava/lang/String;)V');
    assert.match(ev.instruction ?? '', /invoke-static \{v2, v1\}, Landroid\/util\/Log;->d/);
  }
  const p = findingsOf(plain, check.id);
  assert.equal(p.length, 1);
  assert.equal(p[0].messageId, 'other');
  assert.equal(p[0].severity, 'low');
  assert.equal(findingsOf(constant, check.id).length, 0);
});
