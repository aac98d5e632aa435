/**
 * Descriptor lookups shared by the code queries: one descriptor → type ids map per DEX, and
 * compressed rows (typed arrays) from a type to the ids or class_defs that belong to it, instead
 * of one Map of arrays per kind of query.
 */
import { isDfslabError } from '../../core/errors.js';
import type { DexCsr } from './analyze.js';
import type { DexFile } from './types.js';

/** Type ids by descriptor, over every type whose descriptor decodes (ascending when several share one). */
export type TypeIds = {
  byName: Map<string, number | number[]>;
  /** 1 for a type whose descriptor does not decode. */
  bad: Uint8Array;
};

const typeIdCache = new WeakMap<DexFile, TypeIds>();

export function typeIdsOf(dex: DexFile): TypeIds {
  const hit = typeIdCache.get(dex);
  if (hit) return hit;
  const n = dex.ids.types.length;
  const byName = new Map<string, number | number[]>();
  const bad = new Uint8Array(n);
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
    const had = byName.get(name);
    if (had === undefined) byName.set(name, t);
    else if (typeof had === 'number') byName.set(name, [had, t]);
    else had.push(t);
  }
  const out = { byName, bad };
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

/** The referenced ids of `csr` grouped by the type of their class (`classOf[id]`). */
export function referencedByType(dex: DexFile, csr: DexCsr, classOf: Uint16Array): ByType {
  const { start } = csr;
  const typeOf = new Int32Array(start.length - 1);
  for (let id = 0; id < typeOf.length; id++) typeOf[id] = start[id + 1] !== start[id] ? classOf[id] : -1;
  return groupByType(dex.ids.types.length, typeOf);
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
  byType: ByType,
  d: SplitDescriptor,
  matches: (dex: DexFile, id: number, rest: string) => boolean,
): number | undefined {
  const types = typeIdsOf(dex).byName.get(d.cls);
  if (types === undefined) return undefined;
  let found: number | undefined;
  const { start, items } = byType;
  for (let j = 0; j < countTypes(types); j++) {
    const t = nthType(types, j);
    for (let k = start[t]; k < start[t + 1]; k++) {
      const id = items[k];
      try {
        if (matches(dex, id, d.rest) && (found === undefined || id > found)) found = id;
      } catch (e) {
        if (!isDfslabError(e)) throw e;
      }
    }
  }
  return found;
}
