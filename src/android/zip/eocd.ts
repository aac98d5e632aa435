import type { Anomaly } from '../../core/anomaly.js';
import { FormatError, UnsupportedError } from '../../core/errors.js';
import {
  CEN,
  EOCD,
  EOCD64,
  EOCD64_LOCATOR,
  EOCD_MAX_SEARCH,
  FORMAT,
  SIG_CENTRAL,
  SIG_EOCD,
  SIG_EOCD64,
  SIG_EOCD64_LOCATOR,
} from './constants.js';
import { u64 } from './extra.js';

/** What the end records say about the central directory. */
export type EndRecord = {
  eocdOffset: number;
  commentLength: number;
  cdOffset: number;
  cdSize: number;
  totalEntries: number;
  zip64: boolean;
  /** Offset of the ZIP64 EOCD record when used (the CD should end right there). */
  eocd64Offset?: number;
};

const MULTI_DISK = 'multi-disk (spanned) archives are not supported';

/** Reads the EOCD at `o` (and ZIP64 records when the locator is present); a reason when inconsistent. */
function readEnd(view: DataView, len: number, o: number): EndRecord | string {
  const commentLength = view.getUint16(o + EOCD.commentLength, true);
  let cdOffset = view.getUint32(o + EOCD.cdOffset, true);
  let cdSize = view.getUint32(o + EOCD.cdSize, true);
  let totalEntries = view.getUint16(o + EOCD.totalEntries, true);
  const disk = view.getUint16(o + EOCD.diskNumber, true);
  const cdDisk = view.getUint16(o + EOCD.cdDisk, true);
  const onDisk = view.getUint16(o + EOCD.entriesOnDisk, true);
  let zip64 = false;
  let eocd64Offset: number | undefined;
  const loc = o - EOCD64_LOCATOR.size;
  if (loc >= 0 && view.getUint32(loc, true) === SIG_EOCD64_LOCATOR) {
    const e64 = u64(view, loc + EOCD64_LOCATOR.eocd64Offset);
    if (e64 + EOCD64.size > loc || view.getUint32(e64, true) !== SIG_EOCD64) return 'bad ZIP64 end record';
    if (
      view.getUint32(e64 + EOCD64.diskNumber, true) !== 0 ||
      view.getUint32(e64 + EOCD64.cdDisk, true) !== 0
    )
      return MULTI_DISK;
    zip64 = true;
    eocd64Offset = e64;
    totalEntries = u64(view, e64 + EOCD64.totalEntries);
    cdSize = u64(view, e64 + EOCD64.cdSize);
    cdOffset = u64(view, e64 + EOCD64.cdOffset);
  } else if (disk !== 0 || cdDisk !== 0 || onDisk !== totalEntries) {
    return MULTI_DISK;
  }
  const cdEndLimit = eocd64Offset ?? o;
  if (cdOffset + cdSize > cdEndLimit) return 'central directory extends past the end record';
  if (totalEntries > 0) {
    if (cdSize < CEN.size || cdOffset + 4 > len || view.getUint32(cdOffset, true) !== SIG_CENTRAL) {
      return 'no central directory record at the recorded offset';
    }
  }
  return { eocdOffset: o, commentLength, cdOffset, cdSize, totalEntries, zip64, eocd64Offset };
}

/** readEnd, with a candidate whose ZIP64 fields do not even decode counted as inconsistent. */
function readEndSafely(view: DataView, len: number, o: number): EndRecord | string {
  try {
    return readEnd(view, len, o);
  } catch (e) {
    if (e instanceof FormatError) return e.reason;
    throw e;
  }
}

/**
 * Finds the End Of Central Directory record, scanning back at most 65535+22 bytes. When several
 * EOCD signatures are present, the last one whose central directory is consistent wins, preferring
 * one whose comment reaches exactly the end of the file.
 */
export function findEnd(bytes: Uint8Array, view: DataView, anomalies: Anomaly[]): EndRecord {
  const len = bytes.length;
  if (len < EOCD.size) throw new FormatError(FORMAT, 0, `file too small for a zip (${len} bytes)`);
  const stop = Math.max(0, len - EOCD_MAX_SEARCH);
  let fallback: EndRecord | undefined;
  let candidates = 0;
  let firstReason = '';
  for (let o = len - EOCD.size; o >= stop; o--) {
    // Cheap byte test before the 32-bit read: 'P' 'K' 5 6.
    if (bytes[o] !== 0x50 || bytes[o + 1] !== 0x4b || bytes[o + 2] !== 5 || bytes[o + 3] !== 6) continue;
    if (view.getUint32(o, true) !== SIG_EOCD) continue;
    candidates++;
    const end = readEndSafely(view, len, o);
    if (typeof end === 'string') {
      if (firstReason === '') firstReason = end;
      continue;
    }
    if (o + EOCD.size + end.commentLength === len) {
      if (fallback !== undefined || candidates > 1) noteSkipped(anomalies, o);
      return end;
    }
    fallback ??= end;
  }
  if (fallback === undefined) {
    if (candidates === 0)
      throw new FormatError(FORMAT, Math.max(0, len - EOCD.size), 'no end of central directory record found');
    if (firstReason === MULTI_DISK) throw new UnsupportedError(FORMAT, MULTI_DISK);
    throw new FormatError(
      FORMAT,
      Math.max(0, len - EOCD.size),
      `no consistent end of central directory record: ${firstReason}`,
    );
  }
  if (candidates > 1) noteSkipped(anomalies, fallback.eocdOffset);
  return fallback;
}

function noteSkipped(anomalies: Anomaly[], used: number): void {
  anomalies.push({
    format: FORMAT,
    code: 'multiple-eocd',
    severity: 'warning',
    message: 'several end-of-central-directory signatures near the end of the file; used the consistent one',
    offset: used,
  });
}
