import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasTool, IN_CI } from '../../../test/helpers.js';
import { analyzeDex } from './analyze.js';
import {
  forEachReferencedString,
  mergeDexIndexes,
  parseDex,
  stringUsers,
  type CodeIndex,
  type CodeSite,
  type DexFile,
} from './index.js';
import { mayMatch, stringPrefilter } from './lookups.js';
import { referencedStringsWhere } from './query.js';
import { assembleSmali } from './testing/smali.js';

const skip = hasTool('smali') || IN_CI ? false : 'smali is not installed';

/** What the string queries must give: a value → id map filled in id order over referenced ids. */
function expected(dex: DexFile): Map<string, number> {
  const { start } = analyzeDex(dex).byString;
  const m = new Map<string, number>();
  for (let id = 0; id + 1 < start.length; id++) if (start[id + 1] !== start[id]) m.set(dex.string(id), id);
  return m;
}

function check(dex: DexFile): string[] {
  const ci = mergeDexIndexes([analyzeDex(dex)]);
  const want = expected(dex);
  const seen: string[] = [];
  forEachReferencedString(ci, (value, sites) => {
    seen.push(value);
    assert.deepEqual(sites(), stringUsers(ci, value), value);
  });
  assert.deepEqual(seen, [...want.keys()], 'the values, in the map order');
  const { byString } = analyzeDex(dex);
  for (const [value, id] of want)
    assert.equal(stringUsers(ci, value).length, byString.start[id + 1] - byString.start[id], value);
  assert.deepEqual(stringUsers(ci, 'no such string'), []);
  return seen;
}

test(
  'referenced strings: sorted (bisected) and hostile (duplicated, unsorted) string tables agree',
  { skip },
  () => {
    const bytes = assembleSmali('all');
    const dex = parseDex(bytes);
    const values = check(dex);
    assert.ok(values.includes('hello'));
    // Point the string_id of the first referenced string at the data of the last one: a repeated,
    // out-of-order value. The queries must then give the map's answer (the later id, first position).
    const want = expected(dex);
    const ids = [...want.values()];
    const [a, b] = [ids[0], ids[ids.length - 1]];
    const bad = bytes.slice();
    const view = new DataView(bad.buffer);
    const at = dex.header.stringIdsOff;
    view.setUint32(at + 4 * a, view.getUint32(at + 4 * b, true), true);
    const hostile = parseDex(bad, undefined, { verifyChecksum: false });
    const seen = check(hostile);
    assert.equal(seen.length, values.length - 1, 'one value fewer');
    assert.equal(seen[0], dex.string(b), 'the repeated value keeps its first position');
  },
);

/** What `referencedStringsWhere` must give: the walk's values that `match` accepts, with their sites. */
function walkWhere(ci: CodeIndex, match: (v: string) => boolean): { value: string; sites: CodeSite[] }[] {
  const out: { value: string; sites: CodeSite[] }[] = [];
  forEachReferencedString(ci, (value, sites) => {
    if (match(value)) out.push({ value, sites: sites() });
  });
  return out;
}

test(
  'referencedStringsWhere: the walk filtered, whether or not the strings were decoded first',
  { skip },
  () => {
    const bytes = assembleSmali('all');
    const dex = parseDex(bytes);
    const values = [...expected(dex).keys()];
    const target = values.find((v) => v === 'hello') ?? values[0];
    const pairs = [target.slice(0, 2).toUpperCase()];
    const pre = stringPrefilter(target.length + 1, pairs);
    const match = (v: string): boolean =>
      v.length <= target.length && v.toLowerCase().includes(pairs[0].toLowerCase());
    // Built from fresh indexes: the first call runs on the raw bytes, the second on the decoded list.
    const fresh = mergeDexIndexes([analyzeDex(dex)]);
    const got = referencedStringsWhere(fresh, pre, match);
    assert.ok(
      got.some((h) => h.value === target),
      'the target string is found',
    );
    const want = walkWhere(fresh, match);
    assert.deepEqual(got, want);
    assert.deepEqual(referencedStringsWhere(fresh, pre, match), want);
    // A value repeated out of order (see above): the map's answer, without decoding the others.
    const ids = [...expected(dex).values()];
    const bad = bytes.slice();
    const view = new DataView(bad.buffer);
    const at = dex.header.stringIdsOff;
    const idOfTarget = expected(dex).get(target) as number;
    view.setUint32(at + 4 * ids[0], view.getUint32(at + 4 * idOfTarget, true), true);
    const hostile = parseDex(bad, undefined, { verifyChecksum: false });
    const ci = mergeDexIndexes([analyzeDex(hostile)]);
    const hostileGot = referencedStringsWhere(ci, pre, match);
    assert.deepEqual(hostileGot, walkWhere(mergeDexIndexes([analyzeDex(hostile)]), match));
    assert.equal(hostileGot[0]?.value, target, 'the repeated value keeps its first position');
  },
);

test('stringPrefilter and mayMatch: ASCII text ruled out only when too long or without a pair', () => {
  const pre = stringPrefilter(10, ['sU']);
  // uleb128 length, MUTF-8 bytes, NUL.
  const data = (len: number, ...b: number[]): Uint8Array => Uint8Array.from([len, ...b, 0]);
  const ascii = (s: string): Uint8Array => data(s.length, ...[...s].map((c) => c.charCodeAt(0)));
  assert.equal(mayMatch(ascii('which SU'), 0, pre), true, 'pairs ignore ASCII case');
  assert.equal(mayMatch(ascii('/bin/ls'), 0, pre), false);
  assert.equal(mayMatch(ascii('s'), 0, pre), false);
  assert.equal(mayMatch(ascii('xxxxxxxxsu'), 0, pre), false, 'ten units: too long');
  assert.equal(mayMatch(data(2, 0xc3, 0xa9, 0x61), 0, pre), true, 'non-ASCII is left to the decoder');
  assert.equal(
    mayMatch(Uint8Array.from([3, 0x61, 0x62, 0x63]), 0, pre),
    true,
    'unterminated: the decoder decides',
  );
  assert.equal(mayMatch(ascii('su'), 5, pre), true, 'an offset past the end: the decoder decides');
  assert.throws(() => stringPrefilter(10, ['abc']), RangeError);
});
