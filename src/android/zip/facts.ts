import type { AnomalySeverity } from '../../core/anomaly.js';
import type { ZipAnomalies } from './anomalies.js';
import { LimitError } from '../../core/errors.js';
import type { ZipLimits } from '../../core/limits.js';
import {
  APK_SIG_BLOCK_FOOTER,
  APK_SIG_BLOCK_MAGIC,
  APK_SIG_BLOCK_MIN,
  DATA_DESCRIPTOR64_SIZE,
  DATA_DESCRIPTOR_SIZE,
  EOCD,
  FLAG_DATA_DESCRIPTOR,
  FLAG_ENCRYPTED,
  FORMAT,
  METHOD_DEFLATED,
  METHOD_STORED,
  SIG_DATA_DESCRIPTOR,
} from './constants.js';
import type { EndRecord } from './eocd.js';
import { NAME_CONTROL, NAME_SUSPECT, scanName, unsafeNameReason } from './names.js';
import type { ZipEntry } from './types.js';

/** Where the APK Signing Block sits (it ends right before the central directory). */
export type SigningBlockRange = { offset: number; size: number };

export type Layout = { prefixLength: number; apkSigningBlock?: SigningBlockRange };

const STORED_ALIGNMENT = 4;
const SIGNING_BLOCK_ALIGNMENT = 4096;
const PAGE_4K = 4096;
const PAGE_16K = 16384;
const DEX_MAGIC = [0x64, 0x65, 0x78, 0x0a];

/** Records one fact about `e`, building the message only when the per-code cap has room. */
function flag(
  anomalies: ZipAnomalies,
  e: ZipEntry,
  code: string,
  severity: AnomalySeverity,
  message: () => string,
  offset = e.centralOffset,
): void {
  if (anomalies.want(code))
    anomalies.keep({ format: FORMAT, code, severity, message: message(), offset, file: e.name });
}

/** Facts about one entry on its own: unsafe name, control characters, encryption, method, alignment. */
export function entryFacts(e: ZipEntry, anomalies: ZipAnomalies): void {
  const traits = scanName(e.name);
  if ((traits & NAME_SUSPECT) !== 0) {
    const unsafe = unsafeNameReason(e.name);
    if (unsafe !== undefined)
      flag(anomalies, e, 'path-traversal', 'error', () => `entry name ${JSON.stringify(e.name)} ${unsafe}`);
  }
  if ((traits & NAME_CONTROL) !== 0) {
    flag(
      anomalies,
      e,
      'control-character-in-name',
      'warning',
      () => `entry name ${JSON.stringify(e.name)} contains a control character`,
    );
  }
  if ((e.flags & FLAG_ENCRYPTED) !== 0)
    flag(
      anomalies,
      e,
      'encrypted-entry',
      'info',
      () => 'entry has the encryption flag set (Android ignores it)',
    );
  if (e.method !== METHOD_STORED && e.method !== METHOD_DEFLATED) {
    flag(
      anomalies,
      e,
      'unsupported-method',
      'info',
      () => `compression method ${e.method} is neither stored nor deflated`,
    );
    return;
  }
  if (e.method !== METHOD_STORED || e.compressedSize === 0) return;
  alignmentFacts(e, anomalies);
}

/**
 * Stored data should be 4-byte aligned (zipalign) so Android can mmap it; stored native libraries
 * (zipalign -p) must be page aligned to load straight from the APK (extractNativeLibs="false"),
 * and 16 KiB aligned for devices with 16 KiB pages (Android 15+, required by Google Play).
 */
function alignmentFacts(e: ZipEntry, anomalies: ZipAnomalies): void {
  const at = e.dataOffset;
  if (e.name.endsWith('.so')) {
    if (at % PAGE_4K !== 0) {
      flag(
        anomalies,
        e,
        'unaligned-native-library',
        'info',
        () =>
          `stored native library data at ${at} is not 4 KiB page aligned; it cannot be loaded from the APK without extraction`,
        at,
      );
    } else if (at % PAGE_16K !== 0) {
      flag(
        anomalies,
        e,
        'native-library-not-16k-aligned',
        'info',
        () => `stored native library data at ${at} is 4 KiB but not 16 KiB aligned (16 KiB page devices)`,
        at,
      );
    }
    return;
  }
  if (at % STORED_ALIGNMENT !== 0) {
    flag(
      anomalies,
      e,
      'unaligned-stored-entry',
      'info',
      () => `stored entry data at ${at} is not 4-byte aligned (not zipaligned)`,
      at,
    );
  }
}

/** End of the entry's bytes in the file, including its data descriptor when flagged. */
function entryEnd(bytes: Uint8Array, view: DataView, e: ZipEntry): number {
  const dataEnd = e.dataOffset + e.compressedSize;
  if ((e.flags & FLAG_DATA_DESCRIPTOR) === 0) return dataEnd;
  let n = e.zip64 ? DATA_DESCRIPTOR64_SIZE : DATA_DESCRIPTOR_SIZE;
  if (dataEnd + 4 <= bytes.length && view.getUint32(dataEnd, true) === SIG_DATA_DESCRIPTOR) n += 4;
  return Math.min(bytes.length, dataEnd + n);
}

function findSigningBlock(
  bytes: Uint8Array,
  view: DataView,
  cdOffset: number,
  notBefore: number,
): SigningBlockRange | undefined {
  const footer = cdOffset - APK_SIG_BLOCK_FOOTER;
  if (footer < notBefore || footer < 0) return undefined;
  for (let i = 0; i < APK_SIG_BLOCK_MAGIC.length; i++) {
    if (bytes[footer + 8 + i] !== APK_SIG_BLOCK_MAGIC.charCodeAt(i)) return undefined;
  }
  const hi = view.getUint32(footer + 4, true);
  if (hi !== 0) return undefined;
  const sizeField = view.getUint32(footer, true);
  const total = sizeField + 8;
  const start = cdOffset - total;
  if (total < APK_SIG_BLOCK_MIN || start < notBefore) return undefined;
  if (view.getUint32(start, true) !== sizeField || view.getUint32(start + 4, true) !== 0) return undefined;
  return { offset: start, size: total };
}

/**
 * Facts about how entries lie in the file: data before the first entry, gaps, overlapping data
 * (refused when the overlap would multiply the output past the total-size limit), bytes between
 * the last entry and the central directory other than an APK Signing Block, and trailing bytes.
 */
export function layoutFacts(
  bytes: Uint8Array,
  view: DataView,
  entries: ZipEntry[],
  end: EndRecord,
  limits: ZipLimits,
  anomalies: ZipAnomalies,
): Layout {
  const order = sortedByOffset(entries);
  const cdOffset = end.cdOffset;
  const firstStructure =
    order.length === 0 ? (findSigningBlock(bytes, view, cdOffset, 0)?.offset ?? cdOffset) : cdOffset;
  const prefixLength = order.length === 0 ? firstStructure : Math.min(order[0].localHeaderOffset, cdOffset);
  if (prefixLength > 0) {
    const dex = DEX_MAGIC.every((b, i) => bytes[i] === b);
    anomalies.add({
      format: FORMAT,
      code: 'prefix-data',
      severity: dex ? 'error' : 'warning',
      message: dex
        ? `${prefixLength} bytes before the first local header start with a DEX header (Janus, CVE-2017-13156)`
        : `${prefixLength} bytes before the first local header`,
      offset: 0,
    });
  }
  let prevEnd = prefixLength;
  let prev: ZipEntry | undefined;
  let overlapping = 0;
  let overlappingSize = 0;
  let lastCounted = -1;
  for (const e of order) {
    const start = e.localHeaderOffset;
    const stop = entryEnd(bytes, view, e);
    if (prev !== undefined && start < prevEnd) {
      anomalies.add({
        format: FORMAT,
        code: 'overlapping-entries',
        severity: 'error',
        message: `entry ${JSON.stringify(e.name)} overlaps the data of ${JSON.stringify(prev.name)}`,
        offset: start,
        file: e.name,
      });
      if (lastCounted !== prev.index) {
        overlapping++;
        overlappingSize += prev.uncompressedSize;
      }
      overlapping++;
      overlappingSize += e.uncompressedSize;
      lastCounted = e.index;
      if (overlappingSize > limits.maxTotalSize)
        throw new LimitError(
          FORMAT,
          `declared size of ${overlapping} overlapping entries`,
          overlappingSize,
          limits.maxTotalSize,
        );
    } else if (start > prevEnd) {
      anomalies.add({
        format: FORMAT,
        code: 'gap-between-entries',
        severity: 'warning',
        message: `${start - prevEnd} unreferenced bytes before entry ${JSON.stringify(e.name)}`,
        offset: prevEnd,
        file: e.name,
      });
    }
    if (stop > prevEnd || prev === undefined) {
      prevEnd = Math.max(prevEnd, stop);
      prev = e;
    }
  }
  if (prevEnd > cdOffset) {
    anomalies.add({
      format: FORMAT,
      code: 'entry-overlaps-central-directory',
      severity: 'error',
      message: `entry data runs ${prevEnd - cdOffset} bytes into the central directory`,
      offset: cdOffset,
      file: prev?.name,
    });
  }
  const apkSigningBlock = findSigningBlock(bytes, view, cdOffset, prevEnd);
  const gapEnd = apkSigningBlock?.offset ?? cdOffset;
  if (gapEnd > prevEnd && !isSigningBlockPadding(bytes, prevEnd, apkSigningBlock)) {
    anomalies.add({
      format: FORMAT,
      code: 'gap-before-central-directory',
      severity: 'warning',
      message: `${gapEnd - prevEnd} unreferenced bytes between the last entry and the ${apkSigningBlock ? 'APK Signing Block' : 'central directory'}`,
      offset: prevEnd,
    });
  }
  const cdEnd = cdOffset + end.cdSize;
  const after = end.eocd64Offset ?? end.eocdOffset;
  if (after > cdEnd) {
    anomalies.add({
      format: FORMAT,
      code: 'gap-after-central-directory',
      severity: 'warning',
      message: `${after - cdEnd} bytes between the central directory and its end record`,
      offset: cdEnd,
    });
  }
  const eocdEnd = end.eocdOffset + EOCD.size + end.commentLength;
  if (eocdEnd < bytes.length) {
    anomalies.add({
      format: FORMAT,
      code: 'trailing-data',
      severity: 'warning',
      message: `${bytes.length - eocdEnd} bytes after the end of central directory record`,
      offset: eocdEnd,
    });
  } else if (eocdEnd > bytes.length) {
    anomalies.add({
      format: FORMAT,
      code: 'eocd-comment-truncated',
      severity: 'warning',
      message: `archive comment declares ${end.commentLength} bytes but the file ends after ${bytes.length - end.eocdOffset - EOCD.size}`,
      offset: end.eocdOffset,
    });
  }
  return apkSigningBlock ? { prefixLength, apkSigningBlock } : { prefixLength };
}

/**
 * apksigner pads the entries with zeros so that the signing block starts on a 4096-byte boundary
 * (apksig's test vectors pad further). Zeros hide nothing; anything else is reported.
 */
function isSigningBlockPadding(
  bytes: Uint8Array,
  from: number,
  block: SigningBlockRange | undefined,
): boolean {
  if (block === undefined || block.offset % SIGNING_BLOCK_ALIGNMENT !== 0) return false;
  for (let i = from; i < block.offset; i++) if (bytes[i] !== 0) return false;
  return true;
}

function sortedByOffset(entries: ZipEntry[]): ZipEntry[] {
  for (let i = 1; i < entries.length; i++) {
    if (entries[i].localHeaderOffset < entries[i - 1].localHeaderOffset) {
      return entries.slice().sort((a, b) => a.localHeaderOffset - b.localHeaderOffset || a.index - b.index);
    }
  }
  return entries;
}
