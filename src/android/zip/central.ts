import type { ZipAnomalies } from './anomalies.js';
import { FormatError, LimitError } from '../../core/errors.js';
import type { ZipLimits } from '../../core/limits.js';
import {
  CEN,
  FLAG_DATA_DESCRIPTOR,
  FLAG_ENCRYPTED,
  FLAG_UTF8,
  FORMAT,
  HOST_UNIX,
  LOC,
  SIG_CENTRAL,
  SIG_LOCAL,
  U32_MAX,
} from './constants.js';
import { decodeName, isAscii } from './names.js';
import { checkDataDescriptor, readExtras } from './extra.js';
import type { Sizes } from './extra.js';
import type { ZipEntry } from './types.js';

// Record offsets as module-local constants (cheap reads in the hot loop).
const CEN_COMMENT_LENGTH: number = CEN.commentLength;
const CEN_COMPRESSED_SIZE: number = CEN.compressedSize;
const CEN_CRC32: number = CEN.crc32;
const CEN_DATE: number = CEN.date;
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
  const key = date * 0x10000 + time;
  if (key !== lastDosKey) {
    lastDosKey = key;
    lastDosTime = dosTimestamp(date, time);
  }
  return Number.isNaN(lastDosTime) ? undefined : new Date(lastDosTime);
}

// Entries of one archive usually share a timestamp: remember the last conversion.
let lastDosKey = -1;
let lastDosTime = NaN;

function dosTimestamp(date: number, time: number): number {
  const day = date & 0x1f;
  const month = (date >> 5) & 0x0f;
  const year = 1980 + (date >> 9);
  const sec = (time & 0x1f) * 2;
  const min = (time >> 5) & 0x3f;
  const hour = time >> 11;
  if (day === 0 || month === 0 || month > 12 || hour > 23 || min > 59 || sec > 59) return NaN;
  return Date.UTC(year, month - 1, day, hour, min, sec);
}

/** Reads the central-directory record at `pos` and the local header it points at. */
export function readEntry(
  buf: Buffer,
  view: DataView,
  pos: number,
  cdEnd: number,
  index: number,
  limits: ZipLimits,
  anomalies: ZipAnomalies,
): ZipEntry {
  if (pos + CEN_SIZE > cdEnd)
    throw new FormatError(FORMAT, pos, `central directory truncated at entry ${index}`);
  if (view.getUint32(pos, true) !== SIG_CENTRAL)
    throw new FormatError(FORMAT, pos, `bad central directory signature at entry ${index}`);
  const flags = view.getUint16(pos + CEN_FLAGS, true);
  const method = view.getUint16(pos + CEN_METHOD, true);
  const nameLength = view.getUint16(pos + CEN_NAME_LENGTH, true);
  const extraLength = view.getUint16(pos + CEN_EXTRA_LENGTH, true);
  const commentLength = view.getUint16(pos + CEN_COMMENT_LENGTH, true);
  if (nameLength > limits.maxNameLength)
    throw new LimitError(FORMAT, 'entry name length', nameLength, limits.maxNameLength);
  const nameStart = pos + CEN_SIZE;
  const extraStart = nameStart + nameLength;
  const recordEnd = extraStart + extraLength + commentLength;
  if (recordEnd > cdEnd)
    throw new FormatError(FORMAT, pos, `central directory record ${index} runs past the central directory`);
  let name: string;
  if (isAscii(buf, nameStart, extraStart)) name = buf.toString('latin1', nameStart, extraStart);
  else {
    const d = decodeName(buf, nameStart, extraStart, (flags & FLAG_UTF8) !== 0);
    name = d.name;
    if (d.invalidUtf8) {
      anomalies.add({
        format: FORMAT,
        code: 'invalid-utf8-name',
        severity: 'warning',
        message: 'name flagged UTF-8 is not valid UTF-8',
        offset: nameStart,
        file: name,
      });
    }
  }

  const s: Sizes = {
    usize: view.getUint32(pos + CEN_UNCOMPRESSED_SIZE, true),
    csize: view.getUint32(pos + CEN_COMPRESSED_SIZE, true),
    offset: view.getUint32(pos + CEN_LOCAL_HEADER_OFFSET, true),
    zip64: false,
  };
  if (extraLength > 0)
    readExtras(buf, view, extraStart, extraStart + extraLength, nameStart, s, anomalies, name);
  const versionMadeBy = view.getUint16(pos + CEN_VERSION_MADE_BY, true);
  const external = view.getUint32(pos + CEN_EXTERNAL_ATTRS, true);
  const crc32 = view.getUint32(pos + CEN_CRC32, true);

  // Local header: name and extra lengths come from here, sizes from the central directory.
  const lo = s.offset;
  if (lo + LOC_SIZE > buf.length)
    throw new FormatError(
      FORMAT,
      pos,
      `entry ${index} local header offset ${lo} is past the end of the file`,
    );
  if (view.getUint32(lo, true) !== SIG_LOCAL)
    throw new FormatError(FORMAT, lo, `entry ${index} (${name}) has no local file header`);
  const localNameLength = view.getUint16(lo + LOC_NAME_LENGTH, true);
  const localExtraLength = view.getUint16(lo + LOC_EXTRA_LENGTH, true);
  const dataOffset = lo + LOC_SIZE + localNameLength + localExtraLength;
  if (dataOffset + s.csize > buf.length)
    throw new FormatError(FORMAT, lo, `entry ${index} (${name}) data runs past the end of the file`);
  const mismatch = compareLocal(buf, view, lo, nameStart, nameLength, flags, method, crc32, s);
  if (mismatch !== 0) {
    anomalies.add({
      format: FORMAT,
      code: 'local-central-mismatch',
      severity: (mismatch & (MISMATCH_NAME | MISMATCH_METHOD)) !== 0 ? 'error' : 'warning',
      message: `local header disagrees with the central directory on ${mismatchText(mismatch)}`,
      offset: lo,
      file: name,
    });
  }
  if ((flags & FLAG_DATA_DESCRIPTOR) !== 0)
    checkDataDescriptor(view, dataOffset + s.csize, crc32, s, anomalies, name);

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
  return (
    CEN_SIZE +
    view.getUint16(pos + CEN_NAME_LENGTH, true) +
    view.getUint16(pos + CEN_EXTRA_LENGTH, true) +
    view.getUint16(pos + CEN_COMMENT_LENGTH, true)
  );
}

const FLAGS_COMPARED = FLAG_ENCRYPTED | FLAG_DATA_DESCRIPTOR;

const MISMATCH_NAME = 1;
/** Tools that read the local header (unzip) then decode different bytes than Android. */
const MISMATCH_METHOD = 2;
const MISMATCH_FIELDS: [number, string][] = [
  [MISMATCH_NAME, 'name'],
  [MISMATCH_METHOD, 'method'],
  [4, 'flags'],
  [8, 'crc32'],
  [16, 'compressed size'],
  [32, 'uncompressed size'],
];

function mismatchText(mask: number): string {
  return MISMATCH_FIELDS.filter(([bit]) => (mask & bit) !== 0)
    .map(([, what]) => what)
    .join(', ');
}

/** A bit per field on which the local header disagrees with the central record (0 = agrees). */
function compareLocal(
  buf: Buffer,
  view: DataView,
  lo: number,
  nameStart: number,
  nameLength: number,
  flags: number,
  method: number,
  crc: number,
  s: Sizes,
): number {
  let mask = 0;
  if (view.getUint16(lo + LOC_NAME_LENGTH, true) !== nameLength) mask |= MISMATCH_NAME;
  else {
    const ls = lo + LOC_SIZE;
    for (let i = 0; i < nameLength; i++) {
      if (buf[ls + i] !== buf[nameStart + i]) {
        mask |= MISMATCH_NAME;
        break;
      }
    }
  }
  if (view.getUint16(lo + LOC_METHOD, true) !== method) mask |= MISMATCH_METHOD;
  const localFlags = view.getUint16(lo + LOC_FLAGS, true);
  if ((localFlags & FLAGS_COMPARED) !== (flags & FLAGS_COMPARED)) mask |= 4;
  if ((flags & FLAG_DATA_DESCRIPTOR) === 0 && (localFlags & FLAG_DATA_DESCRIPTOR) === 0) {
    if (view.getUint32(lo + LOC_CRC32, true) !== crc) mask |= 8;
    const lc = view.getUint32(lo + LOC_COMPRESSED_SIZE, true);
    const lu = view.getUint32(lo + LOC_UNCOMPRESSED_SIZE, true);
    if (lc !== U32_MAX && lc !== s.csize) mask |= 16;
    if (lu !== U32_MAX && lu !== s.usize) mask |= 32;
  }
  return mask;
}
