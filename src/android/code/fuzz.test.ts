/**
 * Hostile input: fixed-seed mutations of DEX files (the smali-built test DEX and small real ones)
 * — truncation, byte flips, huge words, splices — then every question a check may ask of every
 * method. Only a DfslabError may escape, and each run is time-bounded.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDfslabError } from '../../core/errors.js';
import { requireShared, SHARED_APKS } from '../../../test/helpers.js';
import { parseDex, type DexFile } from '../dex/index.js';
import {
  analyzeMethodValues,
  classesImplementing,
  findMethod,
  formatInsn,
  formatValue,
  hasNonConstantPart,
  knownBytes,
  methodAlwaysReturnsConst,
  methodCallsOnReceiver,
  methodReturnsNullOrEmptyArray,
  possibleStrings,
  reachedOnEveryPath,
  subclassesOf,
  trivialBody,
  valuesAtCall,
} from './index.js';
import { assembleCodeTestdata } from './testing.js';

const REAL = [
  'androguard/APK/ExceptionHandling.dex',
  'androguard/APK/FillArrays.dex',
  'androguard/APK/StringTests.dex',
  'androguard/APK/AnalysisTest.dex',
];
const HUGE = [0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 0xffff, 0xfffe, 0, 1, 3];
const RUNS = Number(process.env.DFSLAB_CODE_FUZZ_RUNS ?? 400);
const MAX_RUN_MS = 3000;
const MAX_METHODS = 300;

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'word'; at: number; value: number }
  | { kind: 'splice'; from: number; to: number; len: number }
  /** A byte inside a code_item (header, instructions, payloads, tries): `at` picks the item and the byte. */
  | { kind: 'code'; item: number; at: number; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('word' as const), at: fc.nat(), value: fc.constantFrom(...HUGE) }),
  fc.record({
    kind: fc.constant('splice' as const),
    from: fc.nat(),
    to: fc.nat(),
    len: fc.integer({ min: 1, max: 64 }),
  }),
  fc.record({
    kind: fc.constant('code' as const),
    item: fc.nat(),
    at: fc.nat(),
    value: fc.constantFrom(
      0,
      1,
      0x0e,
      0x12,
      0x22,
      0x26,
      0x27,
      0x28,
      0x2b,
      0x6e,
      0x74,
      0x7f,
      0x80,
      0xfe,
      0xff,
    ),
  }),
  fc.record({
    kind: fc.constant('code' as const),
    item: fc.nat(),
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
  }),
);

/** [start, end) byte ranges of the code items of a well-formed file (code_item header + insns + tries). */
function codeRanges(src: Uint8Array): [number, number][] {
  const dex = parseDex(src);
  const out: [number, number][] = [];
  for (const m of dex.methods) {
    if (!m.codeOff) continue;
    const units = new DataView(src.buffer, src.byteOffset).getUint32(m.codeOff + 12, true);
    out.push([m.codeOff, Math.min(src.length, m.codeOff + 16 + units * 2 + 64)]);
  }
  return out;
}

function apply(src: Uint8Array, muts: Mutation[], code: [number, number][]): Uint8Array {
  let b = src.slice();
  for (const m of muts) {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    if (m.kind === 'truncate') b = b.slice(0, m.at % (b.length + 1));
    else if (m.kind === 'flip' && b.length) b[m.at % b.length] = m.value;
    else if (m.kind === 'word' && b.length >= 4) dv.setUint32(m.at % (b.length - 3), m.value >>> 0, true);
    else if (m.kind === 'splice' && b.length)
      b.copyWithin(m.to % b.length, m.from % b.length, (m.from % b.length) + m.len);
    else if (m.kind === 'code' && code.length) {
      const [start, end] = code[m.item % code.length];
      const at = start + (m.at % (end - start));
      if (at < b.length) b[at] = m.value;
    }
  }
  return b;
}

/** How much of the analysis the mutated inputs reached (so the property cannot pass vacuously). */
const stats = { parsed: 0, analysed: 0, typedErrors: 0 };

function guard(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    stats.typedErrors++;
  }
}

/** Everything a check might ask about a parsed file. */
function exercise(dex: DexFile): void {
  guard(() => classesImplementing([dex], 'Ljavax/net/ssl/X509TrustManager;'));
  guard(() => subclassesOf([dex], 'Landroid/webkit/WebViewClient;'));
  guard(() => findMethod([dex], 'Lt/TrustAll;', 'checkServerTrusted'));
  for (const m of dex.methods.slice(0, MAX_METHODS)) {
    if (!m.codeOff) continue;
    guard(() => {
      const mv = analyzeMethodValues(dex, m);
      stats.analysed++;
      for (const insn of mv.insns) formatInsn(dex, insn);
      for (const c of mv.calls.values()) {
        valuesAtCall(dex, m, c.offset);
        for (const a of c.args) {
          formatValue(a);
          possibleStrings(a);
          knownBytes(a);
          hasNonConstantPart(a);
        }
      }
      reachedOnEveryPath(mv, [...mv.calls.keys()].slice(0, 1));
      if (mv.insns.length > 0) mv.stateBefore(mv.insns[mv.insns.length - 1].offset);
    });
    guard(() => trivialBody(dex, m));
    guard(() => methodAlwaysReturnsConst(dex, m));
    guard(() => methodReturnsNullOrEmptyArray(dex, m));
    guard(() => methodCallsOnReceiver(dex, m, (d) => d.endsWith('proceed()V'), 1));
  }
}

function property(name: string, seed: number, src: Uint8Array): void {
  const code = codeRanges(src);
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
      const bytes = apply(src, muts, code);
      const start = performance.now();
      let dex: DexFile | undefined;
      guard(() => {
        dex = parseDex(bytes);
      });
      if (dex) {
        stats.parsed++;
        exercise(dex);
      }
      const ms = performance.now() - start;
      assert.ok(ms < MAX_RUN_MS, `${name}: one run took ${ms.toFixed(0)} ms`);
    }),
    { seed, numRuns: RUNS },
  );
}

test('mutated smali-built DEX: only typed errors escape the value analysis', { timeout: 120_000 }, (t) => {
  const src = assembleCodeTestdata(t);
  if (!src) return;
  const before = stats.analysed;
  property('testdata', 0xc0de, src);
  t.diagnostic(
    `${stats.parsed} mutants parsed, ${stats.analysed} methods analysed, ${stats.typedErrors} typed errors`,
  );
  assert.ok(stats.analysed - before > RUNS * 10, 'most mutants reach the analysis');
});

test(
  'mutated small real DEX files: only typed errors escape the value analysis',
  { timeout: 120_000 },
  (t) => {
    if (!requireShared(t)) return;
    const before = stats.analysed;
    REAL.forEach((f, i) => property(f, 0x5eed + i, new Uint8Array(readFileSync(join(SHARED_APKS, f)))));
    t.diagnostic(
      `${stats.parsed} mutants parsed, ${stats.analysed} methods analysed, ${stats.typedErrors} typed errors`,
    );
    assert.ok(stats.analysed - before > RUNS, 'most mutants reach the analysis');
  },
);
