/**
 * A tiny resources.arsc writer for tests: builds tables with exactly the features a test needs
 * (UTF-8/UTF-16 pools, sparse, offset16 and compact entries, bags, libraries, odd chunks).
 */
import { CHUNK } from '../constants.js';

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function pad4(b: Uint8Array): Uint8Array {
  return b.length % 4 === 0 ? b : concat([b, new Uint8Array(4 - (b.length % 4))]);
}

/** Little-endian writer for a fixed-size record. */
export function record(size: number, fill: (v: DataView) => void): Uint8Array {
  const b = new Uint8Array(size);
  fill(new DataView(b.buffer));
  return b;
}

/** A chunk: 8-byte ResChunk_header, `header` (rest of the header), then `body`. */
export function chunk(type: number, header: Uint8Array, body: Uint8Array[] = []): Uint8Array {
  const b = concat(body);
  const head = record(8, (v) => {
    v.setUint16(0, type, true);
    v.setUint16(2, 8 + header.length, true);
    v.setUint32(4, 8 + header.length + b.length, true);
  });
  return concat([head, header, b]);
}

function utf8Len(n: number): number[] {
  return n > 0x7f ? [0x80 | (n >> 8), n & 0xff] : [n];
}

export function stringPool(strings: string[], utf8: boolean): Uint8Array {
  const datas = strings.map((s) => {
    if (utf8) {
      const bytes = new TextEncoder().encode(s);
      return Uint8Array.from([...utf8Len(s.length), ...utf8Len(bytes.length), ...bytes, 0]);
    }
    const units = [...s].flatMap((c) => {
      const cp = c.codePointAt(0) ?? 0;
      return cp > 0xffff ? [0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)] : [cp];
    });
    const len =
      units.length > 0x7fff ? [0x8000 | (units.length >> 16), units.length & 0xffff] : [units.length];
    return record((len.length + units.length + 1) * 2, (v) =>
      [...len, ...units, 0].forEach((u, i) => v.setUint16(i * 2, u, true)),
    );
  });
  const offsets: number[] = [];
  let o = 0;
  for (const d of datas) {
    offsets.push(o);
    o += d.length;
  }
  const headerSize = 28;
  const header = record(20, (v) => {
    v.setUint32(0, strings.length, true);
    v.setUint32(4, 0, true);
    v.setUint32(8, utf8 ? 0x100 : 0, true);
    v.setUint32(12, headerSize + offsets.length * 4, true);
    v.setUint32(16, 0, true);
  });
  const index = record(offsets.length * 4, (v) => offsets.forEach((x, i) => v.setUint32(i * 4, x, true)));
  return chunk(CHUNK.STRING_POOL, header, [index, pad4(concat(datas))]);
}

export type ConfigFields = { [field: number]: number };

/** A 64-byte ResTable_config; `fields` maps byte offsets to byte values. */
export function config(fields: ConfigFields = {}, size = 64): Uint8Array {
  return record(size, (v) => {
    v.setUint32(0, size, true);
    for (const [k, val] of Object.entries(fields)) v.setUint8(Number(k), val);
  });
}

export function simpleEntry(key: number, dataType: number, data: number, flags = 0): Uint8Array {
  return record(16, (v) => {
    v.setUint16(0, 8, true);
    v.setUint16(2, flags, true);
    v.setUint32(4, key, true);
    v.setUint16(8, 8, true);
    v.setUint8(11, dataType);
    v.setUint32(12, data, true);
  });
}

export function compactEntry(key: number, dataType: number, data: number): Uint8Array {
  return record(8, (v) => {
    v.setUint16(0, key, true);
    v.setUint16(2, 0x8 | (dataType << 8), true);
    v.setUint32(4, data, true);
  });
}

export function bagEntry(
  key: number,
  parent: number,
  items: [name: number, dataType: number, data: number][],
): Uint8Array {
  return record(16 + items.length * 12, (v) => {
    v.setUint16(0, 16, true);
    v.setUint16(2, 1, true);
    v.setUint32(4, key, true);
    v.setUint32(8, parent, true);
    v.setUint32(12, items.length, true);
    items.forEach(([name, t, d], i) => {
      const p = 16 + i * 12;
      v.setUint32(p, name, true);
      v.setUint16(p + 4, 8, true);
      v.setUint8(p + 7, t);
      v.setUint32(p + 8, d, true);
    });
  });
}

export function typeSpec(id: number, flags: number[]): Uint8Array {
  const header = record(8, (v) => {
    v.setUint8(0, id);
    v.setUint32(4, flags.length, true);
  });
  return chunk(CHUNK.TYPE_SPEC, header, [
    record(flags.length * 4, (v) => flags.forEach((f, i) => v.setUint32(i * 4, f, true))),
  ]);
}

export type TypeMode = 'dense' | 'sparse' | 'offset16';

/** A ResTable_type; `entries[i]` undefined = NO_ENTRY. */
export function typeChunk(
  id: number,
  cfg: Uint8Array,
  entries: (Uint8Array | undefined)[],
  mode: TypeMode = 'dense',
): Uint8Array {
  const offsets: number[] = [];
  let o = 0;
  for (const e of entries) {
    offsets.push(e ? o : -1);
    if (e) o += e.length;
  }
  let index: Uint8Array;
  if (mode === 'sparse') {
    const present = offsets.map((off, i) => [i, off]).filter(([, off]) => off >= 0);
    index = record(present.length * 4, (v) =>
      present.forEach(([i, off], k) => {
        v.setUint16(k * 4, i, true);
        v.setUint16(k * 4 + 2, off / 4, true);
      }),
    );
  } else if (mode === 'offset16') {
    index = pad4(
      record(offsets.length * 2, (v) =>
        offsets.forEach((off, i) => v.setUint16(i * 2, off < 0 ? 0xffff : off / 4, true)),
      ),
    );
  } else {
    index = record(offsets.length * 4, (v) =>
      offsets.forEach((off, i) => v.setUint32(i * 4, off < 0 ? 0xffffffff : off, true)),
    );
  }
  const count = mode === 'sparse' ? index.length / 4 : entries.length;
  const headerLen = 12 + cfg.length;
  const header = record(headerLen, (v) => {
    v.setUint8(0, id);
    v.setUint8(1, mode === 'sparse' ? 1 : mode === 'offset16' ? 2 : 0);
    v.setUint32(4, count, true);
    v.setUint32(8, 8 + headerLen + index.length, true);
  });
  header.set(cfg, 12);
  return chunk(CHUNK.TYPE, header, [index, ...entries.filter((e): e is Uint8Array => e !== undefined)]);
}

export function utf16Fixed(s: string, chars: number): Uint8Array {
  return record(chars * 2, (v) =>
    [...s].slice(0, chars - 1).forEach((c, i) => v.setUint16(i * 2, c.charCodeAt(0), true)),
  );
}

export function libraryChunk(libs: [id: number, name: string][]): Uint8Array {
  const header = record(4, (v) => v.setUint32(0, libs.length, true));
  return chunk(
    CHUNK.LIBRARY,
    header,
    libs.map(([id, name]) => concat([record(4, (v) => v.setUint32(0, id, true)), utf16Fixed(name, 128)])),
  );
}

export function packageChunk(
  id: number,
  name: string,
  typeNames: string[],
  keyNames: string[],
  children: Uint8Array[],
): Uint8Array {
  const headerLen = 288 - 8;
  const typePool = stringPool(typeNames, true);
  const keyPool = stringPool(keyNames, true);
  const header = record(headerLen, (v) => {
    v.setUint32(0, id, true);
    v.setUint32(260, 288, true);
    v.setUint32(268, 288 + typePool.length, true);
  });
  header.set(utf16Fixed(name, 128), 4);
  return chunk(CHUNK.PACKAGE, header, [typePool, keyPool, ...children]);
}

export function table(
  values: string[],
  packages: Uint8Array[],
  utf8 = true,
  extra: Uint8Array[] = [],
): Uint8Array {
  const header = record(4, (v) => v.setUint32(0, packages.length, true));
  return chunk(CHUNK.TABLE, header, [stringPool(values, utf8), ...packages, ...extra]);
}

export function stagedAliasChunk(pairs: [staged: number, finalized: number][]): Uint8Array {
  const header = record(4, (v) => v.setUint32(0, pairs.length, true));
  return chunk(
    CHUNK.STAGED_ALIAS,
    header,
    pairs.map(([a, b]) =>
      record(8, (v) => {
        v.setUint32(0, a, true);
        v.setUint32(4, b, true);
      }),
    ),
  );
}
