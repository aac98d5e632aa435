import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { FormatError } from '../../core/errors.js';
import { hasTool, IN_CI } from '../../../test/helpers.js';
import {
  analyzeDex,
  callSites,
  classMethods,
  decodeMethod,
  fieldAccessesOf,
  fieldReaders,
  fieldWriters,
  invokesOf,
  mergeDexIndexes,
  methodDescriptor,
  parseDex,
  siteMethod,
  stringsOf,
  stringUsers,
  typesOf,
  typeUsers,
  type DexFile,
  type DexInsn,
} from './index.js';
import { assembleSmali } from './testing/smali.js';

let dex: DexFile;
// In CI a missing smali fails the tests (assembleSmali throws) instead of skipping them.
const skip = hasTool('smali') || IN_CI ? false : 'smali is not installed';

before(() => {
  if (!skip) dex = parseDex(assembleSmali('all'), undefined, { verifySignature: true });
});

function method(name: string): { index: number; insns: DexInsn[] } {
  const index = dex.methods.findIndex((m) => methodDescriptor(dex, m.methodIdx).includes(`->${name}(`));
  assert.ok(index >= 0, name);
  const m = dex.methods[index];
  return { index, insns: m.codeOff ? decodeMethod(dex, m.codeOff) : [] };
}

function byName(insns: DexInsn[], name: string): DexInsn {
  const i = insns.find((x) => x.name === name);
  assert.ok(i, `no ${name}`);
  return i;
}

test('smali-built DEX parses clean', { skip }, () => {
  assert.deepEqual(dex.anomalies, []);
  assert.equal(dex.header.version, 39, 'smali --api 28 writes DEX 039');
  assert.equal(dex.classDefs.length, 2);
  const cls = dex.classDefs.find((c) => dex.type(c.classIdx) === 'Lorg/dfslab/AllFormats;');
  assert.ok(cls);
  assert.equal(dex.type(cls.superclassIdx), 'Ljava/lang/Object;');
  assert.deepEqual(
    cls.interfaces.map((t) => dex.type(t)),
    ['Ljava/lang/Runnable;'],
  );
  assert.equal(dex.string(cls.sourceFileIdx), 'AllFormats.java');
  assert.equal(cls.staticFields.length, 5);
  assert.equal(cls.instanceFields.length, 2);
  assert.equal(dex.callSiteIdsSize, 1);
  assert.equal(dex.methodHandlesSize, 2);
  const abstract = dex.methods.find((m) => methodDescriptor(dex, m.methodIdx).endsWith('->nothing()V'));
  assert.equal(abstract?.codeOff, 0);
});

test('literals of every const format, sign-extended', { skip }, () => {
  const { insns } = method('formats');
  const lits = insns
    .filter((i) => i.name.startsWith('const') && i.literal !== undefined)
    .map((i) => [i.name, i.literal]);
  assert.deepEqual(lits, [
    ['const/4', -8],
    ['const/16', -0x1234],
    ['const', 0x12345678],
    ['const/high16', 0x7f010000],
    ['const-wide/16', -2n],
    ['const-wide/32', 0x12345678n],
    ['const-wide', 0x123456789abcdef0n],
    ['const-wide/high16', -0x8000000000000000n],
    ['const/4', 3],
  ]);
  assert.deepEqual(byName(insns, 'add-int/lit16').literal, 0x1234);
  assert.deepEqual(byName(insns, 'rsub-int').literal, -1);
  assert.deepEqual(byName(insns, 'mul-int/lit8').literal, -0x80);
  assert.deepEqual(byName(method('wide').insns, 'const-wide').literal, -1n);
});

test('registers, indexes and branch targets', { skip }, () => {
  const { insns } = method('formats');
  assert.deepEqual(byName(insns, 'filled-new-array').registers, [0, 1, 2, 7, 8]);
  assert.deepEqual(byName(insns, 'filled-new-array/range').registers, [0, 1, 2]);
  assert.equal(dex.type(byName(insns, 'filled-new-array').index ?? -1), '[I');
  assert.equal(byName(insns, 'const-string/jumbo').format, '31c');
  assert.equal(dex.string(byName(insns, 'const-string/jumbo').index ?? -1), 'jumbo');
  assert.deepEqual(byName(insns, 'cmp-long').registers, [9, 2, 4]);
  assert.deepEqual(byName(insns, 'iput-wide').registers, [2, 14]);
  const gotos = insns.filter((i) => i.name.startsWith('goto'));
  assert.deepEqual(
    gotos.map((g) => [g.format, (g.target ?? 0) - g.offset]),
    [
      ['10t', 1],
      ['20t', 2],
      ['30t', 3],
    ],
  );
  const ifEq = byName(insns, 'if-eq');
  assert.equal(ifEq.target, gotos[0].offset);
  const big = method('bigRegisters').insns;
  assert.deepEqual(byName(big, 'move/16').registers, [299, 298]);
  assert.deepEqual(byName(big, 'move-wide/from16').registers, [200, 2]);
  assert.deepEqual(byName(big, 'invoke-virtual/range').registers, [280, 281]);
});

test('payloads are decoded and skipped', { skip }, () => {
  const { insns } = method('formats');
  const fill = byName(insns, 'fill-array-data');
  const payload = insns.find((i) => i.offset === fill.target);
  assert.deepEqual(payload?.payload && { ...payload.payload, dataOff: 0 }, {
    kind: 'fill-array-data',
    elementWidth: 4,
    count: 3,
    dataOff: 0,
  });
  assert.equal(payload?.size, 4 + 6);
  const ps = byName(insns, 'packed-switch');
  const pp = insns.find((i) => i.offset === ps.target)?.payload;
  assert.ok(pp?.kind === 'packed-switch');
  assert.equal(pp.firstKey, 1);
  assert.equal(pp.targets.length, 2);
  const ss = byName(insns, 'sparse-switch');
  const sp = insns.find((i) => i.offset === ss.target)?.payload;
  assert.ok(sp?.kind === 'sparse-switch');
  assert.deepEqual(sp.keys, [5, 1000]);
  assert.deepEqual(
    sp.targets.map((t) => ss.offset + t),
    [byName(insns, 'goto').offset, byName(insns, 'goto/32').offset],
  );
  // The payloads are the last instructions; everything before them decodes (no payload is misread as code).
  assert.deepEqual(
    insns.slice(-3).map((i) => i.name),
    ['fill-array-data-payload', 'packed-switch-payload', 'sparse-switch-payload'],
  );
});

test('invoke-polymorphic, invoke-custom, const-method-handle/type', { skip }, () => {
  const { insns, index } = method('call');
  const poly = byName(insns, 'invoke-polymorphic');
  assert.equal(poly.format, '45cc');
  assert.equal(
    methodDescriptor(dex, poly.index ?? -1),
    'Ljava/lang/invoke/MethodHandle;->invoke([Ljava/lang/Object;)Ljava/lang/Object;',
  );
  assert.deepEqual(poly.registers.length, 3);
  assert.ok(poly.protoIndex !== undefined);
  assert.equal(byName(insns, 'invoke-polymorphic/range').format, '4rcc');
  assert.equal(byName(insns, 'invoke-custom').indexKind, 'call_site');
  assert.equal(byName(insns, 'invoke-custom/range').indexKind, 'call_site');
  assert.equal(byName(insns, 'const-method-handle').indexKind, 'method_handle');
  assert.equal(byName(insns, 'const-method-type').indexKind, 'proto');
  const ix = analyzeDex(dex);
  assert.deepEqual(
    invokesOf(ix, index).map((i) => [i.kind, i.range, i.offset]),
    [
      ['polymorphic', false, 0],
      ['polymorphic', true, 4],
    ],
  );
});

test('analyzeDex: per-method references and reverse indexes', { skip }, () => {
  const ix = analyzeDex(dex);
  assert.deepEqual(ix.anomalies, []);
  const { index, insns } = method('formats');
  const inv = invokesOf(ix, index);
  assert.deepEqual(
    inv.map((i) => i.kind),
    ['direct', 'virtual', 'super', 'static', 'interface', 'static'],
  );
  assert.deepEqual(
    inv.map((i) => i.offset),
    insns.filter((i) => i.name.startsWith('invoke')).map((i) => i.offset),
  );
  assert.deepEqual(
    fieldAccessesOf(ix, index).map((f) => [f.write, f.static]),
    [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
      [false, true],
      [true, true],
      [false, true],
      [true, true],
      [true, true],
    ],
  );
  assert.deepEqual(
    stringsOf(ix, index).map((s) => dex.string(s.stringIdx)),
    ['hello', 'jumbo'],
  );
  assert.deepEqual(
    typesOf(ix, index).map((t) => dex.type(t.typeIdx)),
    [
      'Ljava/lang/String;',
      'Ljava/lang/Class;',
      'Ljava/lang/Class;',
      'Ljava/lang/StringBuilder;',
      '[I',
      '[I',
      '[I',
    ],
  );

  const ci = mergeDexIndexes([ix, ix]);
  const sites = callSites(ci, 'Ljava/lang/Integer;->valueOf(I)Ljava/lang/Integer;');
  assert.equal(sites.length, 4, 'two sites in each of the two merged parts');
  assert.deepEqual(
    sites.map((s) => s.part),
    [0, 0, 1, 1],
  );
  assert.equal(siteMethod(ci, sites[0]), 'Lorg/dfslab/AllFormats;->formats(I)I');
  assert.equal(callSites(ci, 'Ljava/lang/Object;-><init>()V').length, 4);
  assert.deepEqual(callSites(ci, 'Lnope;->x()V'), []);
  const one = mergeDexIndexes([ix]);
  assert.equal(stringUsers(one, 'hello').length, 1);
  assert.equal(stringUsers(one, 'secret').length, 0, 'a static value, not code');
  assert.equal(fieldReaders(one, 'Lorg/dfslab/AllFormats;->sCount:I').length, 1);
  assert.equal(fieldWriters(one, 'Lorg/dfslab/AllFormats;->sCount:I').length, 1);
  assert.equal(fieldWriters(one, 'Lorg/dfslab/AllFormats;->mName:Ljava/lang/String;').length, 0);
  assert.equal(typeUsers(one, '[I').length, 3);
  assert.deepEqual(
    classMethods(one, 'Lorg/dfslab/Polymorphic;')
      .map((m) => siteMethod(one, m))
      .sort(),
    [
      'Lorg/dfslab/Polymorphic;->bootstrap(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)Ljava/lang/invoke/CallSite;',
      'Lorg/dfslab/Polymorphic;->call(Ljava/lang/invoke/MethodHandle;)V',
    ],
  );
  assert.equal(
    methodDescriptor(dex, dex.methods[index].methodIdx, 'dexdump'),
    'Lorg/dfslab/AllFormats;.formats:(I)I',
  );
});

test(
  'a method cut inside an instruction or payload: FormatError from decodeMethod, anomaly from analyzeDex',
  { skip },
  () => {
    const { index, insns } = method('formats');
    const m = dex.methods[index];
    const constWide = byName(insns, 'const-wide');
    const payload = insns[insns.length - 1];
    for (const cut of [constWide.offset + 2, payload.offset + 3]) {
      const b = dex.bytes.slice();
      new DataView(b.buffer).setUint32(m.codeOff + 12, cut, true);
      const cutDex = parseDex(b, undefined, { verifyChecksum: false });
      assert.throws(() => decodeMethod(cutDex, m.codeOff), FormatError);
      const ix = analyzeDex(cutDex);
      assert.deepEqual(
        ix.anomalies.map((a) => a.code),
        ['bad-instruction'],
      );
    }
  },
);

test('multidex: indexes of two DEX files merge and answer by descriptor', { skip }, () => {
  const second = parseDex(assembleSmali('caller'));
  const ci = mergeDexIndexes([analyzeDex(dex), analyzeDex(second)]);
  const formats = callSites(ci, 'Lorg/dfslab/AllFormats;->formats(I)I');
  assert.deepEqual(
    formats.map((s) => [s.part, siteMethod(ci, s), s.offset]),
    [
      [0, 'Lorg/dfslab/AllFormats;->run()V', 1],
      [1, 'Lorg/dfslab/Caller;->main(Lorg/dfslab/AllFormats;)V', 3],
    ],
  );
  assert.deepEqual(
    callSites(ci, 'Ljava/lang/Integer;->valueOf(I)Ljava/lang/Integer;').map((s) => s.part),
    [0, 0, 1],
  );
  assert.deepEqual(
    stringUsers(ci, 'hello').map((s) => [s.part, s.offset]),
    [
      [0, 0x18],
      [1, 0],
    ],
  );
  assert.deepEqual(
    fieldReaders(ci, 'Lorg/dfslab/AllFormats;->sCount:I').map((s) => s.part),
    [0, 1],
  );
  assert.equal(classMethods(ci, 'Lorg/dfslab/Caller;').length, 1);
});
