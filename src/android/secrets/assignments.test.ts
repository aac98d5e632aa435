import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ASSIGNMENT, assignmentMatches } from './assignments.js';

/** The plain reading: ASSIGNMENT's global exec loop, as [index, match, name, values…]. */
function reference(text: string): (string | number | undefined)[][] {
  const out: (string | number | undefined)[][] = [];
  const re = new RegExp(ASSIGNMENT.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, ...m]);
  return out;
}

const found = (text: string) => assignmentMatches(text).map((m) => [m.index, ...m]);

test('assignments in config text, JSON and query strings, in order', () => {
  const text = 'a=1 password = "hunter22" {"api_key": \'Zq8Lw3Rt\'} ?token=abcd1234&x=y secret:  s3cr3t!';
  const matches = found(text);
  assert.deepEqual(matches, reference(text));
  assert.deepEqual(
    matches.map((m) => m[2]),
    ['password', 'api_key', 'token', 'secret'],
  );
});

test('long texts with many operators and no names before them', () => {
  const text =
    '~~~{' + Array.from({ length: 500 }, (_, i) => `"Lcom/a/C${i};":"d8c4aeb${i % 10}"`).join(',') + '}';
  assert.deepEqual(found(text), reference(text));
  const names = 'x'.repeat(200) + '=value1234 ' + 'y'.repeat(61) + '=abcd ' + 'z'.repeat(60) + '=abcd';
  assert.deepEqual(found(names), reference(names));
});

test('property: the same matches as the global regex, in the same order', () => {
  const piece = fc.constantFrom(
    'a',
    'Z',
    '_',
    '9',
    '.',
    '-',
    'key',
    'password',
    '=',
    ':',
    '=>',
    ' ',
    '\t',
    '\u00a0',
    '"',
    "'",
    '&',
    ',',
    ';',
    ')',
    ']',
    '/',
    'abcd',
    'x'.repeat(30),
    'é',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(found(text), reference(text), JSON.stringify(text));
    }),
    { numRuns: 20000, seed: 0x5eed },
  );
});
