/**
 * Deterministic mutators for the fuzz campaign. A mutant is a seed plus 1–4 stacked operations
 * drawn from a PRNG seeded by (campaign seed, format, index), so any mutant can be rebuilt.
 * Positions are drawn uniformly, from the seed's hot regions (headers, directories) or from its
 * "interesting" offsets: header fields and every u32 that looks like an offset or a size.
 */

export type Rng = {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
};

/** sfc32, seeded through splitmix32: small, fast, good enough for fuzzing. */
export function makeRng(seed: number): Rng {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    const s = String(p);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ 0x2c, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export type Region = { start: number; end: number };

export type Seed = {
  name: string;
  bytes: Uint8Array;
  /** Offsets of header fields and length-like u32 values (sorted, capped). */
  interesting: number[];
  /** Byte ranges worth hitting more often (directories, headers, signing block). */
  hot: Region[];
};

const MAX_INTERESTING = 4096;

/** Offsets whose u32 looks like an offset, size or count inside the file (1 ≤ v ≤ length). */
export function lengthLikeOffsets(bytes: Uint8Array, extra: readonly number[] = []): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = new Set<number>(extra.filter((o) => o >= 0 && o < bytes.length));
  const step = Math.max(1, Math.floor(bytes.length / (MAX_INTERESTING * 16))) * 2;
  for (let o = 0; o + 4 <= bytes.length && found.size < MAX_INTERESTING; o += step) {
    const v = view.getUint32(o, true);
    if (v >= 1 && v <= bytes.length && (v & 1) === 0) found.add(o);
  }
  return [...found].sort((x, y) => x - y);
}

const U16_VALUES = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff];
const U32_VALUES = [
  0, 1, 2, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x10000000, 0x01000000, 0x00ffffff, 0x40000000,
];

export type MutationOp = (
  rng: Rng,
  buf: Uint8Array,
  seed: Seed,
  donors: readonly Seed[],
) => { buf: Uint8Array; what: string };

function position(rng: Rng, buf: Uint8Array, seed: Seed): number {
  if (buf.length === 0) return 0;
  const r = rng.next();
  if (r < 0.35 && seed.interesting.length) return Math.min(buf.length - 1, rng.pick(seed.interesting));
  if (r < 0.65 && seed.hot.length) {
    const h = rng.pick(seed.hot);
    const end = Math.min(h.end, buf.length);
    if (end > h.start) return h.start + rng.int(end - h.start);
  }
  return rng.int(buf.length);
}

function writeU16(buf: Uint8Array, at: number, v: number): void {
  if (at + 2 > buf.length) return;
  buf[at] = v & 0xff;
  buf[at + 1] = (v >>> 8) & 0xff;
}

function writeU32(buf: Uint8Array, at: number, v: number): void {
  if (at + 4 > buf.length) return;
  new DataView(buf.buffer, buf.byteOffset, buf.byteLength).setUint32(at, v >>> 0, true);
}

export const OPS: Record<string, MutationOp> = {
  truncate(rng, buf, seed) {
    const at = rng.chance(0.5) ? position(rng, buf, seed) : rng.int(buf.length + 1);
    return { buf: buf.slice(0, at), what: `truncate@${at}` };
  },
  bitflip(rng, buf) {
    const n = 1 + rng.int(8);
    const at: number[] = [];
    for (let i = 0; i < n && buf.length; i++) {
      const p = rng.int(buf.length);
      buf[p] ^= 1 << rng.int(8);
      at.push(p);
    }
    return { buf, what: `bitflip@${at.join(',')}` };
  },
  byteRun(rng, buf, seed) {
    const at = position(rng, buf, seed);
    const len = 1 + rng.int(rng.chance(0.8) ? 16 : 256);
    const v = rng.pick([0, 0xff, 0x7f, 0x80, rng.int(256)]);
    buf.fill(v, at, Math.min(buf.length, at + len));
    return { buf, what: `run@${at}x${len}=${v}` };
  },
  field16(rng, buf, seed) {
    const at = position(rng, buf, seed);
    const v = rng.chance(0.8) ? rng.pick(U16_VALUES) : rng.int(0x10000);
    writeU16(buf, at, v);
    return { buf, what: `u16@${at}=${v}` };
  },
  field32(rng, buf, seed) {
    const at = position(rng, buf, seed);
    const around = [buf.length, buf.length - 1, buf.length + 1, buf.length * 2, buf.length >>> 1];
    const v = rng.chance(0.7)
      ? rng.pick(U32_VALUES)
      : rng.chance(0.5)
        ? rng.pick(around)
        : rng.int(0x100000000);
    writeU32(buf, at, v);
    return { buf, what: `u32@${at}=${v >>> 0}` };
  },
  arith(rng, buf, seed) {
    const at = position(rng, buf, seed);
    if (at + 4 > buf.length) return { buf, what: 'arith(noop)' };
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const d = rng.pick([-8, -4, -2, -1, 1, 2, 4, 8, 16, 0x100, -0x100]);
    view.setUint32(at, (view.getUint32(at, true) + d) >>> 0, true);
    return { buf, what: `add32@${at}${d >= 0 ? '+' : ''}${d}` };
  },
  splice(rng, buf, _seed, donors) {
    const donor = rng.pick(donors);
    if (!donor || donor.bytes.length === 0 || buf.length === 0) return { buf, what: 'splice(noop)' };
    if (rng.chance(0.5)) {
      const cut = rng.int(buf.length);
      const from = rng.int(donor.bytes.length);
      const out = new Uint8Array(cut + donor.bytes.length - from);
      out.set(buf.subarray(0, cut));
      out.set(donor.bytes.subarray(from), cut);
      return { buf: out, what: `splice-tail@${cut}<-${donor.name}@${from}` };
    }
    const len = 1 + rng.int(Math.min(4096, donor.bytes.length));
    const from = rng.int(donor.bytes.length - len + 1);
    const at = rng.int(buf.length);
    buf.set(donor.bytes.subarray(from, from + Math.min(len, buf.length - at)), at);
    return { buf, what: `splice-over@${at}<-${donor.name}@${from}x${len}` };
  },
  duplicate(rng, buf, seed) {
    if (buf.length === 0) return { buf, what: 'dup(noop)' };
    const start = position(rng, buf, seed);
    const len = 1 + rng.int(Math.min(buf.length - start, rng.chance(0.7) ? 64 : 4096));
    const at = rng.int(buf.length + 1);
    const chunk = buf.slice(start, start + len);
    const out = new Uint8Array(buf.length + chunk.length);
    out.set(buf.subarray(0, at));
    out.set(chunk, at);
    out.set(buf.subarray(at), at + chunk.length);
    return { buf: out, what: `dup@${start}x${len}->${at}` };
  },
  remove(rng, buf, seed) {
    if (buf.length === 0) return { buf, what: 'remove(noop)' };
    const at = position(rng, buf, seed);
    const len = 1 + rng.int(Math.min(buf.length - at, 64));
    const out = new Uint8Array(buf.length - len);
    out.set(buf.subarray(0, at));
    out.set(buf.subarray(at + len), at);
    return { buf: out, what: `remove@${at}x${len}` };
  },
};

/** Weighted op names: field overwrites and flips dominate, structural ops are rarer. */
const OP_WEIGHTS: [string, number][] = [
  ['field32', 5],
  ['field16', 4],
  ['bitflip', 4],
  ['byteRun', 3],
  ['arith', 2],
  ['truncate', 2],
  ['splice', 2],
  ['duplicate', 2],
  ['remove', 1],
];
const OP_TABLE = OP_WEIGHTS.flatMap(([name, w]) => Array<string>(w).fill(name));

export type Mutant = { bytes: Uint8Array; seedName: string; ops: string[] };

export function mutate(rng: Rng, seeds: readonly Seed[]): Mutant {
  const seed = rng.pick(seeds);
  let buf: Uint8Array = seed.bytes.slice();
  const ops: string[] = [];
  const n = 1 + (rng.chance(0.5) ? 0 : rng.int(4));
  for (let i = 0; i < n; i++) {
    const op = OPS[rng.pick(OP_TABLE)];
    const r = op(rng, buf, seed, seeds);
    buf = r.buf;
    ops.push(r.what);
  }
  return { bytes: buf, seedName: seed.name, ops };
}
