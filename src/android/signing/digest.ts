import { createHash } from 'node:crypto';
import type { ContentDigestAlgorithm } from './constants.js';

const CHUNK = 1024 * 1024;
const VERITY_PAGE = 4096;
const EOCD_CD_OFFSET = 16;

/** The three regions v2+ signatures cover, as views over the APK (the EOCD is a small patched copy). */
export type DigestInput = {
  sections: Uint8Array[];
};

export function digestInput(
  bytes: Uint8Array,
  blockOffset: number,
  cdOffset: number,
  cdSize: number,
  eocdOffset: number,
): DigestInput {
  // A copy (not `slice`, which on a Buffer is a view): patching it must not change the caller's file.
  const eocd = new Uint8Array(bytes.length - eocdOffset);
  eocd.set(bytes.subarray(eocdOffset));
  new DataView(eocd.buffer, eocd.byteOffset, eocd.byteLength).setUint32(EOCD_CD_OFFSET, blockOffset, true);
  return { sections: [bytes.subarray(0, blockOffset), bytes.subarray(cdOffset, cdOffset + cdSize), eocd] };
}

/** apksig's chunked digest: H(0x5a ‖ count ‖ H(0xa5 ‖ len ‖ chunk)…), 1 MiB chunks per section. */
function chunked(input: DigestInput, alg: 'sha256' | 'sha512'): Buffer {
  const prefix = Buffer.alloc(5);
  const digests: Buffer[] = [];
  for (const s of input.sections) {
    for (let o = 0; o < s.length; o += CHUNK) {
      const n = Math.min(CHUNK, s.length - o);
      prefix[0] = 0xa5;
      prefix.writeUInt32LE(n, 1);
      digests.push(
        createHash(alg)
          .update(prefix)
          .update(s.subarray(o, o + n))
          .digest(),
      );
    }
  }
  const top = Buffer.alloc(5);
  top[0] = 0x5a;
  top.writeUInt32LE(digests.length, 1);
  const h = createHash(alg).update(top);
  for (const d of digests) h.update(d);
  return h.digest();
}

const SALT = new Uint8Array(8);
const ZERO_PAGE = new Uint8Array(VERITY_PAGE);
const DIGEST_SIZE = 32;

/**
 * Hashes `data` in 4 KiB pages (the last one zero-padded), salted, into `out`; returns the used
 * length. One salted state is copied per page (a fresh hash plus the salt costs more than the
 * page itself on small APKs).
 */
function hashPages(pages: Iterable<Uint8Array>, out: Buffer): number {
  const salted = createHash('sha256').update(SALT);
  let o = 0;
  for (const p of pages) {
    const h = salted.copy().update(p);
    if (p.length < VERITY_PAGE) h.update(ZERO_PAGE.subarray(0, VERITY_PAGE - p.length));
    out.set(h.digest(), o);
    o += DIGEST_SIZE;
  }
  return o;
}

/** 4 KiB pages across the concatenated sections; pages that straddle two sections are copied. */
function* pagesOf(sections: Uint8Array[]): Generator<Uint8Array> {
  const tmp = new Uint8Array(VERITY_PAGE);
  let fill = 0;
  for (const s of sections) {
    let o = 0;
    if (fill > 0) {
      const n = Math.min(VERITY_PAGE - fill, s.length);
      tmp.set(s.subarray(0, n), fill);
      fill += n;
      o = n;
      if (fill < VERITY_PAGE) continue;
      yield tmp;
      fill = 0;
    }
    for (; o + VERITY_PAGE <= s.length; o += VERITY_PAGE) yield s.subarray(o, o + VERITY_PAGE);
    if (o < s.length) {
      tmp.set(s.subarray(o), 0);
      fill = s.length - o;
    }
  }
  if (fill > 0) yield tmp.subarray(0, fill);
}

function* pagesOfBuffer(b: Uint8Array): Generator<Uint8Array> {
  for (let o = 0; o < b.length; o += VERITY_PAGE) yield b.subarray(o, Math.min(b.length, o + VERITY_PAGE));
}

/** apksig's VERITY_CHUNKED_SHA256: fs-verity Merkle root (SHA-256, 4 KiB, 8 zero salt bytes) ‖ uint64 data size. */
function verity(input: DigestInput): Buffer {
  let size = 0;
  for (const s of input.sections) size += s.length;
  let pages = Math.ceil(size / VERITY_PAGE);
  let level = Buffer.alloc(Math.ceil((pages * 32) / VERITY_PAGE) * VERITY_PAGE);
  hashPages(pagesOf(input.sections), level);
  while (pages * 32 > VERITY_PAGE) {
    pages = Math.ceil(level.length / VERITY_PAGE);
    const next = Buffer.alloc(Math.ceil((pages * 32) / VERITY_PAGE) * VERITY_PAGE);
    hashPages(pagesOfBuffer(level), next);
    level = next;
  }
  const root = createHash('sha256').update(SALT).update(level.subarray(0, VERITY_PAGE)).digest();
  const out = Buffer.alloc(40);
  root.copy(out, 0);
  out.writeUInt32LE(size % 0x1_0000_0000, 32);
  out.writeUInt32LE(Math.floor(size / 0x1_0000_0000), 36);
  return out;
}

/** Computes each content digest at most once per APK (v2, v3 and v3.1 share the cache). */
export class ContentDigester {
  private readonly cache = new Map<ContentDigestAlgorithm, Buffer>();
  constructor(private readonly input: DigestInput) {}

  get(alg: ContentDigestAlgorithm): Buffer {
    let d = this.cache.get(alg);
    if (d) return d;
    if (alg === 'CHUNKED_SHA256') d = chunked(this.input, 'sha256');
    else if (alg === 'CHUNKED_SHA512') d = chunked(this.input, 'sha512');
    else d = verity(this.input);
    this.cache.set(alg, d);
    return d;
  }

  computed(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.cache) out[k] = v.toString('hex');
    return out;
  }
}
