/**
 * A tiny binary XML writer for tests: builds AXML documents with chosen quirks (UTF-8 or UTF-16
 * pool, no resource map, masked names, raw-only strings) so parser edge cases need no fixtures.
 */
import { ANDROID_NS } from '../types.js';
import { TYPE } from '../values.js';

export type WAttr = {
  name: string;
  ns?: string;
  /** Resource id put in the resource map for this attribute's name string. */
  resId?: number;
  raw?: string;
  type: number;
  data: number | string; // a string is added to the pool and its index stored
};

export type WNode = {
  name: string;
  ns?: string;
  attrs?: WAttr[];
  children?: WNode[];
  text?: string;
  line?: number;
  comment?: string;
};

export type WriterOptions = {
  utf8?: boolean;
  namespaces?: { prefix: string; uri: string }[];
  /** Write the resource-id map (default true). */
  resourceMap?: boolean;
  /**
   * Sort each element's attributes like aapt: framework/resource ids ascending, then attributes
   * without an id (default true). Android only sees attributes in this order.
   */
  sortAttributes?: boolean;
};

/** android:<name>="<value>" (string), with its framework id; pass `ns: null` for a plain attribute. */
export function aStr(name: string, value: string, resId?: number, ns: string | null = ANDROID_NS): WAttr {
  return { name, ns: ns ?? undefined, resId, raw: value, type: TYPE.STRING, data: value };
}
export function aBool(name: string, value: boolean, resId?: number, ns: string | null = ANDROID_NS): WAttr {
  return { name, ns: ns ?? undefined, resId, type: TYPE.INT_BOOLEAN, data: value ? 0xffffffff : 0 };
}
export function aInt(name: string, value: number, resId?: number, ns: string | null = ANDROID_NS): WAttr {
  return { name, ns: ns ?? undefined, resId, type: TYPE.INT_DEC, data: value >>> 0 };
}
export function aRef(name: string, id: number, resId?: number, ns: string | null = ANDROID_NS): WAttr {
  return { name, ns: ns ?? undefined, resId, type: TYPE.REFERENCE, data: id >>> 0 };
}

class Pool {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  add(s: string): number {
    const i = this.index.get(s);
    if (i !== undefined) return i;
    this.strings.push(s);
    this.index.set(s, this.strings.length - 1);
    return this.strings.length - 1;
  }
}

class Out {
  private readonly parts: number[] = [];
  get length(): number {
    return this.parts.length;
  }
  u8(v: number): void {
    this.parts.push(v & 0xff);
  }
  u16(v: number): void {
    this.u8(v);
    this.u8(v >>> 8);
  }
  u32(v: number): void {
    this.u16(v & 0xffff);
    this.u16(v >>> 16);
  }
  set32(at: number, v: number): void {
    for (let i = 0; i < 4; i++) this.parts[at + i] = (v >>> (8 * i)) & 0xff;
  }
  bytes(b: Uint8Array): void {
    for (const x of b) this.parts.push(x);
  }
  pad4(): void {
    while (this.parts.length % 4) this.parts.push(0);
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

function encodeString(out: Out, s: string, utf8: boolean): void {
  if (utf8) {
    const b = new TextEncoder().encode(s);
    const writeLen = (n: number) => {
      if (n > 0x7f) {
        out.u8(0x80 | (n >> 8));
        out.u8(n & 0xff);
      } else out.u8(n);
    };
    writeLen(s.length);
    writeLen(b.length);
    out.bytes(b);
    out.u8(0);
    return;
  }
  if (s.length > 0x7fff) {
    out.u16(0x8000 | (s.length >>> 16));
    out.u16(s.length & 0xffff);
  } else out.u16(s.length);
  for (let i = 0; i < s.length; i++) out.u16(s.charCodeAt(i));
  out.u16(0);
}

/** Serialises `root` as a RES_XML document. */
export function writeAxml(root: WNode, opts: WriterOptions = {}): Uint8Array {
  const utf8 = opts.utf8 ?? false;
  const namespaces = opts.namespaces ?? [{ prefix: 'android', uri: ANDROID_NS }];
  const pool = new Pool();
  // Attribute names that carry resource ids come first, so their index matches the map.
  const ids: number[] = [];
  const walkIds = (n: WNode) => {
    for (const a of n.attrs ?? []) {
      if (a.resId === undefined) continue;
      const before = pool.strings.length;
      const i = pool.add(a.name);
      if (i === before) ids.push(a.resId);
    }
    for (const c of n.children ?? []) walkIds(c);
  };
  walkIds(root);
  const idx = (s: string | undefined) => (s === undefined ? 0xffffffff : pool.add(s));
  const body = new Out();
  for (const ns of namespaces) {
    nodeHeader(body, 0x0100, 24, 1);
    body.u32(idx(ns.prefix));
    body.u32(idx(ns.uri));
  }
  const sort = opts.sortAttributes ?? true;
  const byId = (a: WAttr, b: WAttr) => (a.resId ?? 0x1_0000_0000) - (b.resId ?? 0x1_0000_0000);
  const writeEl = (n: WNode) => {
    const attrs = sort ? [...(n.attrs ?? [])].sort(byId) : (n.attrs ?? []);
    nodeHeader(
      body,
      0x0102,
      16 + 20 + attrs.length * 20,
      n.line ?? 1,
      n.comment === undefined ? 0xffffffff : idx(n.comment),
    );
    body.u32(idx(n.ns));
    body.u32(idx(n.name));
    body.u16(20);
    body.u16(20);
    body.u16(attrs.length);
    body.u16(0);
    body.u16(0);
    body.u16(0);
    for (const a of attrs) {
      body.u32(idx(a.ns));
      body.u32(idx(a.name));
      body.u32(idx(a.raw));
      body.u16(8);
      body.u8(0);
      body.u8(a.type);
      body.u32(typeof a.data === 'string' ? idx(a.data) : a.data);
    }
    if (n.text !== undefined) {
      nodeHeader(body, 0x0104, 28, n.line ?? 1);
      body.u32(idx(n.text));
      body.u16(8);
      body.u8(0);
      body.u8(0);
      body.u32(0);
    }
    for (const c of n.children ?? []) writeEl(c);
    nodeHeader(body, 0x0103, 24, n.line ?? 1);
    body.u32(idx(n.ns));
    body.u32(idx(n.name));
  };
  writeEl(root);
  for (const ns of [...namespaces].reverse()) {
    nodeHeader(body, 0x0101, 24, 1);
    body.u32(idx(ns.prefix));
    body.u32(idx(ns.uri));
  }

  const sp = new Out();
  const data = new Out();
  const offsets: number[] = [];
  for (const s of pool.strings) {
    offsets.push(data.length);
    encodeString(data, s, utf8);
  }
  data.pad4();
  const n = pool.strings.length;
  sp.u16(0x0001);
  sp.u16(28);
  sp.u32(28 + n * 4 + data.length);
  sp.u32(n);
  sp.u32(0);
  sp.u32(utf8 ? 0x100 : 0);
  sp.u32(28 + n * 4);
  sp.u32(0);
  for (const o of offsets) sp.u32(o);
  sp.bytes(data.done());

  const out = new Out();
  out.u16(0x0003);
  out.u16(8);
  out.u32(0);
  out.bytes(sp.done());
  if (opts.resourceMap ?? true) {
    out.u16(0x0180);
    out.u16(8);
    out.u32(8 + ids.length * 4);
    for (const id of ids) out.u32(id);
  }
  out.bytes(body.done());
  out.set32(4, out.length);
  return out.done();
}

function nodeHeader(out: Out, type: number, size: number, line: number, comment = 0xffffffff): void {
  out.u16(type);
  out.u16(16);
  out.u32(size);
  out.u32(line);
  out.u32(comment);
}
