import { FormatError } from '../../core/errors.js';
import { FORMAT } from './constants.js';

export function isAscii(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] >= 0x80) return false;
  return true;
}

/** Decodes a name: ASCII fast path, then strict UTF-8, then latin1 (CP437 stand-in). */
export function decodeName(
  buf: Buffer,
  start: number,
  end: number,
  utf8Flag: boolean,
): { name: string; invalidUtf8: boolean } {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (buf[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return { name: buf.toString('latin1', start, end), invalidUtf8: false };
  const valid = isValidUtf8(buf, start, end);
  if (valid) return { name: buf.toString('utf8', start, end), invalidUtf8: false };
  if (utf8Flag) return { name: buf.toString('utf8', start, end), invalidUtf8: true };
  return { name: buf.toString('latin1', start, end), invalidUtf8: false };
}

/** Strict UTF-8 validation (no overlongs, no surrogates, at most U+10FFFF). */
export function isValidUtf8(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
      cp = c & 0x07;
    } else return false;
    if (i + n >= end) return false;
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if ((cc & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n + 1;
  }
  return true;
}

/**
 * Why a name is unsafe to use as a path (traversal, absolute, backslash, NUL, drive letter),
 * or undefined when it is a plain relative path.
 */
export function unsafeNameReason(name: string): string | undefined {
  const n = name.length;
  if (n === 0) return undefined;
  if (name.charCodeAt(0) === SLASH) return 'is an absolute path';
  if (n >= 2 && name.charCodeAt(1) === COLON && isAsciiLetter(name.charCodeAt(0)))
    return 'starts with a drive letter';
  let segStart = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? name.charCodeAt(i) : SLASH;
    if (c === 0) return 'contains a NUL character';
    if (c === BACKSLASH) return 'contains a backslash';
    if (c !== SLASH) continue;
    if (i - segStart === 2 && name.charCodeAt(segStart) === DOT && name.charCodeAt(segStart + 1) === DOT)
      return "contains a '..' segment";
    segStart = i + 1;
  }
  return undefined;
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const DOT = 0x2e;

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Returns `name` when it is safe to join under an extraction directory; throws FormatError
 * otherwise. Anything that writes entries to disk must go through this.
 */
export function safeEntryPath(name: string): string {
  const reason = unsafeNameReason(name);
  if (reason !== undefined)
    throw new FormatError(FORMAT, 0, `unsafe entry name ${JSON.stringify(name)}: ${reason}`);
  if (name.length === 0) throw new FormatError(FORMAT, 0, 'empty entry name');
  return name;
}

/** Name traits found in one pass: a hint that unsafeNameReason/hasControlCharacter will say yes. */
export const NAME_SUSPECT = 1;
export const NAME_CONTROL = 2;

/** One cheap pass over the name; the precise checks run only when a bit is set. */
export function scanName(name: string): number {
  let out = 0;
  const n = name.length;
  if (n > 0 && (name.charCodeAt(0) === SLASH || (n > 1 && name.charCodeAt(1) === COLON))) out |= NAME_SUSPECT;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) out |= c === 0 ? NAME_SUSPECT : NAME_CONTROL;
    else if (c === BACKSLASH || (c === DOT && i + 1 < n && name.charCodeAt(i + 1) === DOT))
      out |= NAME_SUSPECT;
  }
  return out;
}

/** True when the name holds a control character other than NUL (CR/LF break v1 manifests). */
export function hasControlCharacter(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c > 0 && c < 0x20) || c === 0x7f) return true;
  }
  return false;
}
