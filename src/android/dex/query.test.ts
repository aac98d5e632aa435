import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasTool, IN_CI } from '../../../test/helpers.js';
import { analyzeDex } from './analyze.js';
import { forEachReferencedString, mergeDexIndexes, parseDex, stringUsers, type DexFile } from './index.js';
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
