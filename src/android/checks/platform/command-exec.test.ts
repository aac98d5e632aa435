import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './command-exec.js';
import { method, smaliClass } from '../storage/lib/smali.js';

const CLS = 'org/dfslab/fixture/Shell';

function exec(command: string[]): Record<string, string> {
  return smaliClass(
    CLS,
    [
      method('run', '(Ljava/lang/String;)V', 3, [
        'invoke-static {}, Ljava/lang/Runtime;->getRuntime()Ljava/lang/Runtime;',
        'move-result-object v0',
        ...command,
        'invoke-virtual {v0, v1}, Ljava/lang/Runtime;->exec(Ljava/lang/String;)Ljava/lang/Process;',
      ]),
    ],
    'Ljava/lang/Object;',
  );
}

test('AND-PLATFORM-002 command-execution', async (t) => {
  const helper = {
    ...exec(['move-object v1, p1']),
  };
  const caller = smaliClass(
    'org/dfslab/fixture/Caller',
    [
      method('go', '()V', 2, [
        `new-instance v0, L${CLS};`,
        'const-string v1, "uptime"',
        `invoke-virtual {v0, v1}, L${CLS};->run(Ljava/lang/String;)V`,
      ]),
    ],
    'Ljava/lang/Object;',
  );
  const [dynamic, su, fixed, none, viaCaller] = await auditFixtures(t, check, [
    {
      smali: exec([
        'new-instance v1, Ljava/lang/StringBuilder;',
        'const-string v2, "ping -c 1 "',
        'invoke-direct {v1, v2}, Ljava/lang/StringBuilder;-><init>(Ljava/lang/String;)V',
        'invoke-virtual {v1, p1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;',
        'invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;',
        'move-result-object v1',
      ]),
    },
    { smali: exec(['const-string v1, "su"']) },
    { smali: exec(['const-string v1, "logcat -c"']) },
    { smali: smaliClass(CLS, [method('run', '()V', 1, ['const-string v0, "su"'])], 'Ljava/lang/Object;') },
    { smali: { ...helper, ...caller } },
  ]);
  if (!dynamic) return;
  const f = findingsOf(dynamic, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'dynamic');
  assert.equal(f[0].severity, 'high');
  assert.match(f[0].message, /Runtime\.exec .*concat\("ping -c 1 " \+ param0\)/);
  const ev = f[0].evidence[0];
  assert.ok(ev.kind === 'dex' && ev.class === `L${CLS};` && /Runtime;->exec/.test(ev.instruction ?? ''));
  const s = findingsOf(su, check.id);
  assert.equal(s.length, 1);
  assert.equal(s[0].messageId, 'su');
  assert.equal(s[0].severity, 'info');
  const c = findingsOf(fixed, check.id);
  assert.equal(c.length, 1);
  assert.equal(c[0].messageId, 'constant');
  assert.equal(c[0].severity, 'low');
  assert.equal(findingsOf(none, check.id).length, 0);
  const v = findingsOf(viaCaller, check.id);
  assert.equal(v.length, 1);
  assert.equal(v[0].messageId, 'constant', 'the only caller passes a constant');
  assert.match(v[0].message, /"uptime" \(value from Lorg\/dfslab\/fixture\/Caller;->go\(\)V at 0x4\)/);
});
