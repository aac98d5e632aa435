import { FormatError } from '../../core/errors.js';
import { crc32 as zlibCrc32 } from 'node:zlib';
import type { ZipAnomalies } from './anomalies.js';
import { EXTRA_ZIP64, FORMAT, SIG_DATA_DESCRIPTOR, U32_MAX } from './constants.js';

/** Sizes and offset of one entry as the central record gives them, updated by ZIP64 extras. */
export type Sizes = { usize: number; csize: number; offset: number; zip64: boolean };

/** Info-ZIP Unicode Path extra field: version, CRC-32 of the header name, UTF-8 name. */
const EXTRA_UNICODE_PATH = 0x7075;
const UNICODE_PATH_HEADER = 5;

export function u64(view: DataView, o: number): number {
  const lo = view.getUint32(o, true);
  const hi = view.getUint32(o + 4, true);
  if (hi > 0x1fffff) throw new FormatError(FORMAT, o, '64-bit value too large');
  return hi * 0x1_0000_0000 + lo;
}

/** Only the fields whose central value is 0xFFFFFFFF are present, in this order. */
function applyZip64(view: DataView, body: number, size: number, s: Sizes): void {
  let q = body;
  const need = (s.usize === U32_MAX ? 8 : 0) + (s.csize === U32_MAX ? 8 : 0) + (s.offset === U32_MAX ? 8 : 0);
  if (need > size) throw new FormatError(FORMAT, q, 'ZIP64 extra field too short');
  if (s.usize === U32_MAX) {
    s.usize = u64(view, q);
    q += 8;
  }
  if (s.csize === U32_MAX) {
    s.csize = u64(view, q);
    q += 8;
  }
  if (s.offset === U32_MAX) s.offset = u64(view, q);
  s.zip64 = true;
}

/**
 * Walks the central record's extra fields: applies ZIP64 sizes/offset, and reports an Info-ZIP
 * Unicode Path field that would make unzip show a different name than the one Android uses.
 */
export function readExtras(
  buf: Buffer,
  view: DataView,
  start: number,
  end: number,
  nameStart: number,
  s: Sizes,
  anomalies: ZipAnomalies,
  name: string,
): void {
  let p = start;
  while (p + 4 <= end) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    const body = p + 4;
    if (body + size > end) {
      anomalies.add({
        format: FORMAT,
        code: 'bad-extra-field',
        severity: 'warning',
        message: `extra field 0x${id.toString(16)} runs past the extra area`,
        offset: p,
        file: name,
      });
      return;
    }
    if (id === EXTRA_ZIP64) applyZip64(view, body, size, s);
    else if (id === EXTRA_UNICODE_PATH && size > UNICODE_PATH_HEADER) {
      const nameCrc = view.getUint32(body + 1, true);
      const headerName = buf.subarray(nameStart, start);
      const shown = buf.toString('utf8', body + UNICODE_PATH_HEADER, body + size);
      if (zlibCrc32(headerName) >>> 0 === nameCrc && shown !== name) {
        anomalies.add({
          format: FORMAT,
          code: 'unicode-path-mismatch',
          severity: 'warning',
          message: `Info-ZIP Unicode Path extra field names this entry ${JSON.stringify(shown)}; Android uses ${JSON.stringify(name)}`,
          offset: p,
          file: name,
        });
      }
    }
    p = body + size;
  }
}

/**
 * With flag bit 3 the CRC and sizes follow the data in a descriptor (optional signature, then
 * 32-bit sizes, or 64-bit ones for ZIP64 entries). Reports when it disagrees with the central record.
 */
export function checkDataDescriptor(
  view: DataView,
  at: number,
  crc: number,
  s: Sizes,
  anomalies: ZipAnomalies,
  name: string,
): void {
  const len = view.byteLength;
  let p = at;
  if (p + 4 <= len && view.getUint32(p, true) === SIG_DATA_DESCRIPTOR) p += 4;
  const wide = s.zip64;
  if (p + (wide ? 20 : 12) > len) {
    anomalies.add({
      format: FORMAT,
      code: 'data-descriptor-missing',
      severity: 'warning',
      message: 'flag bit 3 is set but the data descriptor runs past the end of the file',
      offset: at,
      file: name,
    });
    return;
  }
  const dCrc = view.getUint32(p, true);
  const dCsize = wide ? u64(view, p + 4) : view.getUint32(p + 4, true);
  const dUsize = wide ? u64(view, p + 12) : view.getUint32(p + 8, true);
  if (dCrc === crc && dCsize === s.csize && dUsize === s.usize) return;
  anomalies.add({
    format: FORMAT,
    code: 'data-descriptor-mismatch',
    severity: 'warning',
    message: `data descriptor (crc ${dCrc.toString(16)}, sizes ${dCsize}/${dUsize}) disagrees with the central directory (crc ${crc.toString(16)}, sizes ${s.csize}/${s.usize})`,
    offset: at,
    file: name,
  });
}
