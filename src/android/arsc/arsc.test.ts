import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDfslabError } from '../../core/errors.js';
import { DT } from './constants.js';
import { allStrings, createResolver, entriesOf, entryOf, findId, parseArsc, resourceName } from './index.js';
import {
  bagEntry,
  chunk,
  compactEntry,
  config,
  libraryChunk,
  packageChunk,
  record,
  simpleEntry,
  stagedAliasChunk,
  table,
  typeChunk,
  typeSpec,
} from './testing/build.js';

const FR = config({ 8: 0x66, 9: 0x72 });
const V21 = config({ 24: 21 });
const LONG = 'é'.repeat(200); // two-byte UTF-8 lengths

// Types: 1 string, 2 xml, 3 style, 4 bool, 5 id. Keys index the key pool below.
const KEYS = ['app_name', 'secret', 'nsc', 'loop_a', 'loop_b', 'Theme', 'flag', 'long', 'chain'];
const VALUES = ['Demo', 'Démo', 'sk_live_123', 'res/xml/nsc.xml', LONG, 'item'];

function demoTable(utf8 = true): Uint8Array {
  const pkg = packageChunk(0x7f, 'com.example', ['string', 'xml', 'style', 'bool'], KEYS, [
    typeSpec(1, [0, 0x4, 0, 0, 0, 0, 0, 0, 0]),
    typeChunk(1, config(), [
      simpleEntry(0, DT.STRING, 0),
      simpleEntry(1, DT.STRING, 2),
      undefined,
      simpleEntry(3, DT.REFERENCE, 0x7f010004),
      simpleEntry(4, DT.REFERENCE, 0x7f010003),
      undefined,
      undefined,
      simpleEntry(7, DT.STRING, 4),
      simpleEntry(8, DT.REFERENCE, 0x7f010000),
    ]),
    typeChunk(1, FR, [simpleEntry(0, DT.STRING, 1)], 'sparse'),
    typeSpec(2, [0, 0, 0]),
    typeChunk(2, config(), [undefined, undefined, compactEntry(2, DT.STRING, 3)], 'offset16'),
    typeSpec(3, [0, 0, 0, 0, 0, 0]),
    typeChunk(3, V21, [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      bagEntry(5, 0x01030005, [
        [0x01010000, DT.STRING, 5],
        [0x01010001, DT.INT_BOOLEAN, 0xffffffff],
      ]),
    ]),
    typeSpec(4, [0, 0, 0, 0, 0, 0, 0]),
    typeChunk(4, config(), [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      simpleEntry(6, DT.INT_BOOLEAN, 0xffffffff),
    ]),
    libraryChunk([[0x02, 'com.example.lib']]),
    stagedAliasChunk([[0x7f0f0000, 0x7f040006]]),
  ]);
  return table(VALUES, [pkg], utf8);
}

for (const utf8 of [true, false]) {
  test(`a generated table (${utf8 ? 'UTF-8' : 'UTF-16'} pool) parses with no anomalies`, () => {
    const t = parseArsc(demoTable(utf8));
    assert.deepEqual(t.anomalies, []);
    assert.equal(t.packages.length, 1);
    const pkg = t.packages[0];
    assert.equal(pkg.name, 'com.example');
    assert.equal(pkg.id, 0x7f);
    assert.deepEqual(pkg.libraries, [{ packageId: 2, name: 'com.example.lib' }]);
    assert.deepEqual(pkg.stagedAliases, [{ stagedId: 0x7f0f0000, finalizedId: 0x7f040006 }]);
    assert.equal(t.strings.utf8, utf8);
    assert.equal(t.strings.get(4), LONG);
    assert.equal(t.strings.get(99), undefined);
    assert.equal(pkg.types[1]?.specFlags[1], 0x4);
  });
}

test('lookups by id, by name, in every configuration', () => {
  const t = parseArsc(demoTable());
  const r = createResolver(t);
  assert.equal(findId(t, 'string/app_name'), 0x7f010000);
  assert.equal(findId(t, 'com.example:string/app_name'), 0x7f010000);
  assert.equal(findId(t, '@xml/nsc'), 0x7f020002);
  assert.equal(findId(t, 'string/nope'), undefined);
  assert.equal(r.name(0x7f010000), 'string/app_name');
  assert.equal(r.name(0x7f010002), undefined);
  assert.equal(r.name(0x7e010000), undefined);
  assert.deepEqual(r.values(0x7f010000), [
    {
      id: 0x7f010000,
      name: 'com.example:string/app_name',
      config: 'default',
      value: { type: 'string', value: 'Demo' },
    },
    {
      id: 0x7f010000,
      name: 'com.example:string/app_name',
      config: 'fr',
      value: { type: 'string', value: 'Démo' },
    },
  ]);
  assert.deepEqual(entryOf(t, 0x7f010000, 'fr')?.value, { type: 'string', value: 'Démo' });
  assert.equal(entryOf(t, 0x7f010000, 'de'), undefined);
  assert.deepEqual(r.values(0x7f010002), []);
  assert.deepEqual(r.resolve(0x7f040006), { type: 'boolean', value: true });
  // 0x7f0f0000 is a staged id aliased to 0x7f040006.
  assert.deepEqual(r.resolve(0x7f0f0000), { type: 'boolean', value: true });
});

test('compact entries (offset16 chunk) and bags decode', () => {
  const t = parseArsc(demoTable());
  const r = createResolver(t);
  assert.equal(r.filePath(0x7f020002), 'res/xml/nsc.xml');
  const [style] = entriesOf(t, 0x7f030005);
  assert.equal(style.chunk.configName, 'v21');
  assert.deepEqual(style.value, { type: 'complex', value: null });
  assert.equal(style.bag?.parent, 0x01030005);
  assert.deepEqual(
    style.bag?.items.map((i) => [i.name, i.value]),
    [
      [0x01010000, { type: 'string', value: 'item' }],
      [0x01010001, { type: 'boolean', value: true }],
    ],
  );
  assert.equal(resourceName(t, 0x7f030005), 'style/Theme');
});

test('references are followed, and reference loops terminate', () => {
  const r = createResolver(parseArsc(demoTable()));
  assert.deepEqual(r.resolve(0x7f010008), { type: 'string', value: 'Demo' });
  const looped = r.resolve(0x7f010003);
  assert.equal(looped?.type, 'reference');
  assert.equal(r.resolve(0x7f010099), undefined);
});

test('allStrings yields simple and bag string values in every configuration', () => {
  const got = [...allStrings(parseArsc(demoTable()))].map((s) => `${s.name}|${s.config}|${s.value}`);
  assert.deepEqual(got.sort(), [
    'com.example:string/app_name|default|Demo',
    'com.example:string/app_name|fr|Démo',
    `com.example:string/long|default|${LONG}`,
    'com.example:string/secret|default|sk_live_123',
    'com.example:style/Theme|v21|item',
    'com.example:xml/nsc|default|res/xml/nsc.xml',
  ]);
});

test('oddities become anomalies: unknown chunks, duplicate specs, overflowing chunks', () => {
  const pkg = packageChunk(
    0x7f,
    'p',
    ['string'],
    ['a'],
    [
      typeSpec(1, [0]),
      typeSpec(1, [0]),
      chunk(
        0x0204,
        record(4, () => {}),
      ),
      chunk(
        0x0299,
        record(4, () => {}),
      ),
      typeChunk(1, config(), [simpleEntry(0, DT.INT_DEC, 7)]),
    ],
  );
  const bytes = table(['x'], [pkg], true, [chunk(0x0777, new Uint8Array(4))]);
  const t = parseArsc(bytes);
  const codes = t.anomalies.map((a) => a.code).sort();
  assert.deepEqual(codes, ['duplicate-type-spec', 'unknown-chunk', 'unknown-chunk']);
  assert.equal(t.packages[0].overlayableCount, 1);
  assert.deepEqual(createResolver(t).resolve(0x7f010000), { type: 'int', value: 7 });

  // Make the package chunk claim more bytes than the table has left.
  const grown = table(['x'], [pkg]);
  const view = new DataView(grown.buffer);
  const pkgOffset = 12 + view.getUint32(12 + 4, true);
  view.setUint32(pkgOffset + 4, view.getUint32(pkgOffset + 4, true) + 64, true);
  const t2 = parseArsc(grown);
  assert.ok(t2.anomalies.some((a) => a.code === 'chunk-larger-than-parent'));
  assert.equal(t2.packages.length, 0);
});

test('malformed entries are reported and skipped, not thrown', () => {
  const bad = record(16, (v) => {
    v.setUint16(0, 400, true); // entry size past the chunk
    v.setUint32(4, 0, true);
  });
  const pkg = packageChunk(
    0x7f,
    'p',
    ['string'],
    ['a', 'b'],
    [typeSpec(1, [0, 0]), typeChunk(1, config(), [bad, simpleEntry(1, DT.INT_DEC, 1)])],
  );
  const t = parseArsc(table([], [pkg]));
  assert.ok(t.anomalies.some((a) => a.code === 'bad-entries'));
  assert.deepEqual(createResolver(t).values(0x7f010000), []);
  assert.equal(createResolver(t).name(0x7f010001), 'string/b');
});

test('not a table, truncated, or over the limits: typed errors', () => {
  const throwsTyped = (f: () => unknown, code: string): void => {
    assert.throws(f, (e: unknown) => isDfslabError(e) && e.code === code);
  };
  throwsTyped(() => parseArsc(new Uint8Array(4)), 'FORMAT');
  throwsTyped(() => parseArsc(new Uint8Array(64)), 'FORMAT');
  const bytes = demoTable();
  throwsTyped(() => parseArsc(bytes.subarray(0, bytes.length - 4)), 'FORMAT');
  throwsTyped(
    () =>
      parseArsc(bytes, {
        maxStrings: 2,
        maxPackages: 256,
        maxTypes: 256,
        maxEntries: 65536,
        maxConfigs: 100,
      }),
    'LIMIT',
  );
  throwsTyped(
    () =>
      parseArsc(bytes, { maxStrings: 100, maxPackages: 256, maxTypes: 256, maxEntries: 4, maxConfigs: 100 }),
    'LIMIT',
  );
});

test('entries sharing one huge bag are refused instead of amplifying the work', () => {
  const items: [number, number, number][] = Array.from({ length: 20_000 }, (_, i) => [
    0x01010000 + i,
    DT.INT_DEC,
    i,
  ]);
  const bag = bagEntry(0, 0, items);
  const n = 4096;
  const keys = Array.from({ length: n }, (_, i) => `k${i}`);
  // Build a chunk with one bag, then point every slot at it.
  const single = typeChunk(1, config(), [bag, ...new Array<undefined>(n - 1).fill(undefined)]);
  const view = new DataView(single.buffer);
  const headerSize = view.getUint16(2, true);
  for (let i = 1; i < n; i++) view.setUint32(headerSize + i * 4, 0, true);
  const pkg = packageChunk(0x7f, 'p', ['array'], keys, [typeSpec(1, new Array<number>(n).fill(0)), single]);
  assert.throws(
    () => parseArsc(table([], [pkg])),
    (e: unknown) => isDfslabError(e) && e.code === 'LIMIT',
  );
});

/** A copy of `bytes` that starts at an odd offset of its ArrayBuffer (a stored entry of an unaligned zip). */
function atOddOffset(bytes: Uint8Array): Uint8Array {
  const buf = new Uint8Array(bytes.length + 1);
  buf.set(bytes, 1);
  return buf.subarray(1);
}

test('a table at an odd offset of its buffer parses exactly like an aligned one', () => {
  const bad = record(16, (v) => v.setUint16(0, 400, true)); // entry size past the chunk
  const pkg = packageChunk(
    0x7f,
    'p',
    ['string', 'bool', 'id'],
    ['a', 'b', 'c'],
    [
      typeSpec(1, [0, 0]),
      typeChunk(1, config(), [bad, simpleEntry(1, DT.INT_DEC, 1)]),
      typeSpec(2, [0, 0, 0]),
      typeChunk(2, config(), [undefined, bad, compactEntry(2, DT.INT_BOOLEAN, 1)], 'offset16'),
      typeSpec(3, [0, 0, 0]),
      typeChunk(3, FR, [simpleEntry(0, DT.INT_DEC, 7), undefined, bad], 'sparse'),
    ],
  );
  for (const bytes of [demoTable(), table([], [pkg])]) {
    const aligned = parseArsc(bytes);
    const odd = parseArsc(atOddOffset(bytes));
    assert.equal(odd.bytes.byteOffset % 4, 1);
    assert.deepEqual(odd.anomalies, aligned.anomalies);
    const shape = (t: typeof aligned) =>
      t.packages.map((p) => p.types.map((g) => g && [g.name, g.entryCount, g.chunks.length]));
    assert.deepEqual(shape(odd), shape(aligned));
    const ids = [0x7f010000, 0x7f010001, 0x7f020001, 0x7f020002, 0x7f030000, 0x7f030002];
    for (const id of ids)
      assert.deepEqual(
        entriesOf(odd, id).map((e) => e.value),
        entriesOf(aligned, id).map((e) => e.value),
      );
  }
  const t = parseArsc(atOddOffset(table([], [pkg])));
  assert.equal(t.anomalies.filter((a) => a.code === 'bad-entries').length, 3);
});
