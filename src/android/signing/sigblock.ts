import type { SigningLimits } from '../../core/limits.js';
import { LimitError } from '../../core/errors.js';
import { FORMAT, SIG_BLOCK_FOOTER_SIZE, SIG_BLOCK_MAGIC, SIG_BLOCK_MIN_SIZE } from './constants.js';
import type { SigningBlockInfo } from './types.js';

const MAGIC = new TextEncoder().encode(SIG_BLOCK_MAGIC);
const INT_MAX = 0x7fffffff;

/** Where the ZIP's end records are, as the zip reader found them. */
export type ZipSections = { cdOffset: number; cdSize: number; eocdOffset: number };

export type SigningBlock = {
  offset: number;
  /** The whole block: size field, pairs, size field, magic (a view, no copy). */
  bytes: Uint8Array;
};

export type FoundBlock = { block: SigningBlock } | { notFound: string };

function u64(view: DataView, o: number): number {
  const lo = view.getUint32(o, true);
  const hi = view.getUint32(o + 4, true);
  // Values above 2^53 are out of range anyway; keep them huge but finite.
  return hi * 0x1_0000_0000 + lo;
}

/** Finds the APK Signing Block right before the central directory, with apksig's checks and wording. */
export function findSigningBlock(bytes: Uint8Array, zip: ZipSections, limits: SigningLimits): FoundBlock {
  const { cdOffset, cdSize, eocdOffset } = zip;
  if (cdOffset + cdSize !== eocdOffset) {
    return {
      notFound: `ZIP Central Directory is not immediately followed by End of Central Directory. CD end: ${cdOffset + cdSize}, EoCD start: ${eocdOffset}`,
    };
  }
  if (cdOffset < SIG_BLOCK_MIN_SIZE) {
    return { notFound: `APK too small for APK Signing Block. ZIP Central Directory offset: ${cdOffset}` };
  }
  if (cdOffset > bytes.length) return { notFound: `ZIP Central Directory offset out of range: ${cdOffset}` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const footer = cdOffset - SIG_BLOCK_FOOTER_SIZE;
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[footer + 8 + i] !== MAGIC[i])
      return { notFound: 'No APK Signing Block before ZIP Central Directory' };
  }
  const sizeInFooter = u64(view, footer);
  if (sizeInFooter < SIG_BLOCK_FOOTER_SIZE || sizeInFooter > INT_MAX - 8) {
    return { notFound: `APK Signing Block size out of range: ${sizeInFooter}` };
  }
  const total = sizeInFooter + 8;
  const offset = cdOffset - total;
  if (offset < 0) return { notFound: `APK Signing Block offset out of range: ${offset}` };
  if (total > limits.maxBlockSize)
    throw new LimitError(FORMAT, 'APK Signing Block size', total, limits.maxBlockSize);
  const sizeInHeader = u64(view, offset);
  if (sizeInHeader !== sizeInFooter) {
    return {
      notFound: `APK Signing Block sizes in header and footer do not match: ${sizeInHeader} vs ${sizeInFooter}`,
    };
  }
  return { block: { offset, bytes: bytes.subarray(offset, cdOffset) } };
}

/** The value of the first ID-value pair with `id`, walking pairs exactly like apksig (which stops at the first bad pair). */
export function findPair(
  block: SigningBlock,
  id: number,
): { value: Uint8Array; offset: number } | { notFound: string } {
  const b = block.bytes;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const end = b.length - SIG_BLOCK_FOOTER_SIZE;
  let pos = 8;
  let n = 0;
  while (pos < end) {
    n++;
    if (end - pos < 8) return { notFound: `Insufficient data to read size of APK Signing Block entry #${n}` };
    const len = u64(view, pos);
    pos += 8;
    if (len < 4 || len > INT_MAX)
      return { notFound: `APK Signing Block entry #${n} size out of range: ${len}` };
    if (len > end - pos)
      return { notFound: `APK Signing Block entry #${n} size out of range: ${len}, available: ${end - pos}` };
    const pairId = view.getUint32(pos, true);
    if (pairId === id >>> 0) return { value: b.subarray(pos + 4, pos + len), offset: block.offset + pos + 4 };
    pos += len;
  }
  return { notFound: `No APK Signature Scheme block in APK Signing Block with ID: ${id | 0}` };
}

/** Lists the pairs up to the first malformed one (for the report). */
export function describeBlock(block: SigningBlock): SigningBlockInfo {
  const b = block.bytes;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const end = b.length - SIG_BLOCK_FOOTER_SIZE;
  const pairs: SigningBlockInfo['pairs'] = [];
  let pos = 8;
  while (end - pos >= 12 && pairs.length < 10_000) {
    const len = u64(view, pos);
    if (len < 4 || len > end - pos - 8) break;
    pairs.push({ id: view.getUint32(pos + 8, true), offset: block.offset + pos + 12, length: len - 4 });
    pos += 8 + len;
  }
  return { offset: block.offset, size: b.length, pairs };
}
