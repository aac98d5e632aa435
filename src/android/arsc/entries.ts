import { ENTRY, TYPE } from './constants.js';
import type { ResTypeChunk } from './types.js';

/**
 * Checks that a ResTable_entry at absolute offset `abs` (and its value or map) lies inside the
 * type chunk. Returns undefined when it does, or a short reason.
 */
export function entryProblem(view: DataView, abs: number, end: number): string | undefined {
  if (abs + ENTRY.SIZE > end) return 'entry header runs past the chunk';
  const flags = view.getUint16(abs + 2, true);
  if (flags & ENTRY.FLAG_COMPACT) return undefined; // key(2) flags(2) data(4): nothing follows
  const size = view.getUint16(abs, true);
  if (flags & ENTRY.FLAG_COMPLEX) {
    if (size < ENTRY.MAP_SIZE) return `complex entry size ${size} is too small`;
    if (abs + size > end) return 'complex entry runs past the chunk';
    const count = view.getUint32(abs + 12, true);
    if (count > (end - abs - size) / ENTRY.MAP_ITEM_SIZE) return `bag of ${count} items runs past the chunk`;
    return undefined;
  }
  if (size < ENTRY.SIZE) return `entry size ${size} is too small`;
  if (abs + size + ENTRY.VALUE_SIZE > end) return 'entry value runs past the chunk';
  return undefined;
}

/** Binary search of a sparse chunk's (index, offset/4) pairs; -1 when `e` is absent. */
function sparseOffset(view: DataView, chunk: ResTypeChunk, e: number): number {
  let lo = 0;
  let hi = chunk.entryCount - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const p = chunk.indexOffset + mid * 4;
    const idx = view.getUint16(p, true);
    if (idx === e) return view.getUint16(p + 2, true) * 4;
    if (idx < e) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Offset of entry `e` relative to entriesStart, or -1 when the chunk has no such entry. */
export function relativeEntryOffset(view: DataView, chunk: ResTypeChunk, e: number): number {
  if (chunk.sparse) return sparseOffset(view, chunk, e);
  if (e < 0 || e >= chunk.entryCount) return -1;
  if (chunk.offset16) {
    const v = view.getUint16(chunk.indexOffset + e * 2, true);
    return v === TYPE.NO_ENTRY16 ? -1 : v * 4;
  }
  const v = view.getUint32(chunk.indexOffset + e * 4, true);
  return v === TYPE.NO_ENTRY ? -1 : v;
}

/** Absolute offset of a well-formed entry `e` in `chunk`, or -1 (absent or malformed). */
export function entryOffset(view: DataView, chunk: ResTypeChunk, e: number): number {
  const rel = relativeEntryOffset(view, chunk, e);
  if (rel < 0) return -1;
  const abs = chunk.entriesStart + rel;
  return entryProblem(view, abs, chunk.end) === undefined ? abs : -1;
}

/** The entry index held by `slot` of the offset array (the slot itself unless the chunk is sparse). */
export function slotEntry(view: DataView, chunk: ResTypeChunk, slot: number): number {
  return chunk.sparse ? view.getUint16(chunk.indexOffset + slot * 4, true) : slot;
}

/** Absolute offset of the well-formed entry in `slot`, or -1 (NO_ENTRY or malformed). */
export function slotOffset(view: DataView, chunk: ResTypeChunk, slot: number): number {
  const rel = chunk.sparse
    ? view.getUint16(chunk.indexOffset + slot * 4 + 2, true) * 4
    : relativeEntryOffset(view, chunk, slot);
  if (rel < 0) return -1;
  const abs = chunk.entriesStart + rel;
  return entryProblem(view, abs, chunk.end) === undefined ? abs : -1;
}

/** Calls `fn(entryIndex, absOffset)` for every well-formed entry of `chunk`, in slot order. */
export function forEachEntry(
  view: DataView,
  chunk: ResTypeChunk,
  fn: (e: number, abs: number) => void,
): void {
  for (let slot = 0; slot < chunk.entryCount; slot++) {
    const abs = slotOffset(view, chunk, slot);
    if (abs >= 0) fn(slotEntry(view, chunk, slot), abs);
  }
}

/** Raw fields of a well-formed entry (no allocation). */
export function entryFlags(view: DataView, abs: number): number {
  return view.getUint16(abs + 2, true);
}
export function entryKey(view: DataView, abs: number): number {
  return view.getUint16(abs + 2, true) & ENTRY.FLAG_COMPACT
    ? view.getUint16(abs, true)
    : view.getUint32(abs + 4, true);
}
export function isComplex(view: DataView, abs: number): boolean {
  const flags = view.getUint16(abs + 2, true);
  return (flags & ENTRY.FLAG_COMPACT) === 0 && (flags & ENTRY.FLAG_COMPLEX) !== 0;
}
/** dataType of a simple entry's value. */
export function entryDataType(view: DataView, abs: number): number {
  const flags = view.getUint16(abs + 2, true);
  if (flags & ENTRY.FLAG_COMPACT) return flags >>> 8;
  return view.getUint8(abs + view.getUint16(abs, true) + 3);
}
/** data of a simple entry's value. */
export function entryData(view: DataView, abs: number): number {
  const flags = view.getUint16(abs + 2, true);
  if (flags & ENTRY.FLAG_COMPACT) return view.getUint32(abs + 4, true);
  return view.getUint32(abs + view.getUint16(abs, true) + 4, true);
}
