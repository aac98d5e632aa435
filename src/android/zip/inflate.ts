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
  const start = entry.dataOffset;
  const csize = entry.compressedSize;
  if (!Number.isSafeInteger(start) || start < 0 || start + csize > bytes.length) {
    throw new FormatError(FORMAT, start, `data of ${entry.name} runs past the end of the file`);
  }
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATED) {
    throw new UnsupportedError(FORMAT, `compression method ${entry.method} of ${entry.name}`);
  }
  checkDeclared(entry, limits, budget);
  const declared = entry.uncompressedSize;
  let out: Uint8Array;
  if (entry.method === METHOD_STORED) {
    if (csize !== declared)
      throw new FormatError(
        FORMAT,
        start,
        `stored entry ${entry.name} has compressed size ${csize} but uncompressed size ${declared}`,
      );
    out = bytes.subarray(start, start + csize);
  } else {
    const input = toBuffer(bytes).subarray(start, start + csize);
    const cap = declared + 1;
    try {
      out = inflateRawSync(input, {
        maxOutputLength: cap,
        chunkSize: Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, cap)),
      });
    } catch (e) {
      if (isDfslabError(e)) throw e;
      if (isZlibOverflow(e))
        throw new LimitError(FORMAT, `inflated size of ${entry.name} (declared ${declared})`, cap, declared);
      const msg = e instanceof Error ? e.message : String(e);
      throw new FormatError(FORMAT, start, `cannot inflate ${entry.name}: ${msg}`);
    }
    if (out.length > declared)
      throw new LimitError(
        FORMAT,
        `inflated size of ${entry.name} (declared ${declared})`,
        out.length,
        declared,
      );
    if (out.length < declared)
      throw new FormatError(
        FORMAT,
        start,
        `${entry.name} inflates to ${out.length} bytes, not the declared ${declared}`,
      );
  }
  charge(budget, out.length);
  if (options.verifyCrc === true && !crcMatches(entry, out)) {
    throw new FormatError(
      FORMAT,
      start,
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
  const start = entry.dataOffset;
  const csize = entry.compressedSize;
  if (!Number.isSafeInteger(start) || start < 0 || start + csize > bytes.length) {
    throw new FormatError(FORMAT, start, `data of ${entry.name} runs past the end of the file`);
  }
  checkDeclared(entry, limits, budget);
  const declared = entry.uncompressedSize;
  charge(budget, declared);
  const cap = declared + 1;
  let out: Uint8Array;
  try {
    out = await inflateRawAsync(toBuffer(bytes).subarray(start, start + csize), {
      maxOutputLength: cap,
      chunkSize: Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, cap)),
    });
  } catch (e) {
    charge(budget, -declared);
    if (isZlibOverflow(e))
      throw new LimitError(FORMAT, `inflated size of ${entry.name} (declared ${declared})`, cap, declared);
    const msg = e instanceof Error ? e.message : String(e);
    throw new FormatError(FORMAT, start, `cannot inflate ${entry.name}: ${msg}`);
  }
  if (out.length !== declared) {
    charge(budget, -declared);
    if (out.length > declared)
      throw new LimitError(
        FORMAT,
        `inflated size of ${entry.name} (declared ${declared})`,
        out.length,
        declared,
      );
    throw new FormatError(
      FORMAT,
      start,
      `${entry.name} inflates to ${out.length} bytes, not the declared ${declared}`,
    );
  }
  return out;
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
