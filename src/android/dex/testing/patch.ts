/** Test helpers to patch DEX bytes and keep the header consistent. */
import { CHECKSUM_START, HDR } from '../constants.js';
import { adler32 } from '../mutf8.js';

export function u32(b: Uint8Array, off: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(off, true);
}

export function put32(b: Uint8Array, off: number, v: number): void {
  new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(off, v >>> 0, true);
}

export function put16(b: Uint8Array, off: number, v: number): void {
  new DataView(b.buffer, b.byteOffset, b.byteLength).setUint16(off, v, true);
}

/** Rewrites file_size and the Adler-32 checksum so only the intended defect remains. */
export function fixHeader(b: Uint8Array): Uint8Array {
  put32(b, HDR.fileSize, b.length);
  put32(b, HDR.checksum, adler32(b, CHECKSUM_START, b.length));
  return b;
}

/** `b` with `extra` appended (4-aligned); returns the new bytes and the offset of `extra`. */
export function append(b: Uint8Array, extra: number[]): { bytes: Uint8Array; at: number } {
  const at = (b.length + 3) & ~3;
  const out = new Uint8Array(at + extra.length);
  out.set(b);
  out.set(extra, at);
  return { bytes: out, at };
}
