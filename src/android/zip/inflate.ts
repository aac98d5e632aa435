import { promisify } from 'node:util';
import { inflateRaw, crc32 as zlibCrc32, inflateRawSync, type ZlibOptions } from 'node:zlib';
import type { Anomaly } from '../../core/anomaly.js';
import { toBuffer } from '../../core/bytes.js';
import { FormatError, LimitError, UnsupportedError, isDfslabError } from '../../core/errors.js';
import type { ZipLimits } from '../../core/limits.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { FORMAT, METHOD_DEFLATED, METHOD_STORED } from './constants.js';
import type { ZipArchive, ZipEntry } from './types.js';

/** A shared allowance of output bytes for all entries inflated from one archive. */
export type InflateBudget = { remaining: number; used: number };

export type InflateOptions = {
  /** Compare the CRC-32 of the output with the central directory; a mismatch throws FormatError. */
  verifyCrc?: boolean;
};

const MiB = 1024 * 1024;
/** Entries below this uncompressed size are exempt from the ratio check. */
export const RATIO_EXEMPT_SIZE = MiB;
/** Output chunk size for zlib: big enough to avoid many small copies, small enough to stay cheap. */
const MAX_CHUNK = 4 * MiB;
const MIN_CHUNK = 64;

export function createInflateBudget(limits: ZipLimits = DEFAULT_LIMITS.zip): InflateBudget {
  return { remaining: limits.maxTotalSize, used: 0 };
}

export function crc32(data: Uint8Array): number {
  return zlibCrc32(data) >>> 0;
}

/** True when `data` has the CRC-32 the central directory records for `entry`. */
export function crcMatches(entry: ZipEntry, data: Uint8Array): boolean {
  return crc32(data) === entry.crc32 >>> 0;
}

/** A 'crc-mismatch' anomaly when `data` does not have the CRC-32 of `entry`, for callers to record. */
export function crcAnomaly(entry: ZipEntry, data: Uint8Array): Anomaly | undefined {
  const got = crc32(data);
  if (got === entry.crc32 >>> 0) return undefined;
  return {
    format: FORMAT,
    code: 'crc-mismatch',
    severity: 'error',
    message: `CRC-32 of ${entry.name} is ${got.toString(16)}, the central directory says ${(entry.crc32 >>> 0).toString(16)}`,
    offset: entry.dataOffset,
    file: entry.name,
  };
}

function checkDeclared(entry: ZipEntry, limits: ZipLimits, budget: InflateBudget | undefined): void {
  const size = entry.uncompressedSize;
  if (size > limits.maxEntrySize)
    throw new LimitError(FORMAT, `uncompressed size of ${entry.name}`, size, limits.maxEntrySize);
  if (budget !== undefined && size > budget.remaining) {
    throw new LimitError(FORMAT, 'total inflated size', budget.used + size, budget.used + budget.remaining);
  }
  if (size >= RATIO_EXEMPT_SIZE) {
    const ratio = entry.compressedSize === 0 ? Infinity : size / entry.compressedSize;
    if (ratio > limits.maxRatio)
      throw new LimitError(FORMAT, `compression ratio of ${entry.name}`, ratio, limits.maxRatio);
  }
}

function charge(budget: InflateBudget | undefined, n: number): void {
  if (budget === undefined) return;
  budget.remaining -= n;
  budget.used += n;
}

function isZlibOverflow(e: unknown): boolean {
  return (
    e instanceof RangeError ||
    (e instanceof Error && (e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
  );
}

/** The compressed bytes of `entry`, checked to lie inside the file. */
function compressedData(bytes: Uint8Array, entry: ZipEntry): Buffer {
  const start = entry.dataOffset;
  if (!Number.isSafeInteger(start) || start < 0 || start + entry.compressedSize > bytes.length) {
    throw new FormatError(FORMAT, start, `data of ${entry.name} runs past the end of the file`);
  }
  return toBuffer(bytes).subarray(start, start + entry.compressedSize);
}

/** zlib options bounding the output at one byte past the declared size, in as few chunks as sensible. */
function boundedOutput(declared: number): ZlibOptions {
  const cap = declared + 1;
  return { maxOutputLength: cap, chunkSize: Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, cap)) };
}

/** The typed error for a zlib failure on `entry` (output past the bound, or a corrupt stream). */
function inflateError(entry: ZipEntry, e: unknown): Error {
  if (isDfslabError(e)) return e;
  const declared = entry.uncompressedSize;
  if (isZlibOverflow(e))
    return new LimitError(
      FORMAT,
      `inflated size of ${entry.name} (declared ${declared})`,
      declared + 1,
      declared,
    );
  const msg = e instanceof Error ? e.message : String(e);
  return new FormatError(FORMAT, entry.dataOffset, `cannot inflate ${entry.name}: ${msg}`);
}

/** Throws unless the inflated output has exactly the declared size. */
function checkInflatedSize(entry: ZipEntry, length: number): void {
  const declared = entry.uncompressedSize;
  if (length > declared)
    throw new LimitError(FORMAT, `inflated size of ${entry.name} (declared ${declared})`, length, declared);
  if (length < declared)
    throw new FormatError(
      FORMAT,
      entry.dataOffset,
      `${entry.name} inflates to ${length} bytes, not the declared ${declared}`,
    );
}

/**
 * The uncompressed bytes of `entry`. Stored entries are a zero-copy view of `bytes`. Deflated
 * entries are inflated with the output bounded by the declared size (itself checked against the
 * per-entry, ratio and budget limits first): an entry that inflates past its declared size is
 * refused with LimitError before more than that is allocated; one that inflates to less is a
 * FormatError. Other methods throw UnsupportedError.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ZipLimits = DEFAULT_LIMITS.zip,
  budget?: InflateBudget,
  options: InflateOptions = {},
): Uint8Array {
  const input = compressedData(bytes, entry);
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATED) {
    throw new UnsupportedError(FORMAT, `compression method ${entry.method} of ${entry.name}`);
  }
  checkDeclared(entry, limits, budget);
  const declared = entry.uncompressedSize;
  let out: Uint8Array;
  if (entry.method === METHOD_STORED) {
    if (input.length !== declared)
      throw new FormatError(
        FORMAT,
        entry.dataOffset,
        `stored entry ${entry.name} has compressed size ${input.length} but uncompressed size ${declared}`,
      );
    out = bytes.subarray(entry.dataOffset, entry.dataOffset + input.length);
  } else {
    try {
      out = inflateRawSync(input, boundedOutput(declared));
    } catch (e) {
      throw inflateError(entry, e);
    }
    checkInflatedSize(entry, out.length);
  }
  charge(budget, out.length);
  if (options.verifyCrc === true && !crcMatches(entry, out)) {
    throw new FormatError(
      FORMAT,
      entry.dataOffset,
      `CRC-32 mismatch for ${entry.name}: got ${crc32(out).toString(16)}, expected ${(entry.crc32 >>> 0).toString(16)}`,
    );
  }
  return out;
}

const inflateRawAsync = promisify<Uint8Array, ZlibOptions, Buffer>(inflateRaw);

/**
 * `inflateEntry` on libuv's thread pool: the same checks, limits and errors, but a deflated entry
 * is inflated off the main thread, so a caller can parse one entry while the next inflates. The
 * declared size is charged to the budget before inflating (concurrent calls cannot overrun it
 * together) and given back if the entry fails.
 */
export async function inflateEntryAsync(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ZipLimits = DEFAULT_LIMITS.zip,
  budget?: InflateBudget,
): Promise<Uint8Array> {
  if (entry.method !== METHOD_DEFLATED) return inflateEntry(bytes, entry, limits, budget);
  const input = compressedData(bytes, entry);
  checkDeclared(entry, limits, budget);
  const declared = entry.uncompressedSize;
  charge(budget, declared);
  try {
    let out: Uint8Array;
    try {
      out = await inflateRawAsync(input, boundedOutput(declared));
    } catch (e) {
      throw inflateError(entry, e);
    }
    checkInflatedSize(entry, out.length);
    return out;
  } catch (e) {
    charge(budget, -declared);
    throw e;
  }
}

/** Inflates the entry Android would use for `name` (the first of that name), or undefined. */
export function readEntryByName(
  bytes: Uint8Array,
  archive: ZipArchive,
  name: string,
  limits: ZipLimits = DEFAULT_LIMITS.zip,
  budget?: InflateBudget,
  options: InflateOptions = {},
): Uint8Array | undefined {
  const entry = archive.byName.get(name);
  if (entry === undefined) return undefined;
  return inflateEntry(bytes, entry, limits, budget, options);
}
