import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDex, type DexFile } from '../dex/index.js';
import { analyzeMethodValues, findMethod, methodsOfClass, subclassesOf } from './index.js';
import { argIsConstString, dropPrepared, preparedCode } from './prepared.js';
import { assembleCodeTestdata } from './testing.js';

const INVOKE = (op: number): boolean => (op >= 0x6e && op <= 0x72) || (op >= 0x74 && op <= 0x78);

/** [offset, arg] pairs of `method` for which argIsConstString says yes, as `offset:arg`. */
function proven(dex: DexFile, cls: string, name: string): string[] {
  const m = findMethod(dex, cls, name);
  assert.ok(m, name);
  const p = preparedCode(dex, m.method);
  const out: string[] = [];
  for (const x of p.cfg.insns)
    if (INVOKE(x.opcode))
      for (let a = 0; a < x.registers.length + 1; a++)
        if (argIsConstString(p, dex, x.offset, a)) out.push(`${x.offset}:${a}`);
  dropPrepared(dex, m.method);
  return out;
}

test('argIsConstString: a const-string earlier in the block, only other constants in between', (t) => {
  const bytes = assembleCodeTestdata(t);
  if (!bytes) return;
  const dex = parseDex(bytes);
  // Log.d(v0, v1) at offset 5 (const-string 2 units, const-string 2, const/4 1): tag and message.
  assert.deepEqual(proven(dex, 'Lt/Logs;', 'constant'), ['5:0', '5:1']);
  assert.deepEqual(
    proven(dex, 'Lt/Logs;', 'overwritten'),
    [],
    'const/4 and move-object overwrite the string',
  );
  assert.deepEqual(proven(dex, 'Lt/Logs;', 'joined'), [], 'a branch target lies in between');
  // println(I, tag, msg): registers v2 v0 v1; takesWide(J, String): the wide pair then v2.
  assert.deepEqual(proven(dex, 'Lt/Logs;', 'wide'), ['5:1', '5:2', '10:1']);
  // The receiver (arg 0) is never proven; the second println's message was loaded before another call.
  assert.deepEqual(proven(dex, 'Lt/Logs;', 'printed'), ['4:1']);
  assert.deepEqual(proven(dex, 'Lt/Logs;', 'unreachable'), ['5:0', '5:1'], 'no value at all there');
});

test('argIsConstString never disagrees with the value analysis (every invoke of the test DEX)', (t) => {
  const bytes = assembleCodeTestdata(t);
  if (!bytes) return;
  const dex = parseDex(bytes);
  let checked = 0;
  for (const ref of subclassesOf(dex, 'Ljava/lang/Object;')) {
    for (const m of methodsOfClass(ref)) {
      if (m.method.codeOff === 0) continue;
      const p = preparedCode(dex, m.method);
      const mv = analyzeMethodValues(dex, m.method);
      for (const x of p.cfg.insns) {
        if (!INVOKE(x.opcode)) continue;
        for (let a = 0; a < x.registers.length + 1; a++) {
          if (!argIsConstString(p, dex, x.offset, a)) continue;
          checked++;
          const v = mv.calls.get(x.offset)?.args[a];
          // Unreachable code has no call values at all; otherwise the value is that string.
          if (mv.calls.has(x.offset))
            assert.equal(v?.kind, 'string', `${m.descriptor} at ${x.offset} arg ${a}`);
        }
      }
    }
  }
  assert.ok(checked >= 10, `${checked} proven arguments`);
});

test('the analysis takes over prepared code: one decode per method', (t) => {
  const bytes = assembleCodeTestdata(t);
  if (!bytes) return;
  const dex = parseDex(bytes);
  const m = findMethod(dex, 'Lt/Logs;', 'constant');
  assert.ok(m);
  const p = preparedCode(dex, m.method);
  assert.equal(preparedCode(dex, m.method), p, 'kept until analysed');
  assert.equal(analyzeMethodValues(dex, m.method).cfg, p.cfg);
  assert.notEqual(preparedCode(dex, m.method), p, 'handed over once');
});
