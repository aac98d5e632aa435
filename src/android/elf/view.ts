import { FormatError } from '../../core/errors.js';

const FORMAT = 'elf';
const TWO_32 = 0x1_0000_0000;

/**
 * A bounds-checked reader over an ELF image in either byte order and either class. Every read past
 * the end throws a FormatError. 64-bit words are returned as numbers; values above 2^53 lose
 * precision, which is harmless because any such offset or size fails the bounds checks anyway.
 */
export class ElfView {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly le: boolean;
  readonly bits: 32 | 64;
  readonly length: number;

  constructor(bytes: Uint8Array, le: boolean, bits: 32 | 64) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.le = le;
    this.bits = bits;
    this.length = bytes.length;
  }

  /** True when `n` bytes at `offset` lie inside the buffer (no throw). */
  has(offset: number, n: number): boolean {
    return (
      Number.isSafeInteger(offset) &&
      Number.isSafeInteger(n) &&
      offset >= 0 &&
      n >= 0 &&
      offset + n <= this.length
    );
  }

  need(offset: number, n: number, what: string): void {
    if (!this.has(offset, n)) {
      throw new FormatError(
        FORMAT,
        Number.isSafeInteger(offset) ? offset : -1,
        `truncated ${what}: need ${n} bytes at ${offset}, file has ${this.length}`,
      );
    }
  }

  u8(o: number): number {
    this.need(o, 1, 'byte');
    return this.bytes[o];
  }
  u16(o: number): number {
    this.need(o, 2, 'half-word');
    return this.view.getUint16(o, this.le);
  }
  u32(o: number): number {
    this.need(o, 4, 'word');
    return this.view.getUint32(o, this.le);
  }
  u64(o: number): number {
    this.need(o, 8, 'double word');
    const a = this.view.getUint32(o, this.le);
    const b = this.view.getUint32(o + 4, this.le);
    return this.le ? b * TWO_32 + a : a * TWO_32 + b;
  }
  /** A class-sized word: Elf32_Addr/Off/Word or Elf64_Addr/Off/Xword. */
  word(o: number): number {
    return this.bits === 64 ? this.u64(o) : this.u32(o);
  }

  /**
   * The NUL-terminated string at `offset`, not reading past `end` nor past `maxLength` bytes.
   * Returns undefined when the offset is out of range or no terminator is found in that window
   * (the window keeps hostile tables of unterminated names from costing quadratic time).
   */
  cstr(offset: number, end: number, maxLength = MAX_NAME): string | undefined {
    const stop = Math.min(end, this.length, offset + maxLength + 1);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= stop) return undefined;
    const b = this.bytes;
    const i = b.subarray(offset, stop).indexOf(0) + offset;
    if (i < offset) return undefined;
    if (i - offset > SHORT) return utf8.decode(b.subarray(offset, i));
    let out = '';
    for (let k = offset; k < i; k++) {
      const c = b[k];
      if (c > 0x7f) return utf8.decode(b.subarray(offset, i));
      out += String.fromCharCode(c);
    }
    return out;
  }
}

/** Names up to this length are decoded by hand (faster than a TextDecoder call). */
const SHORT = 64;
/** Longest name accepted (real C++ symbol names stay far below this). */
const MAX_NAME = 16 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: false });
