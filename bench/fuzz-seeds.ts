/**
 * Seeds for the fuzz campaign, read from /work/shared/apks: whole APKs (zip, signing, apk), and
 * entries inflated from them (AndroidManifest.xml, resources.arsc, classes*.dex, lib/*.so), plus
 * the loose AXML and DEX fixtures. Each seed carries hot regions and interesting offsets.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readZip, type ZipArchive } from '../src/android/zip/index.js';
import { inflateRawSync } from 'node:zlib';
import { makeZip } from '../src/android/zip/testing/make-zip.js';
import { SHARED_APKS, readBytes, sharedRows } from './common.js';
import { lengthLikeOffsets, type Region, type Seed } from './fuzz-mutate.js';

export const FORMATS = ['zip', 'axml', 'arsc', 'dex', 'signing', 'elf', 'apk'] as const;
/** `canary` checks the harness (see fuzz-targets.ts); only run when asked for by name. */
export type Format = (typeof FORMATS)[number] | 'canary';
export const ALL_FORMATS: readonly Format[] = [...FORMATS, 'canary'];
const CANARY_SEEDS = 4;

const KiB = 1024;
/** Seed size caps per format: small seeds keep each mutant fast, so 10k mutants take minutes. */
const MAX_SEED: Record<Format, number> = {
  canary: 16,
  zip: 256 * KiB,
  axml: 64 * KiB,
  arsc: 256 * KiB,
  dex: 1024 * KiB,
  signing: 256 * KiB,
  elf: 2048 * KiB,
  apk: 320 * KiB,
};
const MAX_SEEDS = 48;
const DEX_HEADER_SIZE = 0x70;
const DEX_MAP_OFF = 0x34;
const DEX_MAP_ITEM = 12;
const CHUNK_HEADER = 8;
const CONTAINER_CHUNKS = new Set([0x0002, 0x0003, 0x0200]);
const STRING_POOL = 0x0001;
const ELF_HEADER_64 = 64;
const EOCD_SIZE = 22;
const LOCAL_HEADER = 30;

function u32(b: Uint8Array, o: number): number {
  return o + 4 <= b.length ? new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(o, true) : 0;
}
function u16(b: Uint8Array, o: number): number {
  return o + 2 <= b.length ? b[o] | (b[o + 1] << 8) : 0;
}

/** Chunk header fields of an AXML/ARSC file, walked recursively through container chunks. */
function chunkFields(b: Uint8Array): { fields: number[]; hot: Region[] } {
  const fields: number[] = [];
  const hot: Region[] = [];
  const walk = (start: number, end: number, depth: number) => {
    let o = start;
    while (o + CHUNK_HEADER <= end && fields.length < 4000) {
      const type = u16(b, o);
      const hsize = u16(b, o + 2);
      const size = u32(b, o + 4);
      fields.push(o, o + 2, o + 4);
      for (let f = o + CHUNK_HEADER; f + 4 <= o + Math.min(hsize, 64); f += 4) fields.push(f);
      if (type === STRING_POOL) fields.push(o + 8, o + 12, o + 16, o + 20, o + 24);
      hot.push({ start: o, end: o + Math.max(hsize, CHUNK_HEADER) });
      if (size < CHUNK_HEADER || o + size > end) return;
      if (CONTAINER_CHUNKS.has(type) && depth < 3 && hsize >= CHUNK_HEADER)
        walk(o + hsize, o + size, depth + 1);
      o += size;
    }
  };
  walk(0, b.length, 0);
  return { fields, hot };
}

function dexFields(b: Uint8Array): { fields: number[]; hot: Region[] } {
  const fields: number[] = [];
  for (let o = 0x08; o < DEX_HEADER_SIZE; o += 4) fields.push(o);
  const mapOff = u32(b, DEX_MAP_OFF);
  const hot: Region[] = [{ start: 0, end: DEX_HEADER_SIZE }];
  const count = u32(b, mapOff);
  if (mapOff > 0 && mapOff + 4 + count * DEX_MAP_ITEM <= b.length && count < 64) {
    fields.push(mapOff);
    for (let i = 0; i < count; i++) {
      const item = mapOff + 4 + i * DEX_MAP_ITEM;
      fields.push(item, item + 4, item + 8);
      const off = u32(b, item + 8);
      if (off < b.length) hot.push({ start: off, end: Math.min(b.length, off + 64) });
    }
    hot.push({ start: mapOff, end: mapOff + 4 + count * DEX_MAP_ITEM });
  }
  return { fields, hot };
}

function elfFields(b: Uint8Array): { fields: number[]; hot: Region[] } {
  const fields: number[] = [];
  for (let o = 0x10; o < ELF_HEADER_64; o += 2) fields.push(o);
  const is64 = b[4] === 2;
  const phoff = is64 ? u32(b, 0x20) : u32(b, 0x1c);
  const shoff = is64 ? u32(b, 0x28) : u32(b, 0x20);
  const phnum = u16(b, is64 ? 0x38 : 0x2c);
  const phentsize = u16(b, is64 ? 0x36 : 0x2a);
  const shnum = u16(b, is64 ? 0x3c : 0x30);
  const shentsize = u16(b, is64 ? 0x3a : 0x2e);
  const hot: Region[] = [{ start: 0, end: ELF_HEADER_64 }];
  if (phoff < b.length) hot.push({ start: phoff, end: Math.min(b.length, phoff + phnum * phentsize) });
  if (shoff < b.length) hot.push({ start: shoff, end: Math.min(b.length, shoff + shnum * shentsize) });
  for (let i = 0; i < Math.min(phnum, 64); i++)
    for (let f = 0; f < phentsize; f += 4) fields.push(phoff + i * phentsize + f);
  for (let i = 0; i < Math.min(shnum, 128); i++)
    for (let f = 0; f < shentsize; f += 4) fields.push(shoff + i * shentsize + f);
  return { fields, hot };
}

/** Hot regions of a zip: EOCD, central directory, local headers, signing block, META-INF data. */
function zipRegions(b: Uint8Array, zip: ZipArchive, signing: boolean): { fields: number[]; hot: Region[] } {
  const hot: Region[] = [
    { start: zip.eocdOffset, end: Math.min(b.length, zip.eocdOffset + EOCD_SIZE + zip.comment.length) },
  ];
  hot.push({ start: zip.cdOffset, end: zip.cdOffset + zip.cdSize });
  const fields: number[] = [];
  for (let f = zip.eocdOffset + 4; f < zip.eocdOffset + EOCD_SIZE; f += 2) fields.push(f);
  for (const e of zip.entries.slice(0, 500)) {
    fields.push(
      e.centralOffset + 10,
      e.centralOffset + 16,
      e.centralOffset + 20,
      e.centralOffset + 24,
      e.centralOffset + 28,
      e.centralOffset + 42,
    );
    fields.push(
      e.localHeaderOffset + 18,
      e.localHeaderOffset + 22,
      e.localHeaderOffset + 26,
      e.localHeaderOffset + 28,
    );
    if (!signing) hot.push({ start: e.localHeaderOffset, end: e.localHeaderOffset + LOCAL_HEADER });
    else if (e.name.startsWith('META-INF/'))
      hot.push({ start: e.dataOffset, end: e.dataOffset + e.compressedSize });
  }
  if (zip.apkSigningBlock) {
    const { offset, size } = zip.apkSigningBlock;
    hot.push({ start: offset, end: offset + size });
    // the block is a tree of length-prefixed records: its length-like u32s are its fields
    fields.push(...lengthLikeOffsets(b.subarray(offset, offset + size)).map((o) => o + offset));
  }
  return { fields, hot };
}

function seedOf(name: string, bytes: Uint8Array, f: { fields: number[]; hot: Region[] }): Seed {
  return {
    name,
    bytes,
    interesting: lengthLikeOffsets(bytes, f.fields),
    hot: f.hot.filter((h) => h.end > h.start),
  };
}

/** Evenly spread pick of at most `n` items (deterministic). */
function spread<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  return Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]);
}

function entryBytes(b: Uint8Array, zip: ZipArchive, name: string): Uint8Array | undefined {
  const e = zip.byName.get(name);
  if (!e) return undefined;
  const raw = b.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  try {
    return e.method === 0 ? raw.slice() : new Uint8Array(inflateRawSync(raw));
  } catch {
    return undefined;
  }
}

type Opened = { path: string; bytes: Uint8Array; zip: ZipArchive };

function openShared(): Opened[] {
  const out: Opened[] = [];
  for (const r of sharedRows()) {
    if (!r.path.endsWith('.apk')) continue;
    const bytes = readBytes(join(SHARED_APKS, r.path));
    try {
      out.push({ path: r.path, bytes, zip: readZip(bytes) });
    } catch {
      // the deliberately broken zips still make good zip seeds below
    }
  }
  return out;
}

/** An APK with every entry stored, so byte mutations reach the inner formats directly. */
function storedCopy(o: Opened): Uint8Array | undefined {
  const entries = [];
  for (const e of o.zip.entries) {
    if (e.isDirectory) continue;
    const data = entryBytes(o.bytes, o.zip, e.name);
    if (!data) return undefined;
    entries.push({ name: e.name, data, method: 0 });
  }
  return makeZip(entries);
}

export function collectSeeds(): Record<Format, Seed[]> {
  const apks = openShared();
  const small = (f: Format) => apks.filter((a) => a.bytes.length <= MAX_SEED[f]);
  const seeds: Record<Format, Seed[]> = {
    canary: [],
    zip: [],
    axml: [],
    arsc: [],
    dex: [],
    signing: [],
    elf: [],
    apk: [],
  };
  for (let i = 0; i < CANARY_SEEDS; i++)
    seeds.canary.push({ name: `canary-${i}`, bytes: Uint8Array.of(i, 0, 0, 0), interesting: [0], hot: [] });

  seeds.zip = spread(small('zip'), MAX_SEEDS).map((a) =>
    seedOf(a.path, a.bytes, zipRegions(a.bytes, a.zip, false)),
  );
  const sig = small('signing');
  const withBlock = sig.filter((a) => a.zip.apkSigningBlock);
  seeds.signing = [
    ...spread(withBlock, MAX_SEEDS - 8),
    ...spread(
      sig.filter((a) => !a.zip.apkSigningBlock),
      8,
    ),
  ].map((a) => seedOf(a.path, a.bytes, zipRegions(a.bytes, a.zip, true)));
  const apkPicks = spread(
    small('apk').filter((a) => !a.path.includes('/apksig/')),
    MAX_SEEDS / 2,
  );
  for (const a of apkPicks) {
    seeds.apk.push(seedOf(a.path, a.bytes, zipRegions(a.bytes, a.zip, false)));
    const stored = storedCopy(a);
    if (stored && stored.length <= MAX_SEED.apk * 2)
      seeds.apk.push(seedOf(`${a.path} (stored)`, stored, zipRegions(stored, readZip(stored), false)));
  }

  const seen = new Set<string>();
  const add = (f: Format, name: string, bytes: Uint8Array | undefined) => {
    if (!bytes || bytes.length === 0 || bytes.length > MAX_SEED[f]) return;
    const h = createHash('sha1').update(bytes).digest('hex');
    if (seen.has(h)) return;
    seen.add(h);
    const fields = f === 'dex' ? dexFields(bytes) : f === 'elf' ? elfFields(bytes) : chunkFields(bytes);
    seeds[f].push(seedOf(name, bytes, fields));
  };
  for (const a of spread(apks, 120))
    add('axml', `${a.path}!AndroidManifest.xml`, entryBytes(a.bytes, a.zip, 'AndroidManifest.xml'));
  const axmlDir = join(SHARED_APKS, 'androguard', 'AXML');
  for (const f of readdirSync(axmlDir).filter((x) => x.endsWith('.xml')))
    add('axml', `androguard/AXML/${f}`, readBytes(join(axmlDir, f)));
  for (const a of spread(apks, 200))
    add('arsc', `${a.path}!resources.arsc`, entryBytes(a.bytes, a.zip, 'resources.arsc'));
  for (const a of spread(apks, 200))
    add('dex', `${a.path}!classes.dex`, entryBytes(a.bytes, a.zip, 'classes.dex'));
  for (const r of sharedRows().filter((x) => x.path.endsWith('.dex')))
    add('dex', r.path, readBytes(join(SHARED_APKS, r.path)));
  for (const a of apks) {
    for (const e of a.zip.entries)
      if (/^lib\/.*\.so$/.test(e.name)) add('elf', `${a.path}!${e.name}`, entryBytes(a.bytes, a.zip, e.name));
  }
  seeds.axml = spread(seeds.axml, MAX_SEEDS);
  seeds.arsc = spread(seeds.arsc, MAX_SEEDS);
  seeds.dex = spread(seeds.dex, MAX_SEEDS);
  seeds.elf = spread(seeds.elf, MAX_SEEDS);
  return seeds;
}
