/**
 * JAR manifest / signature-file parsing exactly as apksig's ManifestParser does it: sections are
 * separated by empty lines, lines end in CRLF, LF or CR, a line starting with a space continues
 * the previous one, and each section remembers its byte range (digests are over those bytes).
 */
import { decodeUtf8 } from '../../../core/bytes.js';

export type ManifestSection = {
  start: number;
  size: number;
  attrs: [string, string][];
};

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;

export function attr(s: ManifestSection, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of s.attrs) if (k.length === lower.length && k.toLowerCase() === lower) return v;
  return undefined;
}

export class ManifestParser {
  private offset = 0;
  private preceding: Uint8Array | undefined;
  private endOfSection = false;
  constructor(private readonly b: Uint8Array) {}

  private readLine(): Uint8Array | undefined {
    const b = this.b;
    if (this.offset >= b.length) return undefined;
    const start = this.offset;
    let nlStart = -1;
    let nlEnd = -1;
    for (let i = start; i < b.length; i++) {
      if (b[i] === CR) {
        nlStart = i;
        nlEnd = i + 1 < b.length && b[i + 1] === LF ? i + 2 : i + 1;
        break;
      }
      if (b[i] === LF) {
        nlStart = i;
        nlEnd = i + 1;
        break;
      }
    }
    if (nlStart === -1) nlStart = nlEnd = b.length;
    this.offset = nlEnd;
    return b.subarray(start, nlStart);
  }

  /** One logical attribute line (continuations joined); empty = end of section; undefined = end of input. */
  private readAttributeBytes(): Uint8Array | undefined {
    for (;;) {
      if (this.endOfSection) {
        this.endOfSection = false;
        return new Uint8Array(0);
      }
      const line = this.readLine();
      if (line === undefined) {
        const r = this.preceding;
        this.preceding = undefined;
        return r;
      }
      if (line.length === 0) {
        if (this.preceding) {
          const r = this.preceding;
          this.preceding = undefined;
          this.endOfSection = true;
          return r;
        }
        return line;
      }
      if (!this.preceding) {
        this.preceding = line;
        continue;
      }
      if (line[0] === SP) {
        const joined = new Uint8Array(this.preceding.length + line.length - 1);
        joined.set(this.preceding);
        joined.set(line.subarray(1), this.preceding.length);
        this.preceding = joined;
        continue;
      }
      const r = this.preceding;
      this.preceding = line;
      return r;
    }
  }

  readSection(): ManifestSection | undefined {
    let start: number;
    let a: Uint8Array | undefined;
    do {
      start = this.offset;
      a = this.readAttributeBytes();
      if (a === undefined) return undefined;
    } while (a.length === 0);
    const attrs: [string, string][] = [parseAttr(a)];
    for (;;) {
      a = this.readAttributeBytes();
      if (a === undefined || a.length === 0) break;
      attrs.push(parseAttr(a));
    }
    return { start, size: this.offset - start, attrs };
  }

  readAllSections(max: number): ManifestSection[] {
    const out: ManifestSection[] = [];
    for (let s = this.readSection(); s; s = this.readSection()) {
      out.push(s);
      if (out.length > max) break;
    }
    return out;
  }
}

function parseAttr(b: Uint8Array): [string, string] {
  const s = decodeUtf8(b);
  const i = s.indexOf(': ');
  return i === -1 ? [s, ''] : [s.slice(0, i), s.slice(i + 2)];
}
