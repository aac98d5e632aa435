import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  constantText,
  formatValue,
  hasNonConstantPart,
  isNullish,
  joinValues,
  knownBytes,
  MAX_ALTERNATIVES,
  possibleInts,
  possibleStrings,
  sameValue,
  type Value,
} from './index.js';

const s = (text: string): Value => ({ kind: 'string', idx: -1, text });
const int = (value: number): Value => ({ kind: 'int', value });

test('a merge keeps up to MAX_ALTERNATIVES values, then gives unknown', () => {
  assert.deepEqual(joinValues(s('a'), s('a')), s('a'));
  let v = joinValues(s('a'), s('b'));
  assert.deepEqual(possibleStrings(v), ['a', 'b']);
  assert.deepEqual(joinValues(v, s('a')), v, 'a member already in the set');
  for (let i = 2; i < MAX_ALTERNATIVES; i++) v = joinValues(v, s(`x${i}`));
  assert.equal(v.kind, 'oneOf');
  assert.equal(joinValues(v, s('one too many')).kind, 'unknown');
  assert.equal(joinValues(int(1), { kind: 'unknown' }).kind, 'unknown');
  assert.deepEqual(possibleInts(joinValues(int(1), int(0))), [1, 0]);
  assert.equal(
    possibleStrings(joinValues(s('a'), { kind: 'param', index: 0, type: 'Ljava/lang/String;' })),
    undefined,
  );
});

test('values are DAGs: doubling concatenations stay bounded in time and size', () => {
  let v: Value = s('ab');
  let w: Value = s('ab');
  for (let i = 0; i < 60; i++) {
    v = { kind: 'concat', parts: [v, v], site: i, open: false };
    w = { kind: 'concat', parts: [w, w], site: i, open: false };
  }
  const start = performance.now();
  assert.equal(constantText(v), undefined, '2^61 characters are not folded');
  assert.equal(hasNonConstantPart(v), true, 'too large to tell counts as not constant');
  assert.equal(sameValue(v, w), false, 'too deep to compare counts as different');
  assert.ok(formatValue(v).length < 10_000);
  assert.ok(performance.now() - start < 1000);
  const small: Value = { kind: 'concat', parts: [s('SELECT '), s('1')], site: 0, open: false };
  assert.equal(constantText(small), 'SELECT 1');
  assert.equal(hasNonConstantPart(small), false);
});

test('null, boxed constants and bytes', () => {
  assert.equal(isNullish(int(0)), true, 'const/4 vX, 0 doubles as null');
  assert.equal(isNullish({ kind: 'int', value: 0, boxed: true }), false, 'Integer.valueOf(0) is not null');
  assert.equal(isNullish({ kind: 'null' }), true);
  const arr: Value = {
    kind: 'array',
    type: '[B',
    site: 0,
    length: 3,
    elements: [int(-1), int(0x7f), int(0x180)],
  };
  assert.deepEqual([...(knownBytes(arr) ?? [])], [0xff, 0x7f, 0x80], 'byte elements wrap as Java bytes');
  assert.equal(knownBytes({ kind: 'array', type: '[B', site: 0, length: 16 }), undefined, 'contents unknown');
  const many: Value = {
    kind: 'invoke',
    method: 'Lx;->f()V',
    args: Array.from({ length: 255 }, (_, i) => int(i)),
    offset: 0,
  };
  assert.ok(formatValue(many).endsWith('15, …)'));
});
