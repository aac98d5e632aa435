import type { AnomalyList } from '../../core/anomaly.js';
import { LimitError } from '../../core/errors.js';
import type { ArscLimits } from '../../core/limits.js';
import { configToString, readConfig } from './config.js';
import { FORMAT, LIB, SPEC, STAGED, TYPE } from './constants.js';
import { entryProblem, isComplex } from './entries.js';
import type { ResPackage, ResTypeChunk, ResTypeGroup } from './types.js';

/** Context shared by the chunk readers of one table. */
export type Ctx = {
  bytes: Uint8Array;
  view: DataView;
  limits: ArscLimits;
  anomalies: AnomalyList;
  /** Bag items over all entries so far (entries may share bytes, so this can exceed the file). */
  bagItems: number;
};

/**
 * Entries may point at the same bytes (aapt2 deduplicates values), but a hostile table could make
 * 65,536 entries share one huge bag. Total bag items may exceed what the bytes hold by this factor.
 */
const MAX_BAG_AMPLIFICATION = 8;
const MIN_BAG_ITEM_BUDGET = 1_000_000;

function warn(ctx: Ctx, code: string, message: string, offset: number): void {
  ctx.anomalies.add({ format: FORMAT, code, severity: 'warning', message, offset });
}

/** A UTF-16 NUL-terminated fixed-size name field (package and library names). */
export function readFixedUtf16(view: DataView, o: number, maxChars: number): string {
  const codes: number[] = [];
  for (let i = 0; i < maxChars; i++) {
    const c = view.getUint16(o + i * 2, true);
    if (c === 0) break;
    codes.push(c);
  }
  return String.fromCharCode(...codes);
}

function group(ctx: Ctx, pkg: ResPackage, id: number, offset: number): ResTypeGroup {
  const existing = pkg.types[id];
  if (existing) return existing;
  const name = pkg.typeStrings.get(id - 1 - pkg.typeIdOffset);
  if (name === undefined) {
    warn(ctx, 'type-name-missing', `type id ${id} has no name in the type string pool`, offset);
  }
  const g: ResTypeGroup = {
    id,
    name: name ?? `type${id}`,
    entryCount: 0,
    specFlags: new Uint32Array(0),
    hasSpec: false,
    chunks: [],
  };
  pkg.types[id] = g;
  return g;
}

/** ResTable_typeSpec: the type's entry count and per-entry configuration flags. */
export function readTypeSpec(ctx: Ctx, pkg: ResPackage, o: number, headerSize: number, size: number): void {
  const { view } = ctx;
  if (headerSize < SPEC.HEADER_SIZE) {
    warn(ctx, 'bad-type-spec', `type spec header size ${headerSize} is too small`, o);
    return;
  }
  const id = view.getUint8(o + SPEC.ID);
  const entryCount = view.getUint32(o + SPEC.ENTRY_COUNT, true);
  if (id === 0) {
    warn(ctx, 'bad-type-spec', 'type spec with type id 0', o);
    return;
  }
  if (entryCount > ctx.limits.maxEntries) {
    throw new LimitError(FORMAT, 'type spec entry count', entryCount, ctx.limits.maxEntries);
  }
  if (entryCount > (size - headerSize) / 4) {
    warn(ctx, 'bad-type-spec', `type spec of ${entryCount} entries overflows its chunk`, o);
    return;
  }
  const g = group(ctx, pkg, id, o);
  if (g.hasSpec) {
    warn(
      ctx,
      'duplicate-type-spec',
      `second type spec for type ${g.name} (id ${id}); the first one is kept`,
      o,
    );
    return;
  }
  if (g.chunks.length > 0) warn(ctx, 'type-before-spec', `type ${g.name} has entries before its spec`, o);
  const flags = new Uint32Array(entryCount);
  for (let i = 0; i < entryCount; i++) flags[i] = view.getUint32(o + headerSize + i * 4, true);
  g.specFlags = flags;
  g.hasSpec = true;
  g.entryCount = Math.max(g.entryCount, entryCount);
}

/** ResTable_type: one configuration of a type. Entries are checked here and decoded on demand. */
export function readType(ctx: Ctx, pkg: ResPackage, o: number, headerSize: number, size: number): void {
  const { view, bytes } = ctx;
  if (headerSize < TYPE.CONFIG + 4) {
    warn(ctx, 'bad-type-chunk', `type chunk header size ${headerSize} is too small`, o);
    return;
  }
  const id = view.getUint8(o + TYPE.ID);
  const flags = view.getUint8(o + TYPE.FLAGS);
  const entryCount = view.getUint32(o + TYPE.ENTRY_COUNT, true);
  const entriesStart = view.getUint32(o + TYPE.ENTRIES_START, true);
  const configSize = view.getUint32(o + TYPE.CONFIG, true);
  if (id === 0) {
    warn(ctx, 'bad-type-chunk', 'type chunk with type id 0', o);
    return;
  }
  if (entryCount > ctx.limits.maxEntries) {
    throw new LimitError(FORMAT, 'type entry count', entryCount, ctx.limits.maxEntries);
  }
  const sparse = (flags & TYPE.FLAG_SPARSE) !== 0;
  const offset16 = !sparse && (flags & TYPE.FLAG_OFFSET16) !== 0;
  const slotSize = offset16 ? 2 : 4;
  if (headerSize > entriesStart || entriesStart - headerSize < entryCount * slotSize || entriesStart > size) {
    warn(ctx, 'bad-type-chunk', `type chunk entry offsets overlap the entries or the chunk end`, o);
    return;
  }
  if (configSize < 4 || TYPE.CONFIG + configSize > headerSize) {
    warn(ctx, 'bad-config-size', `configuration size ${configSize} does not fit the type header`, o);
  }
  if (flags & ~(TYPE.FLAG_SPARSE | TYPE.FLAG_OFFSET16)) {
    warn(ctx, 'unknown-type-flags', `type chunk flags 0x${flags.toString(16)} include unknown bits`, o);
  }
  if (entriesStart & 3) warn(ctx, 'unaligned-entries', 'type chunk entries start at an unaligned offset', o);
  const config = readConfig(bytes, view, o + TYPE.CONFIG, configSize, o + headerSize);
  if (config.unknownNonZero) {
    warn(ctx, 'unknown-config-fields', 'configuration has non-zero bytes past the known fields', o);
  }
  const g = group(ctx, pkg, id, o);
  if (!g.hasSpec && g.chunks.length === 0)
    warn(ctx, 'type-without-spec', `type ${g.name} has no type spec`, o);
  if (g.chunks.length >= ctx.limits.maxConfigs) {
    throw new LimitError(
      FORMAT,
      `configurations of type ${g.name}`,
      g.chunks.length + 1,
      ctx.limits.maxConfigs,
    );
  }
  const chunk: ResTypeChunk = {
    offset: o,
    end: o + size,
    typeId: id,
    flags,
    entryCount,
    sparse,
    offset16,
    indexOffset: o + headerSize,
    entriesStart: o + entriesStart,
    config,
    configName: configToString(config),
  };
  checkEntries(ctx, g, chunk);
  g.chunks.push(chunk);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** What one pass over a chunk's offsets found; reported once per chunk (lookups skip bad entries). */
type Tally = { bad: number; firstProblem: string; unaligned: number; maxIndex: number; bagItems: number };

/** Checks the entry at `rel` (relative to entriesStart) and adds what it found to `t`. */
function tallyEntry(view: DataView, chunk: ResTypeChunk, rel: number, t: Tally): void {
  if (rel & 3) t.unaligned++;
  const abs = chunk.entriesStart + rel;
  const problem = entryProblem(view, abs, chunk.end);
  if (problem !== undefined) {
    if (t.bad === 0) t.firstProblem = problem;
    t.bad++;
  } else if (isComplex(view, abs)) {
    t.bagItems += view.getUint32(abs + 12, true);
  }
}

/**
 * Dense 32-bit offsets. Hot path: framework-res has ~4.7 million slots, ~96% of them NO_ENTRY, and
 * its resources.arsc is often stored at an odd offset of the APK, so the scan must be fast both as
 * a typed array (aligned) and through the DataView (unaligned), with no call per empty slot.
 */
function scanDense32(ctx: Ctx, chunk: ResTypeChunk, t: Tally): void {
  const { view, bytes } = ctx;
  const n = chunk.entryCount;
  const start = bytes.byteOffset + chunk.indexOffset;
  if (LITTLE_ENDIAN && start % 4 === 0) {
    const offsets = new Uint32Array(bytes.buffer, start, n);
    for (let slot = 0; slot < n; slot++) {
      const rel = offsets[slot];
      if (rel === TYPE.NO_ENTRY) continue;
      t.maxIndex = slot;
      tallyEntry(view, chunk, rel, t);
    }
    return;
  }
  const base = chunk.indexOffset;
  for (let slot = 0; slot < n; slot++) {
    const rel = view.getUint32(base + slot * 4, true);
    if (rel === TYPE.NO_ENTRY) continue;
    t.maxIndex = slot;
    tallyEntry(view, chunk, rel, t);
  }
}

/** Dense 16-bit offsets (FLAG_OFFSET16): offset / 4 per slot, NO_ENTRY16 when absent. */
function scanDense16(ctx: Ctx, chunk: ResTypeChunk, t: Tally): void {
  const { view } = ctx;
  const base = chunk.indexOffset;
  for (let slot = 0; slot < chunk.entryCount; slot++) {
    const v = view.getUint16(base + slot * 2, true);
    if (v === TYPE.NO_ENTRY16) continue;
    t.maxIndex = slot;
    tallyEntry(view, chunk, v * 4, t);
  }
}

/** Sparse (index, offset / 4) pairs, which must be in increasing index order. */
function scanSparse(ctx: Ctx, g: ResTypeGroup, chunk: ResTypeChunk, t: Tally): void {
  const { view } = ctx;
  let previous = -1;
  let unsorted = false;
  for (let slot = 0; slot < chunk.entryCount; slot++) {
    const idx = view.getUint16(chunk.indexOffset + slot * 4, true);
    if (idx <= previous && !unsorted) {
      unsorted = true;
      warn(
        ctx,
        'unsorted-sparse-entries',
        `sparse entries of ${g.name} are not in increasing order`,
        chunk.offset,
      );
    }
    previous = idx;
    t.maxIndex = Math.max(t.maxIndex, idx);
    tallyEntry(view, chunk, view.getUint16(chunk.indexOffset + slot * 4 + 2, true) * 4, t);
  }
}

/** One pass over the offsets: malformed entries are reported once per chunk (lookups skip them). */
function checkEntries(ctx: Ctx, g: ResTypeGroup, chunk: ResTypeChunk): void {
  const t: Tally = { bad: 0, firstProblem: '', unaligned: 0, maxIndex: -1, bagItems: 0 };
  if (chunk.sparse) scanSparse(ctx, g, chunk, t);
  else if (chunk.offset16) scanDense16(ctx, chunk, t);
  else scanDense32(ctx, chunk, t);
  ctx.bagItems += t.bagItems;
  const { bad, firstProblem, unaligned, maxIndex } = t;
  const budget = Math.max(MIN_BAG_ITEM_BUDGET, Math.floor((ctx.bytes.length / 12) * MAX_BAG_AMPLIFICATION));
  if (ctx.bagItems > budget)
    throw new LimitError(FORMAT, 'bag items (entries sharing bags)', ctx.bagItems, budget);
  if (bad > 0) {
    warn(
      ctx,
      'bad-entries',
      `${bad} entries of ${g.name} [${chunk.configName}] are malformed (${firstProblem})`,
      chunk.offset,
    );
  }
  if (unaligned > 0) {
    warn(ctx, 'unaligned-entries', `${unaligned} entries of ${g.name} are not 4-byte aligned`, chunk.offset);
  }
  if (g.hasSpec && maxIndex >= g.entryCount) {
    warn(
      ctx,
      'entry-outside-spec',
      `${g.name} [${chunk.configName}] has entry ${maxIndex} past the spec's ${g.entryCount}`,
      chunk.offset,
    );
  }
  if (maxIndex + 1 > g.entryCount) g.entryCount = maxIndex + 1;
}

/** ResTable_lib_header: the shared libraries this package references (id → package name). */
export function readLibrary(ctx: Ctx, pkg: ResPackage, o: number, headerSize: number, size: number): void {
  const { view } = ctx;
  if (headerSize < LIB.HEADER_SIZE) {
    warn(ctx, 'bad-library-chunk', `library chunk header size ${headerSize} is too small`, o);
    return;
  }
  const count = view.getUint32(o + LIB.COUNT, true);
  if (count > (size - headerSize) / LIB.ENTRY_SIZE) {
    warn(ctx, 'bad-library-chunk', `library chunk of ${count} entries overflows its chunk`, o);
    return;
  }
  if (count > ctx.limits.maxPackages)
    throw new LimitError(FORMAT, 'shared libraries', count, ctx.limits.maxPackages);
  for (let i = 0; i < count; i++) {
    const p = o + headerSize + i * LIB.ENTRY_SIZE;
    pkg.libraries.push({ packageId: view.getUint32(p, true), name: readFixedUtf16(view, p + 4, 128) });
  }
}

/** ResTable_staged_alias_header: staged resource ids and the ids they were finalized to. */
export function readStagedAlias(
  ctx: Ctx,
  pkg: ResPackage,
  o: number,
  headerSize: number,
  size: number,
): void {
  const { view } = ctx;
  if (headerSize < STAGED.HEADER_SIZE) {
    warn(ctx, 'bad-staged-alias-chunk', `staged alias header size ${headerSize} is too small`, o);
    return;
  }
  const count = view.getUint32(o + STAGED.COUNT, true);
  if (count > (size - headerSize) / STAGED.ENTRY_SIZE) {
    warn(ctx, 'bad-staged-alias-chunk', `staged alias chunk of ${count} entries overflows its chunk`, o);
    return;
  }
  if (count > ctx.limits.maxEntries)
    throw new LimitError(FORMAT, 'staged aliases', count, ctx.limits.maxEntries);
  for (let i = 0; i < count; i++) {
    const p = o + headerSize + i * STAGED.ENTRY_SIZE;
    pkg.stagedAliases.push({ stagedId: view.getUint32(p, true), finalizedId: view.getUint32(p + 4, true) });
  }
}
