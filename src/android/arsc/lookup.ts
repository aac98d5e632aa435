import type { ResValue } from '../resources.js';
import { DT, ENTRY, MAX_REFERENCE_DEPTH, TYPE } from './constants.js';
import {
  entryData,
  entryDataType,
  entryKey,
  entryOffset,
  forEachEntry,
  isComplex,
  slotEntry,
  slotOffset,
} from './entries.js';
import type {
  ResBagItem,
  ResEntry,
  ResPackage,
  ResStringValue,
  ResTypeChunk,
  ResTypeGroup,
  ResourceTable,
} from './types.js';
import { decodeValue } from './value.js';

/** The configuration name used in results for the default configuration. */
export const DEFAULT_CONFIG = 'default';

/** The first package with this id (0x7f for an app, 0x01 for the framework). */
export function findPackage(table: ResourceTable, packageId: number): ResPackage | undefined {
  return table.packages.find((p) => p.id === packageId);
}

function groupOf(table: ResourceTable, id: number): { pkg: ResPackage; group: ResTypeGroup } | undefined {
  const pkg = findPackage(table, (id >>> 24) & 0xff);
  const group = pkg?.types[(id >>> 16) & 0xff];
  return pkg && group ? { pkg, group } : undefined;
}

function readBag(table: ResourceTable, abs: number): { parent: number; items: ResBagItem[] } {
  const { view } = table;
  const size = view.getUint16(abs, true);
  const parent = view.getUint32(abs + 8, true);
  const count = view.getUint32(abs + 12, true); // bounded by entryProblem
  const items: ResBagItem[] = [];
  for (let i = 0, p = abs + size; i < count; i++, p += ENTRY.MAP_ITEM_SIZE) {
    const dataType = view.getUint8(p + 7);
    const data = view.getUint32(p + 8, true);
    items.push({
      name: view.getUint32(p, true),
      dataType,
      data,
      value: decodeValue(dataType, data, table.strings),
    });
  }
  return { parent, items };
}

/** Decodes the well-formed entry `e` at `abs` of `chunk` (see forEachEntry / entryOffset). */
export function decodeEntry(
  table: ResourceTable,
  pkg: ResPackage,
  g: ResTypeGroup,
  chunk: ResTypeChunk,
  e: number,
  abs: number,
): ResEntry {
  const { view } = table;
  const keyIndex = entryKey(view, abs);
  const base = {
    id: ((pkg.id << 24) | (g.id << 16) | e) >>> 0,
    offset: abs,
    flags: view.getUint16(abs + 2, true),
    keyIndex,
    key: pkg.keyStrings.get(keyIndex) ?? `entry${e}`,
    typeName: g.name,
    packageName: pkg.name,
    chunk,
  };
  if (isComplex(view, abs)) {
    return {
      ...base,
      dataType: 0,
      data: 0,
      value: { type: 'complex', value: null },
      bag: readBag(table, abs),
    };
  }
  const dataType = entryDataType(view, abs);
  const data = entryData(view, abs);
  return { ...base, dataType, data, value: decodeValue(dataType, data, table.strings) };
}

/** Every configuration's entry for `id` (0xPPTTEEEE), in file order. Empty when unknown. */
export function entriesOf(table: ResourceTable, id: number): ResEntry[] {
  const found = groupOf(table, id);
  if (!found) return [];
  const e = id & 0xffff;
  const out: ResEntry[] = [];
  for (const chunk of found.group.chunks) {
    const abs = entryOffset(table.view, chunk, e);
    if (abs >= 0) out.push(decodeEntry(table, found.pkg, found.group, chunk, e, abs));
  }
  return out;
}

/** The entry in the configuration named `config` ('' = default), or in the default then the first one. */
export function entryOf(table: ResourceTable, id: number, config?: string): ResEntry | undefined {
  const found = groupOf(table, id);
  if (!found) return undefined;
  const e = id & 0xffff;
  const wanted = config ?? '';
  let first: ResEntry | undefined;
  for (const chunk of found.group.chunks) {
    const abs = entryOffset(table.view, chunk, e);
    if (abs < 0) continue;
    if (chunk.configName === wanted) return decodeEntry(table, found.pkg, found.group, chunk, e, abs);
    first ??= decodeEntry(table, found.pkg, found.group, chunk, e, abs);
  }
  return config === undefined ? first : undefined;
}

/** 'type/name' of `id`, from the first configuration that has it; undefined if unknown. */
export function resourceName(table: ResourceTable, id: number): string | undefined {
  const found = groupOf(table, id);
  if (!found) return undefined;
  for (const chunk of found.group.chunks) {
    const abs = entryOffset(table.view, chunk, id & 0xffff);
    if (abs < 0) continue;
    const key = found.pkg.keyStrings.get(entryKey(table.view, abs));
    if (key !== undefined) return `${found.group.name}/${key}`;
  }
  return undefined;
}

const nameIndexes = new WeakMap<ResourceTable, Map<string, number>>();

function nameIndex(table: ResourceTable): Map<string, number> {
  const cached = nameIndexes.get(table);
  if (cached) return cached;
  const index = new Map<string, number>();
  for (const pkg of table.packages) {
    for (const g of pkg.types) {
      if (!g) continue;
      // Each entry is named once, from the first configuration that has it.
      const named = new Uint8Array(g.entryCount);
      for (const chunk of g.chunks) {
        forEachEntry(table.view, chunk, (e, abs) => {
          if (named[e]) return;
          named[e] = 1;
          const key = pkg.keyStrings.get(entryKey(table.view, abs));
          if (key === undefined) return;
          const id = ((pkg.id << 24) | (g.id << 16) | e) >>> 0;
          const short = `${g.name}/${key}`;
          const full = `${pkg.name}:${short}`;
          if (!index.has(full)) index.set(full, id);
          if (!index.has(short)) index.set(short, id);
        });
      }
    }
  }
  nameIndexes.set(table, index);
  return index;
}

/** The id of 'type/name' or 'package:type/name' (an '@' prefix is ignored); undefined if unknown. */
export function findId(table: ResourceTable, name: string): number | undefined {
  return nameIndex(table).get(name.startsWith('@') ? name.slice(1) : name);
}

/** The finalized id a staged resource id was aliased to, if a package declares one. */
export function stagedAlias(table: ResourceTable, id: number): number | undefined {
  for (const pkg of table.packages) {
    const alias = pkg.stagedAliases.find((a) => a.stagedId === id >>> 0);
    if (alias) return alias.finalizedId;
  }
  return undefined;
}

/**
 * The value of `id` in the default configuration (or the first available), following references
 * up to MAX_REFERENCE_DEPTH hops; a loop or an unknown target ends at the last reference.
 */
export function resolveValue(table: ResourceTable, id: number, config?: string): ResValue | undefined {
  const direct = (target: number): ResEntry | undefined =>
    entryOf(table, target, config) ?? (config === undefined ? undefined : entryOf(table, target));
  const pick = (target: number): ResEntry | undefined => {
    const found = direct(target);
    if (found) return found;
    const finalized = stagedAlias(table, target);
    return finalized === undefined ? undefined : direct(finalized);
  };
  let current: ResEntry | undefined = pick(id);
  if (!current) return undefined;
  const seen = new Set<number>([id >>> 0]);
  for (let depth = 0; depth < MAX_REFERENCE_DEPTH; depth++) {
    const v: ResValue = current.value;
    if (v.type !== 'reference' || v.value === 0 || seen.has(v.value)) return v;
    seen.add(v.value);
    const next: ResEntry | undefined = pick(v.value);
    if (!next) return v;
    current = next;
  }
  return current.value;
}

/**
 * The position `forEachStringRef` is at: one object, updated in place for each string value (copy
 * what you keep). `pool` indexes the table's global string pool (`table.strings.get(pool)`).
 */
export type StringRef = {
  id: number;
  config: string;
  pool: number;
  /** The entry's full name (`package:type/key`), built once per entry. */
  name(): string;
};

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Scratch space for the offsets of unaligned chunks, one per walk (a callback may start another). */
type Scratch = { offsets: Uint32Array };

/**
 * The `n` 32-bit little-endian offsets at `bytes[base…]` as a typed array: a view when aligned,
 * else a copy into the reused scratch array (valid until the next call); undefined on a big-endian
 * host. Reading a typed array is much cheaper than a DataView read per slot.
 */
function denseOffsets(bytes: Uint8Array, base: number, n: number, scratch: Scratch): Uint32Array | undefined {
  if (!LITTLE_ENDIAN) return undefined;
  const start = bytes.byteOffset + base;
  if (start % 4 === 0) return new Uint32Array(bytes.buffer, start, n);
  if (scratch.offsets.length < n) scratch.offsets = new Uint32Array(n);
  new Uint8Array(scratch.offsets.buffer, 0, n * 4).set(bytes.subarray(base, base + n * 4));
  return scratch.offsets;
}

/**
 * Visits every string value in the table — simple string entries and string items of bags, in every
 * configuration, in table order — without decoding any string or allocating per value: a scan
 * that judges each distinct pool string once can skip most values on their index alone.
 */
export function forEachStringRef(table: ResourceTable, fn: (ref: StringRef) => void): void {
  const { view } = table;
  const scratch: Scratch = { offsets: new Uint32Array(0) };
  for (const pkg of table.packages) {
    for (const g of pkg.types) {
      if (!g) continue;
      const names: (string | undefined)[] = new Array<string | undefined>(g.entryCount);
      let e = 0;
      let abs = 0;
      const ref: StringRef = {
        id: 0,
        config: DEFAULT_CONFIG,
        pool: 0,
        name(): string {
          let n = names[e];
          if (n === undefined) {
            n = `${pkg.name}:${g.name}/${pkg.keyStrings.get(entryKey(view, abs)) ?? `entry${e}`}`;
            names[e] = n;
          }
          return n;
        },
      };
      const visit = (slot: number, chunk: ResTypeChunk): void => {
        abs = slotOffset(view, chunk, slot);
        if (abs < 0) return;
        e = slotEntry(view, chunk, slot);
        ref.id = ((pkg.id << 24) | (g.id << 16) | e) >>> 0;
        if (!isComplex(view, abs)) {
          if (entryDataType(view, abs) !== DT.STRING) return;
          ref.pool = entryData(view, abs);
          fn(ref);
          return;
        }
        const size = view.getUint16(abs, true);
        const count = view.getUint32(abs + 12, true);
        for (let i = 0, p = abs + size; i < count; i++, p += ENTRY.MAP_ITEM_SIZE) {
          if (view.getUint8(p + 7) !== DT.STRING) continue;
          ref.pool = view.getUint32(p + 8, true);
          fn(ref);
        }
      };
      for (const chunk of g.chunks) {
        ref.config = chunk.configName || DEFAULT_CONFIG;
        const n = chunk.entryCount;
        if (chunk.sparse) {
          for (let slot = 0; slot < n; slot++) visit(slot, chunk);
          continue;
        }
        // Dense offsets are mostly NO_ENTRY (framework-res: ~96% of millions): passed over inline.
        const base = chunk.indexOffset;
        if (chunk.offset16) {
          for (let slot = 0; slot < n; slot++)
            if (view.getUint16(base + slot * 2, true) !== TYPE.NO_ENTRY16) visit(slot, chunk);
          continue;
        }
        const offsets = denseOffsets(table.bytes, base, n, scratch);
        if (offsets) {
          for (let slot = 0; slot < n; slot++) if (offsets[slot] !== TYPE.NO_ENTRY) visit(slot, chunk);
          continue;
        }
        for (let slot = 0; slot < n; slot++)
          if (view.getUint32(base + slot * 4, true) !== TYPE.NO_ENTRY) visit(slot, chunk);
      }
    }
  }
}

/** Every string value in the table: simple string entries and string items of bags, in every config. */
export function allStrings(table: ResourceTable): ResStringValue[] {
  const out: ResStringValue[] = [];
  forEachStringRef(table, (r) => {
    const value = table.strings.get(r.pool);
    if (value !== undefined) out.push({ id: r.id, name: r.name(), config: r.config, value });
  });
  return out;
}
