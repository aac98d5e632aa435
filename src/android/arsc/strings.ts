import type { AnomalyList } from '../../core/anomaly.js';
import { toBuffer } from '../../core/bytes.js';
import { FormatError, LimitError } from '../../core/errors.js';
import { FORMAT, SP } from './constants.js';
import type { StringPool } from './types.js';

/** A pool with no strings (a table without a value pool, a package without key strings). */
export function emptyStringPool(offset = 0): StringPool {
  return {
    offset,
    count: 0,
    styleCount: 0,
    utf8: false,
    sorted: false,
    get: () => undefined,
    span: () => false,
  };
}

/**
 * Reads a ResStringPool chunk at `offset` whose (already validated) end is `end`. Only the header
 * and the offset array are checked here; strings are decoded on demand and cached.
 */
export function readStringPool(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  end: number,
  maxStrings: number,
  anomalies: AnomalyList,
  what: string,
): StringPool {
  const size = end - offset;
  const headerSize = view.getUint16(offset + 2, true);
  if (headerSize < SP.HEADER_SIZE || headerSize > size) {
    throw new FormatError(FORMAT, offset, `${what} string pool header size ${headerSize} is invalid`);
  }
  const count = view.getUint32(offset + SP.STRING_COUNT, true);
  const styleCount = view.getUint32(offset + SP.STYLE_COUNT, true);
  const flags = view.getUint32(offset + SP.FLAGS, true);
  const stringsStart = view.getUint32(offset + SP.STRINGS_START, true);
  const stylesStart = view.getUint32(offset + SP.STYLES_START, true);
  if (count > maxStrings) throw new LimitError(FORMAT, `${what} string count`, count, maxStrings);
  if (styleCount > maxStrings) throw new LimitError(FORMAT, `${what} style count`, styleCount, maxStrings);
  const indexBytes = (count + styleCount) * 4;
  if (headerSize + indexBytes > size) {
    throw new FormatError(
      FORMAT,
      offset,
      `${what} string pool offsets (${count} + ${styleCount}) overflow the chunk`,
    );
  }
  if (count === 0) {
    return { ...emptyStringPool(offset), styleCount, utf8: (flags & SP.FLAG_UTF8) !== 0 };
  }
  if (stringsStart >= size || stringsStart < headerSize) {
    throw new FormatError(
      FORMAT,
      offset,
      `${what} string pool stringsStart ${stringsStart} is outside the chunk`,
    );
  }
  if (stringsStart < headerSize + indexBytes) {
    anomalies.add({
      format: FORMAT,
      code: 'string-pool-overlap',
      severity: 'warning',
      message: `${what} string data starts inside the offset array`,
      offset,
    });
  }
  let stringsEnd = end;
  if (styleCount > 0 && stylesStart > stringsStart && stylesStart <= size) stringsEnd = offset + stylesStart;
  const dataStart = offset + stringsStart;
  const dataLen = stringsEnd - dataStart;
  const indexStart = offset + headerSize;

  let bad = 0;
  for (let i = 0; i < count; i++) {
    if (view.getUint32(indexStart + i * 4, true) >= dataLen) bad++;
  }
  if (bad > 0) {
    anomalies.add({
      format: FORMAT,
      code: 'string-offset-out-of-bounds',
      severity: 'warning',
      message: `${bad} of ${count} ${what} string offsets point outside the string data`,
      offset,
    });
  }
  const utf8 = (flags & SP.FLAG_UTF8) !== 0;
  const buf = toBuffer(bytes);
  // Allocated on first use: a real framework-res has hundreds of thousands of strings.
  let cache: (string | undefined)[] = [];
  let state = new Uint8Array(0); // 0 = not decoded, 1 = decoded, 2 = malformed

  /** Sets `out` to string `i`'s byte range; false when it lies outside the string data. */
  const locate = (i: number, out: { start: number; end: number }): boolean => {
    const rel = view.getUint32(indexStart + i * 4, true);
    if (rel >= dataLen) return false;
    let p = dataStart + rel;
    if (utf8) {
      // u16 length (1 or 2 bytes), then u8 length (1 or 2 bytes), then the bytes and a NUL.
      if (p + 2 > stringsEnd) return false;
      if (bytes[p++] & 0x80) p++;
      if (p >= stringsEnd) return false;
      let len = bytes[p++];
      if (len & 0x80) {
        if (p >= stringsEnd) return false;
        len = ((len & 0x7f) << 8) | bytes[p++];
      }
      if (p + len > stringsEnd) return false;
      out.start = p;
      out.end = p + len;
      return true;
    }
    if (p + 2 > stringsEnd) return false;
    let len = view.getUint16(p, true);
    p += 2;
    if (len & 0x8000) {
      if (p + 2 > stringsEnd) return false;
      len = ((len & 0x7fff) << 16) | view.getUint16(p, true);
      p += 2;
    }
    if (p + len * 2 > stringsEnd) return false;
    out.start = p;
    out.end = p + len * 2;
    return true;
  };
  const at = { start: 0, end: 0 };
  const decode = (i: number): string | undefined =>
    locate(i, at) ? buf.toString(utf8 ? 'utf8' : 'utf16le', at.start, at.end) : undefined;

  return {
    offset,
    count,
    styleCount,
    utf8,
    sorted: (flags & SP.FLAG_SORTED) !== 0,
    span(i: number, out: { start: number; end: number }): boolean {
      return i >= 0 && i < count && locate(i, out);
    },
    get(i: number): string | undefined {
      if (!(i >= 0 && i < count)) return undefined;
      if (state.length === 0) {
        cache = new Array<string | undefined>(count);
        state = new Uint8Array(count);
      }
      const st = state[i];
      if (st === 1) return cache[i];
      if (st === 2) return undefined;
      const s = decode(i);
      state[i] = s === undefined ? 2 : 1;
      cache[i] = s;
      return s;
    },
  };
}
