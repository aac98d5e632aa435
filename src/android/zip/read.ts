import { ZipAnomalies } from './anomalies.js';
import { toBuffer } from '../../core/bytes.js';
import { FormatError, LimitError } from '../../core/errors.js';
import type { ZipLimits } from '../../core/limits.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { centralRecordSize, readEntry } from './central.js';
import { CEN, EOCD, FORMAT, SIG_CENTRAL } from './constants.js';
import { findEnd } from './eocd.js';
import { entryFacts, layoutFacts } from './facts.js';
import type { ZipArchive, ZipEntry } from './types.js';

/**
 * Reads a zip (APK) archive: the end records (ZIP64 included), every central-directory record and
 * the local header it points at. Entry data is not touched; see inflateEntry. Android-tolerated
 * oddities (duplicates, header mismatches, prefix or trailing data, overlaps, unsafe names) are
 * reported as anomalies; unreadable structure throws FormatError, exceeded bounds LimitError.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS.zip): ZipArchive {
  const buf = toBuffer(bytes);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const early: ZipArchive['anomalies'] = [];
  const end = findEnd(buf, view, early);
  const anomalies = new ZipAnomalies();
  for (const a of early) anomalies.add(a);

  const count = end.totalEntries;
  if (count > limits.maxEntries) throw new LimitError(FORMAT, 'entry count', count, limits.maxEntries);
  if (count * CEN.size > end.cdSize) {
    throw new FormatError(
      FORMAT,
      end.cdOffset,
      `central directory of ${end.cdSize} bytes cannot hold ${count} entries`,
    );
  }
  const cdEnd = end.cdOffset + end.cdSize;
  // push, not new Array(count): V8 makes large preallocated arrays slow dictionaries.
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let pos = end.cdOffset;
  for (let i = 0; i < count; i++) {
    const e = readEntry(buf, view, pos, cdEnd, i, limits, anomalies);
    pos += centralRecordSize(view, pos);
    entries.push(e);
    const first = byName.get(e.name);
    if (first === undefined) byName.set(e.name, e);
    else if (anomalies.want('duplicate-entry')) {
      anomalies.keep({
        format: FORMAT,
        code: 'duplicate-entry',
        severity: 'error',
        message: `entry ${JSON.stringify(e.name)} appears more than once (first at index ${first.index}); tools may disagree on which one is used (Android bug 8219321)`,
        offset: e.centralOffset,
        file: e.name,
      });
    }
    entryFacts(e, anomalies);
  }
  if (pos < cdEnd) {
    const hidden = pos + 4 <= cdEnd && view.getUint32(pos, true) === SIG_CENTRAL;
    anomalies.add({
      format: FORMAT,
      code: 'central-directory-size-mismatch',
      severity: hidden ? 'error' : 'warning',
      message: hidden
        ? `the central directory holds more records than the ${count} declared; tools that read them see entries Android does not`
        : `${cdEnd - pos} bytes left in the central directory after ${count} entries`,
      offset: pos,
    });
  }
  const layout = layoutFacts(buf, view, entries, end, limits, anomalies);
  const commentStart = end.eocdOffset + EOCD.size;
  const archive: ZipArchive = {
    entries,
    byName,
    eocdOffset: end.eocdOffset,
    cdOffset: end.cdOffset,
    cdSize: end.cdSize,
    zip64: end.zip64,
    comment: bytes.subarray(commentStart, Math.min(bytes.length, commentStart + end.commentLength)),
    prefixLength: layout.prefixLength,
    anomalies: anomalies.toArray(),
  };
  if (layout.apkSigningBlock) archive.apkSigningBlock = layout.apkSigningBlock;
  return archive;
}
