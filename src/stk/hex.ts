/** Hex text ↔ bytes for pasted captures: tolerant of spaces, colons, dashes and a 0x prefix. */
import { FormatError, LimitError } from '../core/errors.js';

/** Largest hex input accepted, in bytes (a concatenated SMS carries at most 255 × 140 octets). */
export const MAX_HEX_BYTES = 64 * 1024;

const SEPARATORS = /[\s:_-]/g;

export function parseHex(text: string, what = 'hex'): Uint8Array {
  let s = text.replace(SEPARATORS, '');
  if (s.startsWith('0x') || s.startsWith('0X')) s = s.slice(2);
  if (s.length / 2 > MAX_HEX_BYTES)
    throw new LimitError(what, 'length', Math.ceil(s.length / 2), MAX_HEX_BYTES);
  const bad = s.search(/[^0-9a-fA-F]/);
  if (bad >= 0) throw new FormatError(what, bad >> 1, `not a hex digit: '${s[bad]}'`);
  if (s.length % 2 !== 0) throw new FormatError(what, s.length >> 1, 'odd number of hex digits');
  return new Uint8Array(Buffer.from(s, 'hex'));
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Big-endian unsigned integer of up to 6 bytes. */
export function readUint(b: Uint8Array, off: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[off + i];
  return v;
}

export function writeUint(v: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = v;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = x % 256;
    x = Math.floor(x / 256);
  }
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
