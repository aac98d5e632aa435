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
  const wrapper = {
    ...smaliClass(
      'org/dfslab/fixture/L',
      [
        method(
          'log',
          '(Ljava/lang/String;)V',
          1,
          [
            'const-string v0, "Wallet"',
            'invoke-static {v0, p0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I',
          ],
          true,
        ),
      ],
      'Ljava/lang/Object;',
    ),
    ...smaliClass(CLS, [
      method('check', '(Ljava/lang/String;)V', 2, [
        'new-instance v0, Ljava/lang/StringBuilder;',
        'const-string v1, "otp="',
        'invoke-direct {v0, v1}, Ljava/lang/StringBuilder;-><init>(Ljava/lang/String;)V',
        'invoke-virtual {v0, p1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;',
        'invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;',
        'move-result-object v0',
        'invoke-static {v0}, Lorg/dfslab/fixture/L;->log(Ljava/lang/String;)V',
      ]),
    ]),
  };
  const [pin, plain, constant, wrapped] = await auditFixtures(t, check, [
    { smali: logs('login attempt, pin=', 'move-object v1, p1') },
    { smali: logs('screen opened: ', 'move-object v1, p1') },
    { smali: logs('login attempt', 'const-string v1, " started"') },
    { smali: wrapper },
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
  assert.equal(p[0].severity, 'info');
  assert.equal(findingsOf(constant, check.id).length, 0);
  const w = findingsOf(wrapped, check.id).filter((x) => x.messageId === 'sensitive');
  assert.equal(w.length, 1, 'the label is at the caller of the logging wrapper');
  assert.match(w[0].message, /Log\.i \(through L;->log\) in Lorg\/dfslab\/fixture\/Login;->check.*"otp"/);
  const wev = w[0].evidence[0];
  assert.ok(wev.kind === 'dex' && wev.class === `L${CLS};` && /L;->log/.test(wev.instruction ?? ''));
});
