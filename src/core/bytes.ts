import { FormatError } from './errors.js';

/**
 * A bounds-checked little-endian reader over a byte buffer. Every read past the end throws a
 * FormatError naming the format and offset, so parsers never read garbage or throw RangeError.
 * Hot loops may read the `view` directly after checking a whole record with `need()`.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly format: string;
  pos: number;

  constructor(bytes: Uint8Array, format: string, pos = 0) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.format = format;
    this.pos = pos;
  }

  get length(): number {
    return this.bytes.length;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  fail(reason: string, offset = this.pos): never {
    throw new FormatError(this.format, offset, reason);
  }

  /** Throws unless `n` bytes are available at `offset` (default: the cursor). */
  need(n: number, offset = this.pos, what = 'data'): void {
    if (
      !Number.isInteger(n) ||
      n < 0 ||
      !Number.isInteger(offset) ||
      offset < 0 ||
      offset + n > this.bytes.length
    ) {
      throw new FormatError(
        this.format,
        offset,
        `truncated ${what}: need ${n} bytes, ${Math.max(0, this.bytes.length - offset)} available`,
      );
    }
  }

  seek(offset: number): this {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.bytes.length)
      this.fail(`seek out of bounds to ${offset}`, offset);
    this.pos = offset;
    return this;
  }

  skip(n: number): this {
    this.need(n);
    this.pos += n;
    return this;
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++];
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }
  /** A 64-bit unsigned value as a number; throws if it exceeds Number.MAX_SAFE_INTEGER. */
  u64(): number {
    this.need(8);
    const lo = this.view.getUint32(this.pos, true);
    const hi = this.view.getUint32(this.pos + 4, true);
    if (hi > 0x1fffff) this.fail('64-bit value too large');
    this.pos += 8;
    return hi * 0x1_0000_0000 + lo;
  }

  /** Absolute reads that do not move the cursor. */
  u8At(o: number): number {
    this.need(1, o);
    return this.bytes[o];
  }
  u16At(o: number): number {
    this.need(2, o);
    return this.view.getUint16(o, true);
  }
  u32At(o: number): number {
    this.need(4, o);
    return this.view.getUint32(o, true);
  }
  i32At(o: number): number {
    this.need(4, o);
    return this.view.getInt32(o, true);
  }
  u64At(o: number): number {
    this.need(8, o);
    const lo = this.view.getUint32(o, true);
    const hi = this.view.getUint32(o + 4, true);
    if (hi > 0x1fffff) this.fail('64-bit value too large', o);
    return hi * 0x1_0000_0000 + lo;
  }

  /** A view (no copy) of `n` bytes at the cursor. */
  bytesN(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  sliceAt(o: number, n: number): Uint8Array {
    this.need(n, o);
    return this.bytes.subarray(o, o + n);
  }

  /** Unsigned LEB128 (DEX), at most 5 bytes for a 32-bit value. */
  uleb128(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
    this.fail('uleb128 longer than 5 bytes', this.pos - 5);
  }
  sleb128(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        if (shift < 32 && b & 0x40) result |= -1 << shift;
        return result | 0;
      }
    }
    this.fail('sleb128 longer than 5 bytes', this.pos - 5);
  }
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: false });
const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const utf16 = new TextDecoder('utf-16le', { fatal: false });

export function decodeUtf8(b: Uint8Array): string {
  return utf8.decode(b);
}
/** Returns undefined when the bytes are not valid UTF-8. */
export function tryDecodeUtf8Strict(b: Uint8Array): string | undefined {
  try {
    return utf8Fatal.decode(b);
  } catch {
    return undefined;
  }
}
export function decodeUtf16le(b: Uint8Array): string {
  return utf16.decode(b);
}
export function decodeLatin1(b: Uint8Array): string {
  return latin1.decode(b);
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function toBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
