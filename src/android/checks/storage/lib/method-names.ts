/**
 * Method ids by name, compared on the raw string bytes: `methodsNamed` finds every referenced
 * method of a name (on any class) without decoding every method name of the app.
 */
import { isDfslabError } from '../../../../core/errors.js';
import type { DexEntry } from '../../../apk.js';
import type { AuditContext } from '../../../audit/context.js';
import { methodDescriptor } from '../../../dex/index.js';

const byName = new WeakMap<object, Map<string, number[]>>();

/**
 * Does string `idx` of `dex` decode to `name`? Compares the MUTF-8 bytes while they are ASCII (the
 * k-th byte is then the k-th character) and decodes only in the rare other cases, so asking for a
 * name never decodes every method name. A malformed string is never equal (it cannot be decoded).
 */
function stringIs(dex: DexEntry['dex'], idx: number, name: string): boolean {
  const b = dex.bytes;
  let p = dex.ids.strings[idx];
  let units = 0;
  for (let shift = 0; ; shift += 7) {
    if (p >= b.length || shift > 28) return decodedIs(dex, idx, name);
    const x = b[p++];
    units += (x & 0x7f) * 2 ** shift;
    if (x < 0x80) break;
  }
  if (units !== name.length) return false; // a decoded string always has its declared length
  for (let k = 0; k < units; k++, p++) {
    if (p >= b.length) return decodedIs(dex, idx, name);
    const x = b[p];
    if (x >= 0x80) return decodedIs(dex, idx, name);
    if (x !== name.charCodeAt(k)) return false;
  }
  return p < b.length && b[p] === 0 ? true : decodedIs(dex, idx, name);
}

function decodedIs(dex: DexEntry['dex'], idx: number, name: string): boolean {
  try {
    return dex.string(idx) === name;
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return false;
  }
}

/**
 * Method ids bucketed by the declared length and first byte of their name (read from the raw
 * string_data, nothing decoded); names whose first byte is not ASCII, or whose length cannot be
 * read, go to `other` and are decoded when asked about.
 */
type NameBuckets = {
  /** (length × HEAD_BYTES + first byte) → bucket number. */
  bucketOf: Map<number, number>;
  /** Compressed rows: the ids of bucket b are `ids[start[b] .. start[b+1])`, ascending. */
  start: Uint32Array;
  ids: Uint32Array;
  other: number[];
};
const nameBuckets = new WeakMap<object, NameBuckets>();
const HEAD_BYTES = 256;
const OTHER = -1;
/**
 * While the buckets of one DEX are built, names shorter than SHORT_NAME units find their bucket
 * in this flat table (bucket + 1; 0 = none) rather than in the Map: one Map lookup per method id
 * cost more than the rest of the pass. The table is shared and cleared after each use.
 */
const SHORT_NAME = 256;
const scratchBuckets = new Int32Array(SHORT_NAME * HEAD_BYTES);

function bucketsOf(dex: DexEntry['dex']): NameBuckets {
  const cached = nameBuckets.get(dex);
  if (cached) return cached;
  const bucketOf = new Map<number, number>();
  const other: number[] = [];
  const b = dex.bytes;
  const names = dex.ids.methodName;
  const offsets = dex.ids.strings;
  const bucket = new Int32Array(names.length);
  const counts: number[] = [];
  for (let i = 0; i < names.length; i++) {
    let p = offsets[names[i]];
    let units = 0;
    let ok = false;
    for (let shift = 0; shift <= 28 && p < b.length; shift += 7) {
      const x = b[p++];
      units += (x & 0x7f) * 2 ** shift;
      if (x < 0x80) {
        ok = true;
        break;
      }
    }
    const first = p < b.length ? b[p] : 0x80;
    if (!ok || first >= 0x80) {
      other.push(i);
      bucket[i] = OTHER;
      continue;
    }
    const key = units * HEAD_BYTES + first;
    const short = key < SHORT_NAME * HEAD_BYTES;
    let k = short ? scratchBuckets[key] - 1 : (bucketOf.get(key) ?? -1);
    if (k < 0) {
      k = counts.length;
      bucketOf.set(key, k);
      if (short) scratchBuckets[key] = k + 1;
      counts.push(0);
    }
    bucket[i] = k;
    counts[k]++;
  }
  const start = new Uint32Array(counts.length + 1);
  for (let k = 0; k < counts.length; k++) start[k + 1] = start[k] + counts[k];
  const fill = start.slice(0, counts.length);
  const ids = new Uint32Array(start[counts.length]);
  for (let i = 0; i < names.length; i++) if (bucket[i] !== OTHER) ids[fill[bucket[i]]++] = i;
  bucketOf.forEach((_, key) => {
    if (key < SHORT_NAME * HEAD_BYTES) scratchBuckets[key] = 0;
  });
  const nb: NameBuckets = { bucketOf, start, ids, other };
  nameBuckets.set(dex, nb);
  return nb;
}

/**
 * The method ids named `name`, grouped as a name → ids map would group them: by the string index
 * of the name, and (should a hostile file hold the same name twice) the group whose string is
 * first used last, as `Map.set` in first-use order would leave it.
 */
function methodIdsNamed(dex: DexEntry['dex'], name: string): number[] {
  const names = dex.ids.methodName;
  const nb = bucketsOf(dex);
  const head = name.length > 0 ? name.charCodeAt(0) : 0; // an empty name's first byte is its NUL
  const k = head < 0x80 ? nb.bucketOf.get(name.length * HEAD_BYTES + head) : undefined;
  const from = k === undefined ? 0 : nb.start[k];
  const to = k === undefined ? 0 : nb.start[k + 1];
  const verdict = new Map<number, boolean>();
  const groups = new Map<number, number[]>();
  for (let c = from; c < to + nb.other.length; c++) {
    const i = c < to ? nb.ids[c] : nb.other[c - to];
    const idx = names[i];
    let v = verdict.get(idx);
    if (v === undefined) verdict.set(idx, (v = stringIs(dex, idx, name)));
    if (!v) continue;
    const list = groups.get(idx);
    if (list) list.push(i);
    else groups.set(idx, [i]);
  }
  // Each group's ids come from one list in method order; the winner is the one first used last.
  let last: number[] = [];
  for (const ids of groups.values()) if (last.length === 0 || ids[0] > last[0]) last = ids;
  return last;
}

/**
 * Full descriptors of every referenced method called `name` whose proto starts with `protoPrefix`
 * (`(Ljava/lang/String;I)`), on any class: `getSharedPreferences` is called through the app's own
 * Activity as often as through Context. Names are compared on the raw bytes; descriptors are built only for matches.
 */
export function methodsNamed(ctx: AuditContext, name: string, protoPrefix: string): string[] {
  const out: string[] = [];
  for (const entry of ctx.dex) {
    const dex = entry.dex;
    let map = byName.get(dex);
    if (!map) {
      map = new Map();
      byName.set(dex, map);
    }
    let ids = map.get(name);
    if (!ids) {
      ids = methodIdsNamed(dex, name);
      map.set(name, ids);
    }
    for (const id of ids) {
      let d: string;
      try {
        d = methodDescriptor(dex, id);
      } catch (e) {
        if (!isDfslabError(e)) throw e;
        continue;
      }
      if (d.slice(d.indexOf('->') + 2 + name.length).startsWith(protoPrefix) && !out.includes(d)) out.push(d);
    }
  }
  return out;
}
