/**
 * A small zip writer for tests: builds well-formed archives and the classic broken ones
 * (data descriptors, ZIP64 records, prefix/trailing data, duplicate names, local/central mismatch,
 * lying sizes, overlapping entries, an APK Signing Block before the central directory).
 */
import { crc32, deflateRawSync } from 'node:zlib';

export type MakeEntry = {
  name: string | Uint8Array;
  data?: string | Uint8Array;
  /** 0 = stored, 8 = deflated (default), anything else is written as-is. */
  method?: number;
  /** Raw bytes written as the entry data instead of the (compressed) `data`. */
  raw?: Uint8Array;
  /** Overrides written into both headers. */
  crc?: number;
  uncompressedSize?: number;
  compressedSize?: number;
  flags?: number;
  /** Local header overrides (for mismatch tests). */
  localName?: string;
  localMethod?: number;
  localCrc?: number;
  /** Write sizes and CRC in a data descriptor (flag bit 3) instead of the local header. */
  dataDescriptor?: boolean;
  /** CRC written in the data descriptor (for mismatch tests). */
  descriptorCrc?: number;
  /** Extra field bytes appended to the central record. */
  centralExtra?: Uint8Array;
  /** Pad the local extra field so the data starts on a multiple of this. */
  align?: number;
  /** Do not write a local header: point the central record at the local header of entry `n`. */
  localOffsetOf?: number;
  /** Bytes written before this entry's local header (an unreferenced gap). */
  padBefore?: Uint8Array;
  /** Unix mode bits (external attributes, made on Unix). */
  unixMode?: number;
  dosDate?: number;
  dosTime?: number;
};

export type MakeOptions = {
  /** Write ZIP64 end records and ZIP64 extra fields (sizes and offsets as 0xFFFFFFFF). */
  zip64?: boolean;
  prefix?: Uint8Array;
  /** Bytes between the last entry and the central directory. */
  gapBeforeCd?: Uint8Array;
  /** Insert a minimal APK Signing Block right before the central directory. */
  signingBlock?: boolean;
  comment?: Uint8Array;
  /** Bytes between the central directory and the end records. */
  gapAfterCd?: Uint8Array;
  /** Bytes after the EOCD record (and comment). */
  trailing?: Uint8Array;
  /** Overrides of EOCD fields. */
  eocdEntries?: number;
  eocdCdOffset?: number;
  eocdCdSize?: number;
  eocdCommentLength?: number;
};

const enc = new TextEncoder();
const U32 = 0xffffffff;

function bytesOf(v: string | Uint8Array | undefined): Uint8Array {
  if (v === undefined) return new Uint8Array(0);
  return typeof v === 'string' ? enc.encode(v) : v;
}

class Out {
  private readonly parts: Buffer[] = [];
  length = 0;
  put(b: Uint8Array): void {
    this.parts.push(Buffer.from(b));
    this.length += b.length;
  }
  u16(v: number): void {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(v & 0xffff);
    this.put(b);
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    this.put(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.put(b);
  }
  done(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.parts));
  }
}

function zip64Extra(values: number[]): Uint8Array {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(1, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

type Written = {
  offset: number;
  name: Uint8Array;
  method: number;
  flags: number;
  crc: number;
  csize: number;
  usize: number;
  e: MakeEntry;
};

/** Builds a zip archive from `entries`. */
export function makeZip(entries: MakeEntry[], opts: MakeOptions = {}): Uint8Array {
  const out = new Out();
  const zip64 = opts.zip64 === true;
  if (opts.prefix) out.put(opts.prefix);
  const written: Written[] = [];
  for (const e of entries) {
    const data = bytesOf(e.data);
    const method = e.method ?? 8;
    const body = e.raw ?? (method === 8 ? deflateRawSync(data) : data);
    const crc = e.crc ?? crc32(data);
    const usize = e.uncompressedSize ?? data.length;
    const csize = e.compressedSize ?? body.length;
    const name = bytesOf(e.name);
    const flags = (e.flags ?? 0) | (e.dataDescriptor ? 8 : 0);
    if (e.localOffsetOf !== undefined) {
      written.push({ offset: written[e.localOffsetOf].offset, name, method, flags, crc, csize, usize, e });
      continue;
    }
    if (e.padBefore) out.put(e.padBefore);
    const offset = out.length;
    const localName = e.localName !== undefined ? enc.encode(e.localName) : name;
    let extra: Uint8Array = zip64
      ? zip64Extra([e.dataDescriptor ? 0 : usize, e.dataDescriptor ? 0 : csize])
      : new Uint8Array(0);
    if (e.align) {
      // An alignment extra field (id 0xd935, as zipalign/apksigner write): 4-byte header + padding.
      const base = offset + 30 + localName.length + extra.length + 4;
      const pad = (e.align - (base % e.align)) % e.align;
      const field = Buffer.alloc(4 + pad);
      field.writeUInt16LE(0xd935, 0);
      field.writeUInt16LE(pad, 2);
      extra = Buffer.concat([extra, field]);
    }
    out.u32(0x04034b50);
    out.u16(zip64 ? 45 : 20);
    out.u16(flags);
    out.u16(e.localMethod ?? method);
    out.u16(e.dosTime ?? 0);
    out.u16(e.dosDate ?? 0x21);
    out.u32(e.dataDescriptor ? 0 : (e.localCrc ?? crc));
    out.u32(e.dataDescriptor ? 0 : zip64 ? U32 : csize);
    out.u32(e.dataDescriptor ? 0 : zip64 ? U32 : usize);
    out.u16(localName.length);
    out.u16(extra.length);
    out.put(localName);
    out.put(extra);
    out.put(body);
    if (e.dataDescriptor) {
      out.u32(0x08074b50);
      out.u32(e.descriptorCrc ?? crc);
      if (zip64) {
        out.u64(csize);
        out.u64(usize);
      } else {
        out.u32(csize);
        out.u32(usize);
      }
    }
    written.push({ offset, name, method, flags, crc, csize, usize, e });
  }
  if (opts.gapBeforeCd) out.put(opts.gapBeforeCd);
  if (opts.signingBlock) out.put(signingBlock());
  const cdOffset = out.length;
  for (const w of written) {
    const extra = Buffer.concat([
      zip64 ? zip64Extra([w.usize, w.csize, w.offset]) : new Uint8Array(0),
      w.e.centralExtra ?? new Uint8Array(0),
    ]);
    out.u32(0x02014b50);
    out.u16((3 << 8) | (zip64 ? 45 : 20));
    out.u16(zip64 ? 45 : 20);
    out.u16(w.flags);
    out.u16(w.method);
    out.u16(w.e.dosTime ?? 0);
    out.u16(w.e.dosDate ?? 0x21);
    out.u32(w.crc);
    out.u32(zip64 ? U32 : w.csize);
    out.u32(zip64 ? U32 : w.usize);
    out.u16(w.name.length);
    out.u16(extra.length);
    out.u16(0);
    out.u16(0);
    out.u16(0);
    out.u32(((w.e.unixMode ?? 0o100644) << 16) >>> 0);
    out.u32(zip64 ? U32 : w.offset);
    out.put(w.name);
    out.put(extra);
  }
  const cdSize = out.length - cdOffset;
  if (opts.gapAfterCd) out.put(opts.gapAfterCd);
  const count = opts.eocdEntries ?? written.length;
  if (zip64) {
    const eocd64 = out.length;
    out.u32(0x06064b50);
    out.u64(44);
    out.u16(45);
    out.u16(45);
    out.u32(0);
    out.u32(0);
    out.u64(count);
    out.u64(count);
    out.u64(opts.eocdCdSize ?? cdSize);
    out.u64(opts.eocdCdOffset ?? cdOffset);
    out.u32(0x07064b50);
    out.u32(0);
    out.u64(eocd64);
    out.u32(1);
  }
  const comment = opts.comment ?? new Uint8Array(0);
  out.u32(0x06054b50);
  out.u16(0);
  out.u16(0);
  out.u16(zip64 ? 0xffff : count);
  out.u16(zip64 ? 0xffff : count);
  out.u32(zip64 ? U32 : (opts.eocdCdSize ?? cdSize));
  out.u32(zip64 ? U32 : (opts.eocdCdOffset ?? cdOffset));
  out.u16(opts.eocdCommentLength ?? comment.length);
  out.put(comment);
  if (opts.trailing) out.put(opts.trailing);
  return out.done();
}

/** A minimal APK Signing Block: size, one empty-ish pair, size, magic. */
export function signingBlock(): Uint8Array {
  const pair = Buffer.alloc(8 + 4 + 4);
  pair.writeBigUInt64LE(8n, 0);
  pair.writeUInt32LE(0x42726577, 8);
  const size = pair.length + 8 + 16;
  const b = Buffer.alloc(8 + size);
  b.writeBigUInt64LE(BigInt(size), 0);
  pair.copy(b, 8);
  b.writeBigUInt64LE(BigInt(size), 8 + pair.length);
  b.write('APK Sig Block 42', 16 + pair.length, 'latin1');
  return b;
}

/** An Info-ZIP Unicode Path extra field (0x7075) naming `shown`, bound to the header name `headerName`. */
export function unicodePathExtra(headerName: string | Uint8Array, shown: string): Uint8Array {
  const utf8 = Buffer.from(shown, 'utf8');
  const b = Buffer.alloc(4 + 5 + utf8.length);
  b.writeUInt16LE(0x7075, 0);
  b.writeUInt16LE(5 + utf8.length, 2);
  b.writeUInt8(1, 4);
  b.writeUInt32LE(crc32(bytesOf(headerName)) >>> 0, 5);
  utf8.copy(b, 9);
  return b;
}
