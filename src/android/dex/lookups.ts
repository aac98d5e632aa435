/**
 * Descriptor lookups shared by the code queries: one descriptor → type ids lookup per DEX, and
 * compressed rows (typed arrays) from a type to the ids or class_defs that belong to it, instead
 * of one Map of arrays per kind of query.
 */
import { isDfslabError } from '../../core/errors.js';
import type { DexCsr } from './analyze.js';
import type { DexFile } from './types.js';

/**
 * Type ids by descriptor, over every type whose descriptor decodes: `get(name)` gives the one id
 * of that name, or the ids in ascending order when several share one (a hostile file).
 */
export type TypeIds = {
  get(name: string): number | number[] | undefined;
  /** 1 for a type whose descriptor does not decode. */
  bad: Uint8Array;
};

const typeIdCache = new WeakMap<DexFile, TypeIds>();

/** Index of the first of the ascending `values` not below `x` (bisection). */
export function lowerBound<T extends string | number>(values: ArrayLike<T>, x: T): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A valid DEX sorts its type ids by descriptor, so the decoded descriptors are kept as one
 * ascending array searched by bisection (no hash map of every type). Any other order (a hostile
 * file, repeated descriptors) falls back to a descriptor → ids map, with the same answers.
 */
export function typeIdsOf(dex: DexFile): TypeIds {
  const hit = typeIdCache.get(dex);
  if (hit) return hit;
  const n = dex.ids.types.length;
  const bad = new Uint8Array(n);
  const values: string[] = [];
  const found: number[] = [];
  let ascending = true;
  for (let t = 0; t < n; t++) {
    let name: string;
    try {
      name = dex.type(t);
    } catch (e) {
      // A malformed descriptor cannot be looked up; anything but a DfslabError is a bug.
      if (!isDfslabError(e)) throw e;
      bad[t] = 1;
      continue;
    }
    if (ascending && values.length > 0 && !(values[values.length - 1] < name)) ascending = false;
    values.push(name);
    found.push(t);
  }
  let out: TypeIds;
  if (ascending) {
    const ids = Uint32Array.from(found);
    out = {
      bad,
      get(name) {
        const k = lowerBound(values, name);
        return k < values.length && values[k] === name ? ids[k] : undefined;
      },
    };
  } else {
    const byName = new Map<string, number | number[]>();
    for (let k = 0; k < values.length; k++) {
      const name = values[k];
      const t = found[k];
      const had = byName.get(name);
      if (had === undefined) byName.set(name, t);
      else if (typeof had === 'number') byName.set(name, [had, t]);
      else had.push(t);
    }
    out = { bad, get: (name) => byName.get(name) };
  }
  typeIdCache.set(dex, out);
  return out;
}

/** Compressed rows over type ids: the members of type `t` are `items[start[t] .. start[t+1])`, in order. */
export type ByType = { start: Uint32Array; items: Uint32Array };

/** Groups the indexes `i` by `typeOf[i]` (a type index below `nTypes`; -1 leaves `i` out). */
export function groupByType(nTypes: number, typeOf: Int32Array): ByType {
  const n = typeOf.length;
  const start = new Uint32Array(nTypes + 1);
  for (let i = 0; i < n; i++) if (typeOf[i] >= 0) start[typeOf[i] + 1]++;
  for (let t = 0; t < nTypes; t++) start[t + 1] += start[t];
  const fill = start.slice(0, nTypes);
  const items = new Uint32Array(start[nTypes]);
  for (let i = 0; i < n; i++) if (typeOf[i] >= 0) items[fill[typeOf[i]]++] = i;
  return { start, items };
}

/**
 * The referenced ids of `csr` by the type of their class (`classOf[id]`). A valid DEX sorts its
 * method and field ids by class, so the ids of a class are one range of `classOf`, found by
 * bisection; any other order is grouped into rows (`grouped`) once.
 */
export type RefsByType = { csr: DexCsr; classOf: Uint16Array; grouped?: ByType };

export function referencedByType(dex: DexFile, csr: DexCsr, classOf: Uint16Array): RefsByType {
  const { start } = csr;
  const n = start.length - 1;
  let sorted = classOf.length === n;
  for (let id = 1; sorted && id < n; id++) if (classOf[id] < classOf[id - 1]) sorted = false;
  if (sorted) return { csr, classOf };
  const typeOf = new Int32Array(n);
  for (let id = 0; id < typeOf.length; id++) typeOf[id] = start[id + 1] !== start[id] ? classOf[id] : -1;
  return { csr, classOf, grouped: groupByType(dex.ids.types.length, typeOf) };
}

/** How many type ids are named `name` (read them with `nthType`). */
export function countTypes(types: number | number[] | undefined): number {
  return types === undefined ? 0 : typeof types === 'number' ? 1 : types.length;
}

/** The j-th (ascending) of the type ids found under one name. */
export function nthType(types: number | number[], j: number): number {
  return typeof types === 'number' ? types : types[j];
}

/** A descriptor `<cls>-><rest>` split once per query (not once per DEX). */
export type SplitDescriptor = { cls: string; rest: string };

export function splitDescriptor(desc: string): SplitDescriptor | undefined {
  const arrow = desc.indexOf('->');
  return arrow < 0 ? undefined : { cls: desc.slice(0, arrow), rest: desc.slice(arrow + 2) };
}

/**
 * The referenced id whose full descriptor is `<d.cls>-><d.rest>` (the highest one, should a
 * hostile file repeat it), looking only at the ids of the class the descriptor names.
 */
export function idByDescriptor(
  dex: DexFile,
  refs: RefsByType,
  d: SplitDescriptor,
  matches: (dex: DexFile, id: number, rest: string) => boolean,
): number | undefined {
  const types = typeIdsOf(dex).get(d.cls);
  if (types === undefined) return undefined;
  let found: number | undefined;
  const test = (id: number): void => {
    try {
      if (matches(dex, id, d.rest) && (found === undefined || id > found)) found = id;
    } catch (e) {
      if (!isDfslabError(e)) throw e;
    }
  };
  const { grouped, classOf } = refs;
  const csrStart = refs.csr.start;
  for (let j = 0; j < countTypes(types); j++) {
    const t = nthType(types, j);
    if (grouped) {
      const { start, items } = grouped;
      for (let k = start[t]; k < start[t + 1]; k++) test(items[k]);
      continue;
    }
    // The referenced ids of class t, ascending, as the grouped rows list them.
    for (let id = lowerBound(classOf, t); id < classOf.length && classOf[id] === t; id++)
      if (csrStart[id + 1] !== csrStart[id]) test(id);
  }
  return found;
}

/**
 * What a string search can accept, read on the raw string_data: fewer than `maxUnits` UTF-16
 * units, and one of some two-character ASCII pairs (ignoring ASCII case) somewhere in the text.
 */
export type StringPrefilter = {
  maxUnits: number;
  pairs: Uint8Array;
  /** Its bit in the shared masks (`stringMask`), or -1 past the first SHARED_PREFILTERS. */
  bit: number;
};

const PAIR_SHIFT = 7;
const ULEB_MAX_BYTES = 5;
/** FOLD[byte]: the byte with ASCII letters lower-cased, NON_ASCII for 0x80-0xff, 0 for NUL. */
const NON_ASCII = 0x80;
const FOLD = new Uint8Array(256);
for (let x = 0; x < 256; x++) FOLD[x] = x >= NON_ASCII ? NON_ASCII : x >= 0x41 && x <= 0x5a ? x + 0x20 : x;

/** A prefilter for searches whose matches are shorter than `maxUnits` and contain one of `pairs` (two ASCII characters, not NUL, each). */
export function stringPrefilter(maxUnits: number, pairs: readonly string[]): StringPrefilter {
  const table = new Uint8Array(1 << (2 * PAIR_SHIFT));
  for (const p of pairs) {
    const a = p.charCodeAt(0);
    const b = p.charCodeAt(1);
    if (p.length !== 2 || !(a > 0 && a < NON_ASCII) || !(b > 0 && b < NON_ASCII))
      throw new RangeError(`not a pair of ASCII characters: ${JSON.stringify(p)}`);
    table[(FOLD[a] << PAIR_SHIFT) | FOLD[b]] = 1;
  }
  const bit = registry.length < SHARED_PREFILTERS ? registry.length : -1;
  const pre = { maxUnits, pairs: table, bit };
  if (bit < 0) return pre;
  registry.push(pre);
  for (let k = 0; k < table.length; k++) if (table[k] === 1) sharedPairs[k] |= 1 << bit;
  return pre;
}

/**
 * Every prefilter made (the checks make theirs once, as module constants) takes one bit of a
 * shared mask, so one pass over a DEX's string bytes serves all of them (`stringMask`).
 */
const SHARED_PREFILTERS = 32;
const registry: StringPrefilter[] = [];
const sharedPairs = new Uint32Array(1 << (2 * PAIR_SHIFT));

/** How many prefilters share the masks (a mask computed earlier knows only those before it). */
export function sharedPrefilterCount(): number {
  return registry.length;
}

/** The bits of the shared prefilters that rule out a string of `units` UTF-16 units. */
function tooLong(units: number): number {
  let bits = 0;
  for (let k = 0; k < registry.length; k++) if (units >= registry[k].maxUnits) bits |= 1 << k;
  return bits;
}

/**
 * The bits of the shared prefilters that the string whose data starts at `off` may pass: the
 * same answer as `mayMatch` for each of them, in one pass over its bytes.
 */
export function stringMask(bytes: Uint8Array, off: number): number {
  const all = registry.length === SHARED_PREFILTERS ? -1 : (1 << registry.length) - 1;
  const len = bytes.length;
  let p = off;
  let units = 0;
  for (let i = 0; ; i++) {
    if (i === ULEB_MAX_BYTES || p >= len) return all;
    const x = bytes[p++];
    units += (x & 0x7f) * 2 ** (7 * i);
    if ((x & 0x80) === 0) break;
  }
  const end = Math.min(len, p + units * 3 + 1);
  let mask = 0;
  let prev = 0;
  for (; p < end; p++) {
    const lx = FOLD[bytes[p]];
    if (lx === 0) return mask & ~tooLong(units);
    if (lx === NON_ASCII) return all & ~tooLong(units);
    mask |= sharedPairs[(prev << PAIR_SHIFT) | lx];
    prev = lx;
  }
  return all & ~tooLong(units);
}

/**
 * False when the string whose data starts at `off` cannot pass `pre`: it is ASCII (so it decodes
 * to its bytes) and too long or without any of the pairs. Anything else, non-ASCII or malformed
 * text included, is left to the decoder and the search (true).
 */
export function mayMatch(bytes: Uint8Array, off: number, pre: StringPrefilter): boolean {
  const len = bytes.length;
  let p = off;
  let units = 0;
  for (let i = 0; ; i++) {
    if (i === ULEB_MAX_BYTES || p >= len) return true;
    const x = bytes[p++];
    units += (x & 0x7f) * 2 ** (7 * i);
    if ((x & 0x80) === 0) break;
  }
  // A string that decodes has exactly its declared length.
  if (units >= pre.maxUnits) return false;
  const { pairs } = pre;
  // The decoder reads at most units * 3 bytes before the terminator.
  const end = Math.min(len, p + units * 3 + 1);
  // prev starts as NUL, which no pair begins with.
  let prev = 0;
  for (; p < end; p++) {
    const lx = FOLD[bytes[p]];
    if (lx === 0) return false;
    if (lx === NON_ASCII) return true;
    if (pairs[(prev << PAIR_SHIFT) | lx] === 1) return true;
    prev = lx;
  }
  return true;
}
