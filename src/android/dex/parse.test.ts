import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FormatError, LimitError, UnsupportedError } from '../../core/errors.js';
import { withLimits } from '../../core/limits.js';
import { requireShared, sharedDexFiles, SHARED_APKS } from '../../../test/helpers.js';
import { CLASS_DEF, CLASS_DEF_SIZE, CODE_ITEM, HDR } from './constants.js';
import { analyzeDex, decodeMethod, invokesOf, methodDescriptor, parseDex, readCodeItem } from './index.js';
import { adler32 } from './mutf8.js';
import { append, fixHeader, put16, put32 } from './testing/patch.js';

const load = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(`${SHARED_APKS}/androguard/APK/${name}`));
const codes = (anomalies: { code: string }[]): string[] => anomalies.map((a) => a.code);

test('every loose shared .dex parses without anomalies, signature included', (t) => {
  if (!requireShared(t)) return;
  const files = sharedDexFiles();
  assert.ok(files.length >= 9);
  for (const f of files) {
    const dex = parseDex(new Uint8Array(readFileSync(f.abs)), undefined, { verifySignature: true });
    assert.deepEqual(dex.anomalies, [], f.path);
    assert.ok(dex.classDefs.length > 0, f.path);
    assert.deepEqual(analyzeDex(dex).anomalies, [], f.path);
    for (let i = 0; i < dex.header.stringIdsSize; i++) assert.equal(typeof dex.string(i), 'string');
  }
});

test('StringTests.dex: MUTF-8 strings decode to the same text as UTF-8', (t) => {
  if (!requireShared(t)) return;
  const dex = parseDex(load('StringTests.dex'));
  const all = Array.from({ length: dex.header.stringIdsSize }, (_, i) => dex.string(i));
  assert.ok(
    all.some((s) => [...s].some((c) => c.charCodeAt(0) > 0x7f)),
    'has non-ASCII strings',
  );
  for (const s of all) assert.ok(!s.includes('\ufffd'), s);
});

test('members: typed arrays, class ranges and the lazily built objects agree', (t) => {
  if (!requireShared(t)) return;
  const dex = parseDex(load('classes.dex'));
  const mb = dex.members;
  assert.ok(mb.methodCount > 0 && mb.fieldCount > 0);
  const first = dex.method(0);
  assert.equal(dex.method(0), first, 'the same object for the same index');
  assert.equal(dex.methods.length, mb.methodCount);
  assert.equal(dex.methods[0], first, 'methods() reuses the objects handed out before');
  let fields = 0;
  dex.classDefs.forEach((cd, c) => {
    const own = [...cd.directMethods, ...cd.virtualMethods];
    own.forEach((m, k) => {
      const i = cd.methodStart + k;
      assert.equal(m, dex.methods[i]);
      assert.deepEqual(
        [m.methodIdx, m.accessFlags, m.codeOff, m.direct, m.classDef],
        [mb.methodIdx[i], mb.methodFlags[i], mb.methodCodeOff[i], k < cd.directCount, c],
      );
    });
    const fs = [...cd.staticFields, ...cd.instanceFields];
    fs.forEach((f, k) => {
      assert.equal(f.fieldIdx, mb.fieldIdx[cd.fieldStart + k]);
      assert.equal(f.accessFlags, mb.fieldFlags[cd.fieldStart + k]);
    });
    fields += fs.length;
  });
  assert.equal(fields, mb.fieldCount);
});

test('checksum and signature are verified', (t) => {
  if (!requireShared(t)) return;
  const b = load('Test.dex');
  b[b.length - 1] ^= 0xff;
  assert.deepEqual(codes(parseDex(b).anomalies), ['bad-checksum']);
  assert.deepEqual(codes(parseDex(b, undefined, { verifySignature: true }).anomalies), [
    'bad-checksum',
    'bad-signature',
  ]);
  assert.deepEqual(codes(parseDex(b, undefined, { verifyChecksum: false }).anomalies), []);
});

test('header errors are typed', (t) => {
  if (!requireShared(t)) return;
  const ok = load('Test.dex');
  const mut = (f: (b: Uint8Array) => void): Uint8Array => {
    const b = ok.slice();
    f(b);
    return b;
  };
  assert.throws(() => parseDex(ok.subarray(0, 50)), FormatError);
  assert.throws(() => parseDex(mut((b) => (b[0] = 0x63))), FormatError);
  assert.throws(() => parseDex(mut((b) => b.set([0x30, 0x33, 0x34], 4))), UnsupportedError);
  assert.throws(() => parseDex(mut((b) => b.set([0x30, 0x34, 0x32], 4))), UnsupportedError);
  assert.throws(() => parseDex(mut((b) => put32(b, HDR.endianTag, 0x78563412))), UnsupportedError);
  assert.throws(() => parseDex(mut((b) => put32(b, HDR.endianTag, 0))), FormatError);
  assert.throws(() => parseDex(mut((b) => put32(b, HDR.stringIdsSize, 0x100000))), FormatError);
  assert.throws(() => parseDex(mut((b) => put32(b, HDR.stringIdsSize, 0x10000000))), LimitError);
  assert.throws(() => parseDex(mut((b) => put32(b, HDR.methodIdsOff, 0xfffffff0))), FormatError);
  assert.throws(() => parseDex(ok, withLimits({ dex: { maxItems: 2 } }).dex), LimitError);
  assert.throws(() => parseDex(ok, withLimits({ dex: { maxSize: 100 } }).dex), LimitError);
  for (const v of ['035', '036', '037', '038', '039', '040', '041']) {
    assert.equal(
      parseDex(
        mut((b) =>
          b.set(
            [...v].map((c) => c.charCodeAt(0)),
            4,
          ),
        ),
        undefined,
        { verifyChecksum: false },
      ).header.version,
      Number(v),
    );
  }
  assert.deepEqual(codes(parseDex(fixHeader(append(ok, [1, 2, 3, 4]).bytes)).anomalies), []);
  const trailing = append(ok, [1, 2, 3, 4]).bytes;
  assert.deepEqual(codes(parseDex(trailing, undefined, { verifyChecksum: false }).anomalies), [
    'trailing-data',
  ]);
  const truncated = ok.subarray(0, ok.length - 8);
  assert.ok(codes(parseDex(truncated).anomalies).includes('truncated'));
});

test('v41 container: the first DEX is parsed, the others are counted', (t) => {
  if (!requireShared(t)) return;
  const one = load('Test.dex');
  one.set([0x30, 0x34, 0x31], 4);
  fixHeader(one);
  const two = new Uint8Array(one.length * 2);
  two.set(one);
  two.set(one, one.length);
  const dex = parseDex(two);
  assert.equal(dex.header.version, 41);
  assert.equal(dex.containerDexCount, 2);
  assert.deepEqual(codes(dex.anomalies), ['dex-container']);
  assert.equal(dex.classDefs.length, 1);
});

test('a bad class_data costs only its class', (t) => {
  if (!requireShared(t)) return;
  const ok = load('classes.dex');
  const good = parseDex(ok);
  const victim = good.classDefs.findIndex((c) => c.directMethods.length + c.virtualMethods.length > 0);
  const lost = good.classDefs[victim].directMethods.length + good.classDefs[victim].virtualMethods.length;
  const dataOffAt = good.header.classDefsOff + victim * CLASS_DEF_SIZE + CLASS_DEF.classDataOff;

  // class_data past the end of the file.
  const past = ok.slice();
  put32(past, dataOffAt, 0x7ffffff0);
  let dex = parseDex(fixHeader(past));
  assert.deepEqual(codes(dex.anomalies), ['bad-class-data']);
  assert.equal(dex.classDefs.length, good.classDefs.length);
  assert.equal(dex.methods.length, good.methods.length - lost);

  // A method index diff that overflows the method table.
  let { bytes, at } = append(ok, [0, 0, 1, 0, 0xff, 0xff, 0x7f, 1, 0]);
  put32(bytes, dataOffAt, at);
  dex = parseDex(fixHeader(bytes));
  assert.deepEqual(codes(dex.anomalies), ['bad-class-data']);
  assert.match(dex.anomalies[0].message, /method index \d+ out of range/);

  // A fault in the second direct method: the fields and the first method read before it are kept.
  ({ bytes, at } = append(ok, [2, 1, 2, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0xff, 0xff, 0x7f, 1, 0]));
  put32(bytes, dataOffAt, at);
  dex = parseDex(fixHeader(bytes));
  assert.deepEqual(codes(dex.anomalies), ['bad-class-data']);
  const partial = dex.classDefs[victim];
  assert.deepEqual(
    [partial.staticFields, partial.instanceFields].map((l) => l.map((f) => f.fieldIdx)),
    [[0, 1], [0]],
  );
  assert.deepEqual(
    partial.directMethods.map((m) => [m.methodIdx, m.direct, m.classDef]),
    [[0, true, victim]],
  );
  assert.equal(partial.virtualMethods.length, 0);
  assert.equal(dex.methods.length, good.methods.length - lost + 1);

  // Counts that cannot fit, and a uleb128 that runs off the end.
  ({ bytes, at } = append(ok, [0, 0, 0xff, 0xff, 0xff, 0x0f, 0]));
  put32(bytes, dataOffAt, at);
  assert.deepEqual(codes(parseDex(fixHeader(bytes)).anomalies), ['bad-class-data']);
  ({ bytes, at } = append(ok, [0, 0, 1, 0x80, 0x80]));
  put32(bytes, dataOffAt, at);
  assert.match(parseDex(fixHeader(bytes)).anomalies[0].message, /uleb128/);

  // A duplicate class_def (same class, same class_data).
  const dup = ok.slice();
  dup.copyWithin(
    good.header.classDefsOff + CLASS_DEF_SIZE,
    good.header.classDefsOff,
    good.header.classDefsOff + CLASS_DEF_SIZE,
  );
  const dd = parseDex(fixHeader(dup));
  assert.deepEqual(codes(dd.anomalies).sort(), ['duplicate-class', 'shared-class-data']);

  // Inheritance loops: a class its own superclass, and two classes extending each other.
  const selfSuper = ok.slice();
  const c0 = good.classDefs[0];
  put32(selfSuper, good.header.classDefsOff + CLASS_DEF.superclassIdx, c0.classIdx);
  assert.deepEqual(codes(parseDex(fixHeader(selfSuper)).anomalies), ['class-self-inheritance']);
  const loop = ok.slice();
  const c1 = good.classDefs[1];
  put32(loop, good.header.classDefsOff + CLASS_DEF.superclassIdx, c1.classIdx);
  put32(loop, good.header.classDefsOff + CLASS_DEF_SIZE + CLASS_DEF.superclassIdx, c0.classIdx);
  assert.deepEqual(codes(parseDex(fixHeader(loop)).anomalies), ['class-cycle']);
});

test('a bad method costs only that method', (t) => {
  if (!requireShared(t)) return;
  const ok = load('classes.dex');
  const good = parseDex(ok);
  const gix = analyzeDex(good);
  const withInvokes = good.methods.map((_, i) => i).filter((i) => invokesOf(gix, i).length >= 2);
  const [m1, m2] = withInvokes;
  const m3 =
    withInvokes
      .slice(2)
      .find((i) => decodeMethod(good, good.methods[i].codeOff).some((x) => x.name === 'return-void')) ?? -1;
  const ret = decodeMethod(good, good.methods[m3].codeOff).find((x) => x.name === 'return-void');

  const b = ok.slice();
  // m1: insns_size far beyond the file.
  put32(b, good.methods[m1].codeOff + CODE_ITEM.insnsSize, 0x7fffffff);
  // m2: its first invoke names a method index out of range.
  const code2 = readCodeItem(good, good.methods[m2].codeOff);
  put16(b, code2.insnsOff + invokesOf(gix, m2)[0].offset * 2 + 2, 0xffff);
  // m3: a return-void turned into the unused opcode 0x3e.
  b[readCodeItem(good, good.methods[m3].codeOff).insnsOff + (ret?.offset ?? 0) * 2] = 0x3e;
  const dex = parseDex(fixHeader(b));
  const ix = analyzeDex(dex);
  assert.deepEqual(codes(ix.anomalies), ['bad-code-item', 'bad-instruction', 'bad-instruction']);
  assert.match(ix.anomalies[2].message, /unused opcode 0x3e/);
  assert.deepEqual(invokesOf(ix, m3), invokesOf(gix, m3));
  assert.match(ix.anomalies[0].message, new RegExp(escape(methodDescriptor(dex, dex.methods[m1].methodIdx))));
  assert.deepEqual(invokesOf(ix, m1), []);
  assert.deepEqual(invokesOf(ix, m2), invokesOf(gix, m2).slice(1), 'the rest of the method is kept');
  for (let i = 0; i < good.methods.length; i++) {
    if (i !== m1 && i !== m2 && i !== m3) assert.deepEqual(invokesOf(ix, i), invokesOf(gix, i));
  }
});

test('overlapping code items stop the scan instead of going quadratic', (t) => {
  if (!requireShared(t)) return;
  const ok = load('classes.dex');
  const good = parseDex(ok);
  const b = ok.slice();
  for (const m of good.methods) {
    if (m.codeOff)
      put32(b, m.codeOff + CODE_ITEM.insnsSize, Math.floor((b.length - m.codeOff - CODE_ITEM.insns) / 2));
  }
  const started = performance.now();
  const ix = analyzeDex(parseDex(fixHeader(b)));
  assert.ok(codes(ix.anomalies).includes('overlapping-code'));
  assert.ok(ix.codeUnits <= b.length / 2 + 1);
  assert.ok(performance.now() - started < 5000);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('adler32 matches zlib-style reference on every length and alignment', () => {
  const data = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff);
  data.fill(0xff, 1000, 2500);
  const reference = (b: Uint8Array, s: number, e: number): number => {
    let a = 1;
    let c = 0;
    for (let i = s; i < e; i++) {
      a = (a + b[i]) % 65521;
      c = (c + a) % 65521;
    }
    return ((c << 16) | a) >>> 0;
  };
  for (const [s, e] of [
    [0, 0],
    [0, 1],
    [3, 17],
    [12, 3000],
    [5, 2999],
    [100, 116],
    [1000, 2500],
  ]) {
    assert.equal(adler32(data, s, e), reference(data, s, e), `${s}..${e}`);
  }
  const big = new Uint8Array((1 << 20) * 2 + 77).fill(0xff);
  assert.equal(adler32(big, 0, big.length), reference(big, 0, big.length));
});
