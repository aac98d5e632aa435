/**
 * Hostile input: a fixed-seed fast-check property mutates real APK bytes (truncate, flip, splice,
 * overwrite counts/offsets/sizes with huge values) and asserts that only DfslabErrors escape
 * readZip and inflateEntry.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isDfslabError } from '../../core/errors.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { requireShared, sharedApks } from '../../../test/helpers.js';
import { createInflateBudget, inflateEntry } from './inflate.js';
import { readZip } from './read.js';
import { makeZip, unicodePathExtra } from './testing/make-zip.js';
import { ZIP_ANOMALY_CODES } from './codes.js';

const KNOWN = new Set<string>(ZIP_ANOMALY_CODES);

const SEED = Number(process.env.ZIP_FUZZ_SEED ?? 20240917);
const RUNS = Number(process.env.ZIP_FUZZ_RUNS ?? 8000);
const LIMITS = { ...DEFAULT_LIMITS.zip, maxTotalSize: 32 * 1024 * 1024, maxEntrySize: 8 * 1024 * 1024 };
const HUGE = [0, 1, 0x7fff, 0xffff, 0x7fffffff, 0xfffffffe, 0xffffffff];

type Sample = { bytes: Uint8Array; fields: Field[] };
type Field = { at: number; width: 2 | 4 };

/** Offsets of the length, size, offset and count fields of every record, from a clean read. */
function fieldsOf(bytes: Uint8Array): Field[] {
  const z = readZip(bytes);
  const out: Field[] = [];
  const cen: [number, 2 | 4][] = [
    [10, 2],
    [20, 4],
    [24, 4],
    [28, 2],
    [30, 2],
    [32, 2],
    [34, 2],
    [42, 4],
  ];
  const loc: [number, 2 | 4][] = [
    [6, 2],
    [8, 2],
    [18, 4],
    [22, 4],
    [26, 2],
    [28, 2],
  ];
  const end: [number, 2 | 4][] = [
    [4, 2],
    [8, 2],
    [10, 2],
    [12, 4],
    [16, 4],
    [20, 2],
  ];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of z.entries) {
    for (const [o, w] of cen) out.push({ at: e.centralOffset + o, width: w });
    // The first extra field's size, in the central and the local header.
    const cExtra = e.centralOffset + 46 + view.getUint16(e.centralOffset + 28, true);
    if (view.getUint16(e.centralOffset + 30, true) >= 4) out.push({ at: cExtra + 2, width: 2 });
    if (e.localExtraLength >= 4) out.push({ at: e.dataOffset - e.localExtraLength + 2, width: 2 });
    for (const [o, w] of loc) out.push({ at: e.localHeaderOffset + o, width: w });
  }
  for (const [o, w] of end) out.push({ at: z.eocdOffset + o, width: w });
  return out;
}

function corpus(): Sample[] {
  const picks = sharedApks()
    .filter((f) => f.zipCheck === 'ok' && f.size > 4096 && f.size < 200_000)
    .sort((a, b) => a.size - b.size);
  const signed = sharedApks().filter((f) => f.path.endsWith('golden-aligned-v1v2v3-out.apk'));
  const chosen = [picks[0], picks[Math.floor(picks.length / 2)], picks[picks.length - 1], ...signed].filter(
    (f) => f && statSync(f.abs).isFile(),
  );
  const generated = makeZip(
    [
      { name: 'a', data: 'x'.repeat(3000), centralExtra: unicodePathExtra('a', 'b') },
      { name: 'b', data: 'stored', method: 0, dataDescriptor: true },
      { name: 'lib/x86/libz.so', data: 'ELF', method: 0, align: 4096 },
    ],
    { zip64: true, comment: Buffer.from('c'), signingBlock: true },
  );
  const plain = makeZip(
    [
      { name: 'c', data: 'y'.repeat(500), dataDescriptor: true },
      { name: 'd', data: 'z', localOffsetOf: 0 },
    ],
    { prefix: Buffer.from('dex\n035\0') },
  );
  const all = [...chosen.map((f) => new Uint8Array(readFileSync(f.abs))), generated, plain];
  return all.map((bytes) => ({ bytes, fields: fieldsOf(bytes) }));
}

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'u32'; at: number; value: number; tail: boolean }
  | { kind: 'u16'; at: number; value: number; tail: boolean }
  | { kind: 'splice'; from: number; to: number; len: number }
  /** Overwrite a real record field with a huge value or one pointing near the end of the file. */
  | { kind: 'field'; field: number; value: number; fromEnd: boolean };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('field' as const),
    field: fc.nat(),
    value: fc.oneof(fc.constantFrom(...HUGE), fc.integer({ min: 0, max: 70 })),
    fromEnd: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('field' as const),
    field: fc.nat(),
    value: fc.constantFrom(...HUGE),
    fromEnd: fc.constant(false),
  }),
  fc
    .record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map((m) => ({ ...m, at: m.at })),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('u32' as const),
    at: fc.nat(),
    value: fc.constantFrom(...HUGE),
    tail: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('u16' as const),
    at: fc.nat(),
    value: fc.constantFrom(...HUGE),
    tail: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    from: fc.nat(),
    to: fc.nat(),
    len: fc.integer({ min: 1, max: 512 }),
  }),
);

/** Positions biased to the end of the file (central directory, EOCD) half of the time. */
function position(len: number, at: number, tail: boolean): number {
  if (len === 0) return 0;
  if (!tail) return at % len;
  const window = Math.min(len, 4096);
  return len - 1 - (at % window);
}

function apply(sample: Sample, muts: Mutation[]): Uint8Array {
  let b = Buffer.from(sample.bytes);
  for (const m of muts) {
    if (b.length === 0) break;
    if (m.kind === 'field') {
      const f = sample.fields[m.field % sample.fields.length];
      if (f === undefined || f.at + f.width > b.length) continue;
      const v = m.fromEnd ? Math.max(0, b.length - m.value) : m.value;
      if (f.width === 2) b.writeUInt16LE(v & 0xffff, f.at);
      else b.writeUInt32LE(v >>> 0, f.at);
    } else if (m.kind === 'truncate') b = b.subarray(0, Math.floor(b.length * m.at));
    else if (m.kind === 'flip') b[m.at % b.length] ^= m.value;
    else if (m.kind === 'u32') {
      const o = Math.max(0, position(b.length, m.at, m.tail) - 3);
      if (o + 4 <= b.length) b.writeUInt32LE(m.value >>> 0, o);
    } else if (m.kind === 'u16') {
      const o = Math.max(0, position(b.length, m.at, m.tail) - 1);
      if (o + 2 <= b.length) b.writeUInt16LE(m.value & 0xffff, o);
    } else {
      const from = m.from % b.length;
      const to = m.to % b.length;
      b.set(
        b.subarray(from, Math.min(b.length, from + m.len)),
        to < b.length ? Math.min(to, b.length - Math.min(m.len, b.length - from)) : 0,
      );
    }
  }
  return b;
}

const outcome = { read: 0, refused: 0 };

function exercise(bytes: Uint8Array): void {
  let z;
  try {
    z = readZip(bytes, LIMITS);
    outcome.read++;
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    outcome.refused++;
    return;
  }
  for (const a of z.anomalies) {
    if (!KNOWN.has(a.code)) throw new Error(`undocumented anomaly code ${a.code}`);
  }
  const budget = createInflateBudget(LIMITS);
  for (const e of z.entries) {
    try {
      inflateEntry(bytes, e, LIMITS, budget, { verifyCrc: true });
    } catch (err) {
      if (!isDfslabError(err)) throw err;
    }
  }
}

describe('zip reader on hostile bytes', () => {
  it('only DfslabError escapes readZip/inflateEntry on mutated real APKs', (t) => {
    if (!requireShared(t)) return;
    const inputs = corpus();
    assert.ok(inputs.length >= 2);
    fc.assert(
      fc.property(
        fc.nat(inputs.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (i, muts) => {
          exercise(apply(inputs[i], muts));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    t.diagnostic(`${outcome.read} mutated archives read, ${outcome.refused} refused with a typed error`);
    assert.ok(outcome.read > RUNS / 10, 'mutations should leave many archives readable');
  });
});
