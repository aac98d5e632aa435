import type { AnomalyList } from '../../core/anomaly.js';
import { LimitError } from '../../core/errors.js';
import type { ArscLimits } from '../../core/limits.js';
import { configToString, readConfig } from './config.js';
import { FORMAT, LIB, SPEC, STAGED, TYPE } from './constants.js';
import { entryProblem, isComplex, relativeEntryOffset } from './entries.js';
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

/** The 32-bit offset array as a Uint32Array when the platform is little-endian and it is aligned. */
function denseOffsets(ctx: Ctx, chunk: ResTypeChunk): Uint32Array | undefined {
  if (chunk.sparse || chunk.offset16 || !LITTLE_ENDIAN) return undefined;
  const start = ctx.bytes.byteOffset + chunk.indexOffset;
  if (start % 4 !== 0) return undefined;
  return new Uint32Array(ctx.bytes.buffer, start, chunk.entryCount);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** One pass over the offsets: malformed entries are reported once per chunk (lookups skip them). */
function checkEntries(ctx: Ctx, g: ResTypeGroup, chunk: ResTypeChunk): void {
  const { view } = ctx;
  let bad = 0;
  let firstProblem = '';
  let unaligned = 0;
  let previous = -1;
  let maxIndex = -1;
  let unsorted = false;
  const dense32 = denseOffsets(ctx, chunk);
  for (let slot = 0; slot < chunk.entryCount; slot++) {
    let rel: number;
    if (dense32) {
      // Hot path (framework-res has millions of slots, mostly NO_ENTRY): a typed-array scan.
      rel = dense32[slot];
      if (rel === TYPE.NO_ENTRY) continue;
      maxIndex = slot;
    } else if (chunk.sparse) {
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
      maxIndex = Math.max(maxIndex, idx);
      rel = view.getUint16(chunk.indexOffset + slot * 4 + 2, true) * 4;
    } else {
      rel = relativeEntryOffset(view, chunk, slot);
      if (rel < 0) continue;
      maxIndex = slot;
    }
    if (rel & 3) unaligned++;
    const abs = chunk.entriesStart + rel;
    const problem = entryProblem(view, abs, chunk.end);
    if (problem !== undefined) {
      if (bad === 0) firstProblem = problem;
      bad++;
    } else if (isComplex(view, abs)) {
      ctx.bagItems += view.getUint32(abs + 12, true);
    }
  }
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
