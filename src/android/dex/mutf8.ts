import { FormatError } from '../../core/errors.js';
import { DEX } from './constants.js';

const CHUNK = 8192;

/**
 * Decodes the string_data_item at `off`: a uleb128 UTF-16 length, then MUTF-8 bytes ending in NUL.
 * The scan for the NUL is bounded by 3 bytes per UTF-16 unit, so a missing terminator costs at most
 * that, never a scan of the whole file.
 */
export function readStringData(bytes: Uint8Array, off: number): string {
  const len = bytes.length;
  if (off >= len) throw new FormatError(DEX, off, 'string data offset past the end');
  let p = off;
  let units = 0;
  let shift = 0;
  for (let i = 0; ; i++) {
    if (i === 5 || p >= len) throw new FormatError(DEX, off, 'bad uleb128 string length');
    const b = bytes[p++];
    units += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
  }
  const maxEnd = Math.min(len, p + units * 3 + 1);
  let ascii = true;
  let end = p;
  while (end < maxEnd) {
    const b = bytes[end];
    if (b === 0) break;
    if (b >= 0x80) ascii = false;
    end++;
  }
  if (end >= maxEnd) throw new FormatError(DEX, off, 'unterminated string data');
  if (ascii) {
    if (end - p !== units)
      throw new FormatError(DEX, off, `string length ${units} does not match its ${end - p} bytes`);
    return latin1Of(bytes, p, end);
  }
  if (units > end - p) throw new FormatError(DEX, off, `string length ${units} exceeds its ${end - p} bytes`);
  return decodeMutf8(bytes, p, end, units, off);
}

/** A Buffer view of each DEX's bytes (no copy), for Node's native latin1 decoder. */
const bufferViews = new WeakMap<Uint8Array, Buffer>();

/** ASCII bytes [start, end) as a string (the caller has checked every byte is < 0x80). */
function latin1Of(bytes: Uint8Array, start: number, end: number): string {
  let view = bufferViews.get(bytes);
  if (!view) {
    view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    bufferViews.set(bytes, view);
  }
  return view.toString('latin1', start, end);
}

/** Modified UTF-8: 1-3 byte sequences of UTF-16 code units (surrogates encoded separately, NUL as C0 80). */
function decodeMutf8(bytes: Uint8Array, start: number, end: number, units: number, off: number): string {
  const out = new Uint16Array(units);
  let n = 0;
  let p = start;
  while (p < end) {
    if (n >= units) throw new FormatError(DEX, off, 'string longer than its declared length');
    const a = bytes[p++];
    if (a < 0x80) {
      out[n++] = a;
    } else if ((a & 0xe0) === 0xc0) {
      if (p >= end) throw new FormatError(DEX, p, 'truncated MUTF-8 sequence');
      const b = bytes[p++];
      if ((b & 0xc0) !== 0x80) throw new FormatError(DEX, p - 1, 'bad MUTF-8 continuation byte');
      out[n++] = ((a & 0x1f) << 6) | (b & 0x3f);
    } else if ((a & 0xf0) === 0xe0) {
      if (p + 1 >= end) throw new FormatError(DEX, p, 'truncated MUTF-8 sequence');
      const b = bytes[p++];
      const c = bytes[p++];
      if ((b & 0xc0) !== 0x80 || (c & 0xc0) !== 0x80)
        throw new FormatError(DEX, p - 2, 'bad MUTF-8 continuation byte');
      out[n++] = ((a & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f);
    } else {
      throw new FormatError(DEX, p - 1, `bad MUTF-8 lead byte 0x${a.toString(16)}`);
    }
  }
  if (n !== units)
    throw new FormatError(DEX, off, `string length ${units} does not match its ${n} code units`);
  let s = '';
  for (let i = 0; i < n; i += CHUNK) {
    s += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  }
  return s;
}

/** Bytes per modulo step: keeps `b` below 2^53 (it grows by at most 255 * BLOCK^2 / 2 per block). */
const ADLER_BLOCK = 1 << 20;
const ADLER_MOD = 65521;

/**
 * Adler-32 of bytes[start, end). Sixteen bytes per step: `a` gains their sum and `b` gains 16·a
 * plus the bytes weighted 16..1, which is the byte-by-byte recurrence unrolled.
 */
export function adler32(bytes: Uint8Array, start: number, end: number): number {
  let a = 1;
  let b = 0;
  let i = start;
  while (i < end) {
    const stop = Math.min(end, i + ADLER_BLOCK);
    for (const stop16 = stop - 15; i < stop16; i += 16) {
      const x0 = bytes[i],
        x1 = bytes[i + 1],
        x2 = bytes[i + 2],
        x3 = bytes[i + 3];
      const x4 = bytes[i + 4],
        x5 = bytes[i + 5],
        x6 = bytes[i + 6],
        x7 = bytes[i + 7];
      const x8 = bytes[i + 8],
        x9 = bytes[i + 9],
        x10 = bytes[i + 10],
        x11 = bytes[i + 11];
      const x12 = bytes[i + 12],
        x13 = bytes[i + 13],
        x14 = bytes[i + 14],
        x15 = bytes[i + 15];
      b += 16 * a + 16 * x0 + 15 * x1 + 14 * x2 + 13 * x3 + 12 * x4 + 11 * x5 + 10 * x6 + 9 * x7;
      b += 8 * x8 + 7 * x9 + 6 * x10 + 5 * x11 + 4 * x12 + 3 * x13 + 2 * x14 + x15;
      a += x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14 + x15;
    }
    for (; i < stop; i++) {
      a += bytes[i];
      b += a;
    }
    a %= ADLER_MOD;
    b %= ADLER_MOD;
  }
  return ((b << 16) | a) >>> 0;
}
