import type { AnomalyList } from '../../core/anomaly.js';
import { decodeUtf16le, decodeUtf8 } from '../../core/bytes.js';
import { FormatError, LimitError } from '../../core/errors.js';

/** ResStringPool_header: ResChunk_header (8) + 5 × u32. */
export const STRING_POOL_HEADER_SIZE = 28;
const SP_STRING_COUNT = 8;
const SP_STYLE_COUNT = 12;
const SP_FLAGS = 16;
const SP_STRINGS_START = 20;
const SP_STYLES_START = 24;
export const UTF8_FLAG = 0x100;

/**
 * A string pool over the AXML buffer. Strings are decoded on first use and cached; a string that
 * cannot be read (offset outside the pool, missing terminator) is reported once as an anomaly.
 */
export class StringPool {
  readonly count: number;
  readonly utf8: boolean;
  private readonly cache: (string | undefined)[];
  private readonly bad = new Set<number>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    /** Absolute offset of the offsets array. */
    private readonly offsetsAt: number,
    /** Absolute offset of string data. */
    private readonly dataStart: number,
    /** Absolute end of string data (exclusive). */
    private readonly dataEnd: number,
    count: number,
    utf8: boolean,
    private readonly anomalies: AnomalyList,
  ) {
    this.count = count;
    this.utf8 = utf8;
    this.cache = new Array<string | undefined>(count);
  }

  static empty(anomalies: AnomalyList): StringPool {
    const b = new Uint8Array(0);
    return new StringPool(b, new DataView(b.buffer), 0, 0, 0, 0, false, anomalies);
  }

  /** The string at index `i`, or undefined when the index is out of range or the string is unreadable. */
  get(i: number): string | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    const cached = this.cache[i];
    if (cached !== undefined) return cached;
    if (this.bad.has(i)) return undefined;
    const s = this.decode(i);
    if (s === undefined) this.bad.add(i);
    else this.cache[i] = s;
    return s;
  }

  private note(code: string, message: string, offset: number): void {
    this.anomalies.add({ format: 'axml', code, severity: 'warning', message, offset });
  }

  private decode(i: number): string | undefined {
    const rel = this.view.getUint32(this.offsetsAt + i * 4, true);
    const at = this.dataStart + rel;
    if (rel >= this.dataEnd - this.dataStart) {
      this.note(
        'string-out-of-bounds',
        `string #${i} starts outside the string pool`,
        this.offsetsAt + i * 4,
      );
      return undefined;
    }
    return this.utf8 ? this.decodeUtf8At(i, at) : this.decodeUtf16At(i, at);
  }

  private decodeUtf8At(i: number, at: number): string | undefined {
    const b = this.bytes;
    const end = this.dataEnd;
    let p = at;
    // UTF-16 length (ignored beyond its encoding), then UTF-8 byte length.
    if (p >= end) return this.truncated(i, at);
    if (b[p] & 0x80) p++;
    p++;
    if (p >= end) return this.truncated(i, at);
    let len = b[p];
    if (len & 0x80) {
      if (p + 1 >= end) return this.truncated(i, at);
      len = ((len & 0x7f) << 8) | b[p + 1];
      p++;
    }
    p++;
    if (p + len > end) return this.truncated(i, at);
    if (p + len >= end || b[p + len] !== 0) {
      this.note('string-not-terminated', `UTF-8 string #${i} is not NUL-terminated`, at);
    }
    return decodeUtf8(b.subarray(p, p + len));
  }

  private decodeUtf16At(i: number, at: number): string | undefined {
    const end = this.dataEnd;
    let p = at;
    if (p + 2 > end) return this.truncated(i, at);
    let len = this.view.getUint16(p, true);
    p += 2;
    if (len & 0x8000) {
      if (p + 2 > end) return this.truncated(i, at);
      len = ((len & 0x7fff) << 16) | this.view.getUint16(p, true);
      p += 2;
    }
    if (p + len * 2 > end) return this.truncated(i, at);
    if (p + len * 2 + 2 > end || this.view.getUint16(p + len * 2, true) !== 0) {
      this.note('string-not-terminated', `UTF-16 string #${i} is not NUL-terminated`, at);
    }
    return decodeUtf16le(this.bytes.subarray(p, p + len * 2));
  }

  private truncated(i: number, at: number): undefined {
    this.note('string-truncated', `string #${i} runs past the end of the string pool`, at);
    return undefined;
  }
}

/**
 * Reads a RES_STRING_POOL chunk at `start` whose declared size is `size` (already checked to
 * fit the buffer). Style spans are ignored, but their counts are bounded.
 */
export function readStringPool(
  bytes: Uint8Array,
  view: DataView,
  start: number,
  headerSize: number,
  size: number,
  maxStrings: number,
  anomalies: AnomalyList,
): StringPool {
  if (headerSize < STRING_POOL_HEADER_SIZE || size < headerSize) {
    throw new FormatError('axml', start, `string pool header too small (${headerSize})`);
  }
  const count = view.getUint32(start + SP_STRING_COUNT, true);
  const styleCount = view.getUint32(start + SP_STYLE_COUNT, true);
  const flags = view.getUint32(start + SP_FLAGS, true);
  const stringsStart = view.getUint32(start + SP_STRINGS_START, true);
  const stylesStart = view.getUint32(start + SP_STYLES_START, true);
  const end = start + size;
  const offsetsAt = start + headerSize;
  if (count > maxStrings) throw new LimitError('axml', 'string count', count, maxStrings);
  if (count * 4 > size - headerSize) {
    throw new FormatError(
      'axml',
      start + SP_STRING_COUNT,
      `string count ${count} does not fit in the ${size}-byte pool`,
    );
  }
  if (styleCount * 4 > size - headerSize - count * 4) {
    anomalies.add({
      format: 'axml',
      code: 'style-count-too-large',
      severity: 'warning',
      message: `style count ${styleCount} does not fit in the string pool`,
      offset: start + SP_STYLE_COUNT,
    });
  } else if (styleCount > 0) {
    anomalies.add({
      format: 'axml',
      code: 'string-pool-styles',
      severity: 'info',
      message: `string pool has ${styleCount} style spans (ignored)`,
      offset: start + SP_STYLE_COUNT,
    });
  }
  if (count === 0)
    return new StringPool(bytes, view, offsetsAt, end, end, 0, (flags & UTF8_FLAG) !== 0, anomalies);
  if (stringsStart < headerSize + count * 4 || stringsStart >= size) {
    throw new FormatError(
      'axml',
      start + SP_STRINGS_START,
      `strings start ${stringsStart} is outside the pool`,
    );
  }
  let dataEnd = end;
  if (styleCount > 0 && stylesStart > stringsStart && stylesStart <= size) dataEnd = start + stylesStart;
  return new StringPool(
    bytes,
    view,
    offsetsAt,
    start + stringsStart,
    dataEnd,
    count,
    (flags & UTF8_FLAG) !== 0,
    anomalies,
  );
}
