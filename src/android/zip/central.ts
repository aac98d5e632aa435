import type { ZipAnomalies } from './anomalies.js';
import { FormatError, LimitError } from '../../core/errors.js';
import type { ZipLimits } from '../../core/limits.js';
import {
  CEN,
  EXTRA_ZIP64,
  FLAG_DATA_DESCRIPTOR,
  FLAG_ENCRYPTED,
  FLAG_UTF8,
  FORMAT,
  HOST_UNIX,
  LOC,
  SIG_CENTRAL,
  SIG_LOCAL,
  U16_MAX,
  U32_MAX,
} from './constants.js';
import { decodeName } from './names.js';
import type { ZipEntry } from './types.js';

// Record offsets as module-local constants (cheap reads in the hot loop).
const CEN_COMMENT_LENGTH: number = CEN.commentLength;
const CEN_COMPRESSED_SIZE: number = CEN.compressedSize;
const CEN_CRC32: number = CEN.crc32;
const CEN_DATE: number = CEN.date;
const CEN_DISK_START: number = CEN.diskStart;
const CEN_EXTERNAL_ATTRS: number = CEN.externalAttrs;
const CEN_EXTRA_LENGTH: number = CEN.extraLength;
const CEN_FLAGS: number = CEN.flags;
const CEN_LOCAL_HEADER_OFFSET: number = CEN.localHeaderOffset;
const CEN_METHOD: number = CEN.method;
const CEN_NAME_LENGTH: number = CEN.nameLength;
const CEN_SIZE: number = CEN.size;
const CEN_TIME: number = CEN.time;
const CEN_UNCOMPRESSED_SIZE: number = CEN.uncompressedSize;
const CEN_VERSION_MADE_BY: number = CEN.versionMadeBy;
const LOC_COMPRESSED_SIZE: number = LOC.compressedSize;
const LOC_CRC32: number = LOC.crc32;
const LOC_EXTRA_LENGTH: number = LOC.extraLength;
const LOC_FLAGS: number = LOC.flags;
const LOC_METHOD: number = LOC.method;
const LOC_NAME_LENGTH: number = LOC.nameLength;
const LOC_SIZE: number = LOC.size;
const LOC_UNCOMPRESSED_SIZE: number = LOC.uncompressedSize;

/** DOS date/time fields as a UTC Date, or undefined when the fields are not a real date. */
export function dosDate(date: number, time: number): Date | undefined {
  const day = date & 0x1f;
  const month = (date >> 5) & 0x0f;
  const year = 1980 + (date >> 9);
  const sec = (time & 0x1f) * 2;
  const min = (time >> 5) & 0x3f;
  const hour = time >> 11;
  if (day === 0 || month === 0 || month > 12 || hour > 23 || min > 59 || sec > 59) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, min, sec));
}

function u64(view: DataView, o: number): number {
  const lo = view.getUint32(o, true);
  const hi = view.getUint32(o + 4, true);
  if (hi > 0x1fffff) throw new FormatError(FORMAT, o, '64-bit value too large');
  return hi * 0x1_0000_0000 + lo;
}

type Sizes = { usize: number; csize: number; offset: number; zip64: boolean };

/** Applies the ZIP64 extended-information extra field to the fields that hold 0xFFFFFFFF. */
function applyZip64Extra(view: DataView, start: number, end: number, s: Sizes, anomalies: ZipAnomalies, name: string): void {
  let p = start;
  while (p + 4 <= end) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    const body = p + 4;
    if (body + size > end) {
      anomalies.add({ format: FORMAT, code: 'bad-extra-field', severity: 'warning', message: `extra field 0x${id.toString(16)} runs past the extra area`, offset: p, file: name });
      return;
    }
    if (id === EXTRA_ZIP64) {
      let q = body;
      const qEnd = body + size;
      const take = (): number => {
        if (q + 8 > qEnd) throw new FormatError(FORMAT, q, 'ZIP64 extra field too short');
        const v = u64(view, q);
        q += 8;
        return v;
      };
      if (s.usize === U32_MAX) s.usize = take();
      if (s.csize === U32_MAX) s.csize = take();
      if (s.offset === U32_MAX) s.offset = take();
      s.zip64 = true;
      return;
    }
    p = body + size;
  }
}

/** Reads the central-directory record at `pos` and the local header it points at. */
export function readEntry(buf: Buffer, view: DataView, pos: number, cdEnd: number, index: number, limits: ZipLimits, anomalies: ZipAnomalies): ZipEntry {
  if (pos + CEN_SIZE > cdEnd) throw new FormatError(FORMAT, pos, `central directory truncated at entry ${index}`);
  if (view.getUint32(pos, true) !== SIG_CENTRAL) throw new FormatError(FORMAT, pos, `bad central directory signature at entry ${index}`);
  const flags = view.getUint16(pos + CEN_FLAGS, true);
  const method = view.getUint16(pos + CEN_METHOD, true);
  const nameLength = view.getUint16(pos + CEN_NAME_LENGTH, true);
  const extraLength = view.getUint16(pos + CEN_EXTRA_LENGTH, true);
  const commentLength = view.getUint16(pos + CEN_COMMENT_LENGTH, true);
  if (nameLength > limits.maxNameLength) throw new LimitError(FORMAT, 'entry name length', nameLength, limits.maxNameLength);
  const nameStart = pos + CEN_SIZE;
  const extraStart = nameStart + nameLength;
  const recordEnd = extraStart + extraLength + commentLength;
  if (recordEnd > cdEnd) throw new FormatError(FORMAT, pos, `central directory record ${index} runs past the central directory`);
  const { name, invalidUtf8 } = decodeName(buf, nameStart, extraStart, (flags & FLAG_UTF8) !== 0);
  if (invalidUtf8) anomalies.add({ format: FORMAT, code: 'invalid-utf8-name', severity: 'warning', message: 'name flagged UTF-8 is not valid UTF-8', offset: nameStart, file: name });

  const s: Sizes = {
    usize: view.getUint32(pos + CEN_UNCOMPRESSED_SIZE, true),
    csize: view.getUint32(pos + CEN_COMPRESSED_SIZE, true),
    offset: view.getUint32(pos + CEN_LOCAL_HEADER_OFFSET, true),
    zip64: false,
  };
  if (extraLength > 0 && (s.usize === U32_MAX || s.csize === U32_MAX || s.offset === U32_MAX || view.getUint16(pos + CEN_DISK_START, true) === U16_MAX)) {
    applyZip64Extra(view, extraStart, extraStart + extraLength, s, anomalies, name);
  }
  const versionMadeBy = view.getUint16(pos + CEN_VERSION_MADE_BY, true);
  const external = view.getUint32(pos + CEN_EXTERNAL_ATTRS, true);
  const crc32 = view.getUint32(pos + CEN_CRC32, true);

  // Local header: name and extra lengths come from here, sizes from the central directory.
  const lo = s.offset;
  if (lo + LOC_SIZE > buf.length) throw new FormatError(FORMAT, pos, `entry ${index} local header offset ${lo} is past the end of the file`);
  if (view.getUint32(lo, true) !== SIG_LOCAL) throw new FormatError(FORMAT, lo, `entry ${index} (${name}) has no local file header`);
  const localNameLength = view.getUint16(lo + LOC_NAME_LENGTH, true);
  const localExtraLength = view.getUint16(lo + LOC_EXTRA_LENGTH, true);
  const dataOffset = lo + LOC_SIZE + localNameLength + localExtraLength;
  if (dataOffset + s.csize > buf.length) throw new FormatError(FORMAT, lo, `entry ${index} (${name}) data runs past the end of the file`);
  const mismatch = compareLocal(buf, view, lo, nameStart, nameLength, flags, method, crc32, s);
  if (mismatch !== '') {
    anomalies.add({
      format: FORMAT,
      code: 'local-central-mismatch',
      severity: mismatch.includes('name') ? 'error' : 'warning',
      message: `local header disagrees with the central directory on ${mismatch}`,
      offset: lo,
      file: name,
    });
  }

  return {
    name,
    index,
    method,
    flags,
    crc32,
    compressedSize: s.csize,
    uncompressedSize: s.usize,
    localHeaderOffset: lo,
    dataOffset,
    centralOffset: pos,
    modified: dosDate(view.getUint16(pos + CEN_DATE, true), view.getUint16(pos + CEN_TIME, true)),
    unixMode: versionMadeBy >> 8 === HOST_UNIX ? external >>> 16 : undefined,
    isDirectory: name.endsWith('/'),
    zip64: s.zip64,
    localExtraLength,
  };
}

/** Size of the central record at `pos` (already validated by readEntry). */
export function centralRecordSize(view: DataView, pos: number): number {
  return CEN_SIZE + view.getUint16(pos + CEN_NAME_LENGTH, true) + view.getUint16(pos + CEN_EXTRA_LENGTH, true) + view.getUint16(pos + CEN_COMMENT_LENGTH, true);
}

const FLAGS_COMPARED = FLAG_ENCRYPTED | FLAG_DATA_DESCRIPTOR;

/** The fields on which the local header disagrees with the central record, comma-separated. */
function compareLocal(buf: Buffer, view: DataView, lo: number, nameStart: number, nameLength: number, flags: number, method: number, crc: number, s: Sizes): string {
  const out: string[] = [];
  const localNameLength = view.getUint16(lo + LOC_NAME_LENGTH, true);
  if (localNameLength !== nameLength || lo + LOC_SIZE + nameLength > buf.length) out.push('name');
  else {
    const ls = lo + LOC_SIZE;
    for (let i = 0; i < nameLength; i++) {
      if (buf[ls + i] !== buf[nameStart + i]) {
        out.push('name');
        break;
      }
    }
  }
  if (view.getUint16(lo + LOC_METHOD, true) !== method) out.push('method');
  const localFlags = view.getUint16(lo + LOC_FLAGS, true);
  if ((localFlags & FLAGS_COMPARED) !== (flags & FLAGS_COMPARED)) out.push('flags');
  if ((flags & FLAG_DATA_DESCRIPTOR) === 0 && (localFlags & FLAG_DATA_DESCRIPTOR) === 0) {
    if (view.getUint32(lo + LOC_CRC32, true) !== crc) out.push('crc32');
    const lc = view.getUint32(lo + LOC_COMPRESSED_SIZE, true);
    const lu = view.getUint32(lo + LOC_UNCOMPRESSED_SIZE, true);
    if (lc !== U32_MAX && lc !== s.csize) out.push('compressed size');
    if (lu !== U32_MAX && lu !== s.usize) out.push('uncompressed size');
  }
  return out.join(', ');
}
