/**
 * Hostile input: mutate real resources.arsc bytes (and a generated table with compact, sparse and
 * offset16 entries, bags and a reference loop) and check that parsing and every query either
 * succeed or throw a DfslabError, and terminate.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDfslabError } from '../../core/errors.js';
import { DT } from './constants.js';
import { allStrings, createResolver, entriesOf, findId, parseArsc } from './index.js';
import {
  bagEntry,
  compactEntry,
  config,
  packageChunk,
  simpleEntry,
  table,
  typeChunk,
  typeSpec,
} from './testing/build.js';

const SHARED_APKS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'apks');
const REAL = [
  'ostorlab/Ostorlab_insecure_app.apk',
  'androguard/APK/TestActivity.apk',
  'androguard/AXML/compact-entry.apk',
];

function realTables(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const rel of REAL) {
    const apk = join(SHARED_APKS, rel);
    if (!existsSync(apk)) continue;
    try {
      const b = execFileSync('unzip', ['-p', apk, 'resources.arsc'], { maxBuffer: 64 * 1024 * 1024 });
      if (b.length > 0) out.push(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    } catch {
      // unzip missing or no table: the generated table still runs
    }
  }
  return out;
}

function generated(): Uint8Array {
  const pkg = packageChunk(
    0x7f,
    'g',
    ['string', 'style', 'xml'],
    ['a', 'b', 'c'],
    [
      typeSpec(1, [0, 0, 0]),
      typeChunk(1, config(), [
        simpleEntry(0, DT.REFERENCE, 0x7f010001),
        simpleEntry(1, DT.REFERENCE, 0x7f010000),
        simpleEntry(2, DT.STRING, 0),
      ]),
      typeChunk(
        1,
        config({ 8: 0x66, 9: 0x72 }),
        [simpleEntry(0, DT.STRING, 1), undefined, simpleEntry(2, DT.DIMENSION, 0x1001)],
        'sparse',
      ),
      typeSpec(2, [0]),
      typeChunk(2, config({ 24: 21 }), [
        bagEntry(1, 0x7f020000, [
          [0x01010000, DT.STRING, 1],
          [0x01010001, DT.REFERENCE, 0x7f020000],
        ]),
      ]),
      typeSpec(3, [0, 0]),
      typeChunk(
        3,
        config(),
        [compactEntry(2, DT.STRING, 0), compactEntry(1, DT.REFERENCE, 0x7f030000)],
        'offset16',
      ),
    ],
  );
  return table(['one', 'two'], [pkg]);
}

/** Parses and runs every query; returns normally or throws what the parser threw. */
function exercise(bytes: Uint8Array): void {
  const t = parseArsc(bytes);
  const r = createResolver(t);
  let n = 0;
  for (const pkg of t.packages) {
    for (const g of pkg.types) {
      if (!g) continue;
      const limit = Math.min(g.entryCount, 32);
      for (let e = 0; e < limit; e++) {
        const id = ((pkg.id << 24) | (g.id << 16) | e) >>> 0;
        entriesOf(t, id);
        r.values(id);
        r.resolve(id);
        r.name(id);
        r.filePath(id);
      }
    }
  }
  for (const s of allStrings(t)) {
    if (typeof s.value !== 'string') throw new Error('allStrings yielded a non-string');
    if (++n > 2000) break;
  }
  findId(t, 'string/a');
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), v: fc.constant(0) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), v: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('u32' as const),
    at: fc.nat(),
    v: fc.constantFrom(0, 1, 0x7fff, 0xffff, 0x10000, 0x7fffffff, 0xfffffffe, 0xffffffff),
  }),
  fc.record({
    kind: fc.constant('u16' as const),
    at: fc.nat(),
    v: fc.constantFrom(0, 1, 8, 0x8000, 0xfffe, 0xffff),
  }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), v: fc.nat() }),
);

function mutate(src: Uint8Array, ms: { kind: string; at: number; v: number }[]): Uint8Array {
  let b = Uint8Array.from(src);
  for (const m of ms) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'flip') b[at] ^= m.v;
    else if (m.kind === 'u32' && at + 4 <= b.length) view.setUint32(at - (at % 4), m.v >>> 0, true);
    else if (m.kind === 'u16' && at + 2 <= b.length) view.setUint16(at - (at % 2), m.v, true);
    else if (m.kind === 'splice') {
      const from = m.v % b.length;
      const len = Math.min(64, b.length - Math.max(at, from));
      b.copyWithin(at, from, from + len);
    }
  }
  return b;
}

test('mutated resources.arsc: only DfslabError escapes, queries terminate', () => {
  const seeds = [generated(), ...realTables()];
  for (const s of seeds) exercise(s); // the unmutated inputs are fine
  let errors = 0;
  fc.assert(
    fc.property(
      fc.nat({ max: seeds.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (which, ms) => {
        try {
          exercise(mutate(seeds[which], ms));
        } catch (e) {
          if (!isDfslabError(e)) throw e;
          errors++;
        }
      },
    ),
    { seed: 0x4a25c, numRuns: 700 },
  );
  assert.ok(errors > 0, 'some mutations must be refused');
});

test('a reference cycle through many resources ends within the bound', () => {
  const n = 200;
  const keys = Array.from({ length: n }, (_, i) => `r${i}`);
  const entries = keys.map((_, i) => simpleEntry(i, DT.REFERENCE, 0x7f010000 + ((i + 1) % n)));
  const pkg = packageChunk(0x7f, 'c', ['string'], keys, [
    typeSpec(1, new Array<number>(n).fill(0)),
    typeChunk(1, config(), entries),
  ]);
  const r = createResolver(parseArsc(table([], [pkg])));
  const v = r.resolve(0x7f010000);
  assert.equal(v?.type, 'reference');
});
