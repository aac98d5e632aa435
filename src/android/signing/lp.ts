/** Little-endian, length-prefixed reading as apksig does it; any problem throws `Malformed`. */

export class Malformed extends Error {}

export class Cursor {
  private readonly view: DataView;
  pos = 0;
  constructor(readonly b: Uint8Array) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  get remaining(): number {
    return this.b.length - this.pos;
  }
  hasRemaining(): boolean {
    return this.pos < this.b.length;
  }
  u32(): number {
    if (this.remaining < 4) throw new Malformed('buffer underflow');
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  i32(): number {
    return this.u32() | 0;
  }
  /** uint32 length then that many bytes, as a view. */
  lp(): Uint8Array {
    if (this.remaining < 4) {
      throw new Malformed(
        `Remaining buffer too short to contain length of length-prefixed field. Remaining: ${this.remaining}`,
      );
    }
    const len = this.view.getInt32(this.pos, true);
    if (len < 0) throw new Malformed('Negative length');
    if (len > this.remaining - 4) {
      throw new Malformed(
        `Length-prefixed field longer than remaining buffer. Field length: ${len}, remaining: ${this.remaining - 4}`,
      );
    }
    this.pos += 4;
    const out = this.b.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  rest(): Uint8Array {
    const out = this.b.subarray(this.pos);
    this.pos = this.b.length;
    return out;
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
