/**
 * Hostile input: fixed-seed mutations of real DEX files (truncation, byte flips, huge counts and
 * offsets written over header fields, id records and class_data/code items, splices). Only a
 * DfslabError may escape parseDex/analyzeDex/decodeMethod/queries, and each run is time-bounded.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDfslabError } from '../../core/errors.js';
import { requireShared, SHARED_APKS } from '../../../test/helpers.js';
import { HEADER_SIZE } from './constants.js';
import {
  analyzeDex,
  callSites,
  decodeMethod,
  fieldDescriptor,
  invokesOf,
  mergeDexIndexes,
  methodDescriptor,
  parseDex,
  stringUsers,
} from './index.js';

const FILES = [
  'Test.dex',
  'FillArrays.dex',
  'StringTests.dex',
  'ExceptionHandling.dex',
  'FieldsTest.dex',
  'AnalysisTest.dex',
  'InterfaceCls.dex',
];
const HUGE = [0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 0xffff, 0xfffe, 0, 1, 3];
const RUNS = 5000;
const MAX_RUN_MS = 2000;

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'word'; at: number; value: number }
  | { kind: 'header'; field: number; value: number }
  | { kind: 'splice'; from: number; to: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('word' as const), at: fc.nat(), value: fc.constantFrom(...HUGE) }),
  fc.record({
    kind: fc.constant('header' as const),
    field: fc.integer({ min: 8, max: HEADER_SIZE / 4 - 1 }),
    value: fc.oneof(fc.constantFrom(...HUGE), fc.nat()),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    from: fc.nat(),
    to: fc.nat(),
    len: fc.integer({ min: 1, max: 64 }),
  }),
);

function apply(src: Uint8Array, muts: Mutation[]): Uint8Array {
  let b = src.slice();
  for (const m of muts) {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    if (m.kind === 'truncate') b = b.slice(0, m.at % (b.length + 1));
    else if (m.kind === 'flip' && b.length) b[m.at % b.length] = m.value;
    else if (m.kind === 'word' && b.length >= 4) dv.setUint32(m.at % (b.length - 3), m.value >>> 0, true);
    else if (m.kind === 'header' && b.length >= HEADER_SIZE) dv.setUint32(m.field * 4, m.value >>> 0, true);
    else if (m.kind === 'splice' && b.length)
      b.copyWithin(m.to % b.length, m.from % b.length, (m.from % b.length) + m.len);
  }
  return b;
}

/** Everything a caller might do with a parsed file. */
function exercise(bytes: Uint8Array): void {
  const dex = parseDex(bytes, undefined, { verifySignature: true });
  const ix = analyzeDex(dex);
  const ci = mergeDexIndexes([ix]);
  const guard = (f: () => unknown): void => {
    try {
      f();
    } catch (e) {
      if (!isDfslabError(e)) throw e;
    }
  };
  for (let i = 0; i < Math.min(dex.header.stringIdsSize, 200); i++) guard(() => dex.string(i));
  for (let i = 0; i < Math.min(dex.header.methodIdsSize, 200); i++) guard(() => methodDescriptor(dex, i));
  for (let i = 0; i < Math.min(dex.header.fieldIdsSize, 200); i++) guard(() => fieldDescriptor(dex, i));
  dex.methods.forEach((m, i) => {
    if (m.codeOff) guard(() => decodeMethod(dex, m.codeOff));
    invokesOf(ix, i);
  });
  guard(() => callSites(ci, 'Ljava/lang/Object;-><init>()V'));
  guard(() => stringUsers(ci, 'hello'));
}

test('mutated DEX files: only DfslabError escapes, in bounded time', (t) => {
  if (!requireShared(t)) return;
  const corpus = FILES.map((f) => new Uint8Array(readFileSync(`${SHARED_APKS}/androguard/APK/${f}`)));
  let slowest = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: corpus.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (which, muts) => {
        const bytes = apply(corpus[which], muts);
        const started = performance.now();
        try {
          exercise(bytes);
        } catch (e) {
          if (!isDfslabError(e)) throw e;
        }
        const ms = performance.now() - started;
        slowest = Math.max(slowest, ms);
        assert.ok(ms < MAX_RUN_MS, `run took ${ms} ms`);
      },
    ),
    { seed: 0xdf5dec, numRuns: RUNS },
  );
  t.diagnostic(`slowest run ${slowest.toFixed(1)} ms`);
});

test('mutated large DEX (classes.dex, 600 KB): only DfslabError escapes', (t) => {
  if (!requireShared(t)) return;
  const big = new Uint8Array(readFileSync(`${SHARED_APKS}/androguard/APK/classes.dex`));
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (muts) => {
      try {
        const dex = parseDex(apply(big, muts));
        analyzeDex(dex);
      } catch (e) {
        if (!isDfslabError(e)) throw e;
      }
    }),
    { seed: 0xdf5dec + 1, numRuns: 300 },
  );
});
