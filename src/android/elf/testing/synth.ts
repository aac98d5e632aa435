/**
 * Builds small synthetic ELF shared objects in any class and byte order, for tests of what gcc on
 * the test machine cannot produce (32-bit, big-endian, MIPS, RISC-V, stripped section headers).
 * Everything sits in one LOAD segment mapped at address 0, so file offset == virtual address.
 */
import {
  DT_FLAGS,
  DT_FLAGS_1,
  DT_GNU_HASH,
  DT_HASH,
  DT_NEEDED,
  DT_RPATH,
  DT_RUNPATH,
  DT_SONAME,
  DT_STRSZ,
  DT_STRTAB,
  DT_SYMENT,
  DT_SYMTAB,
  EHDR,
  ET_DYN,
  PHDR,
  PT_DYNAMIC,
  PT_GNU_RELRO,
  PT_GNU_STACK,
  PT_LOAD,
  SHDR,
  SHT_DYNSYM,
  SHT_STRTAB,
  SYM,
} from '../constants.js';

export type SynthElf = {
  bits: 32 | 64;
  le: boolean;
  machine: number;
  type?: number;
  needed?: string[];
  soname?: string;
  rpath?: string;
  runpath?: string;
  imports?: string[];
  exports?: string[];
  /** PT_GNU_STACK p_flags, or null for no PT_GNU_STACK. Default 6 (RW). */
  gnuStack?: number | null;
  relro?: boolean;
  flags?: number;
  flags1?: number;
  /** Emit .dynsym/.dynstr section headers (default true). */
  sections?: boolean;
  hash?: 'sysv' | 'gnu';
};

export function synthElf(o: SynthElf): Uint8Array {
  const bits = o.bits;
  const W = bits / 8;
  const buf = new Uint8Array(64 * 1024);
  const dv = new DataView(buf.buffer);
  const u16 = (off: number, v: number) => dv.setUint16(off, v, o.le);
  const u32 = (off: number, v: number) => dv.setUint32(off, v, o.le);
  const word = (off: number, v: number) => {
    if (bits === 32) return u32(off, v);
    dv.setUint32(off + (o.le ? 0 : 4), v >>> 0, o.le);
    dv.setUint32(off + (o.le ? 4 : 0), Math.floor(v / 0x1_0000_0000), o.le);
  };
  const align = (n: number) => Math.ceil(n / 8) * 8;

  // String table.
  const strs: number[] = [0];
  const strOff = new Map<string, number>();
  const addStr = (s: string): number => {
    const known = strOff.get(s);
    if (known !== undefined) return known;
    const at = strs.length;
    for (const c of Buffer.from(s, 'utf8')) strs.push(c);
    strs.push(0);
    strOff.set(s, at);
    return at;
  };
  const imports = o.imports ?? [];
  const exports = o.exports ?? [];
  const needed = o.needed ?? [];
  for (const s of [...imports, ...exports, ...needed]) addStr(s);
  if (o.soname) addStr(o.soname);
  if (o.rpath) addStr(o.rpath);
  if (o.runpath) addStr(o.runpath);

  const gnuStack = o.gnuStack === undefined ? 6 : o.gnuStack;
  const phdrs: { type: number; flags: number; off: number; size: number }[] = [];
  const nph = 2 + (gnuStack === null ? 0 : 1) + (o.relro ? 1 : 0);
  const eh = EHDR[bits];
  const ph = PHDR[bits];
  const phoff = eh.size;
  let p = align(phoff + nph * ph.size);

  const strtab = p;
  buf.set(strs, strtab);
  p = align(strtab + strs.length);

  const s = SYM[bits];
  const symtab = p;
  const nsyms = 1 + imports.length + exports.length;
  const names = [...imports, ...exports];
  for (let i = 1; i < nsyms; i++) {
    const e = symtab + i * s.size;
    u32(e + s.name, strOff.get(names[i - 1]) ?? 0);
    buf[e + s.info] = (1 << 4) | 2; // STB_GLOBAL, STT_FUNC
    u16(e + s.shndx, i <= imports.length ? 0 : 5);
    if (i > imports.length) word(e + s.value, 0x100 + i * 16);
  }
  p = align(symtab + nsyms * s.size);

  const hash = p;
  if ((o.hash ?? 'sysv') === 'sysv') {
    u32(hash, 1); // nbucket
    u32(hash + 4, nsyms); // nchain
    u32(hash + 8, nsyms > 1 ? 1 : 0);
    for (let i = 0; i < nsyms; i++) u32(hash + 12 + i * 4, i + 1 < nsyms && i > 0 ? i + 1 : 0);
    p = align(hash + 12 + nsyms * 4);
  } else {
    u32(hash, 1); // nbuckets
    u32(hash + 4, 1); // symoffset
    u32(hash + 8, 1); // bloom size (words)
    u32(hash + 12, 0); // bloom shift
    word(hash + 16, 0xffffffff); // bloom
    const buckets = hash + 16 + W;
    u32(buckets, nsyms > 1 ? 1 : 0);
    for (let i = 1; i < nsyms; i++) u32(buckets + 4 + (i - 1) * 4, i === nsyms - 1 ? 1 : 0);
    p = align(buckets + 4 + nsyms * 4);
  }

  const dyn = p;
  const entries: [number, number][] = [];
  for (const n of needed) entries.push([DT_NEEDED, strOff.get(n) ?? 0]);
  if (o.soname) entries.push([DT_SONAME, strOff.get(o.soname) ?? 0]);
  if (o.rpath) entries.push([DT_RPATH, strOff.get(o.rpath) ?? 0]);
  if (o.runpath) entries.push([DT_RUNPATH, strOff.get(o.runpath) ?? 0]);
  entries.push([(o.hash ?? 'sysv') === 'sysv' ? DT_HASH : DT_GNU_HASH, hash]);
  entries.push([DT_STRTAB, strtab], [DT_SYMTAB, symtab], [DT_STRSZ, strs.length], [DT_SYMENT, s.size]);
  if (o.flags !== undefined) entries.push([DT_FLAGS, o.flags]);
  if (o.flags1 !== undefined) entries.push([DT_FLAGS_1, o.flags1]);
  entries.push([0, 0]);
  entries.forEach(([tag, val], i) => {
    word(dyn + i * 2 * W, tag);
    word(dyn + i * 2 * W + W, val);
  });
  const dynSize = entries.length * 2 * W;
  p = align(dyn + dynSize);

  let shoff = 0;
  let shnum = 0;
  if (o.sections ?? true) {
    const sh = SHDR[bits];
    shoff = p;
    shnum = 3;
    const sec = (i: number, type: number, off: number, size: number, link: number, entsize: number) => {
      const b = shoff + i * sh.size;
      u32(b + sh.type, type);
      word(b + sh.addr, off);
      word(b + sh.offset, off);
      word(b + sh.size_, size);
      u32(b + sh.link, link);
      word(b + sh.entsize, entsize);
    };
    sec(1, SHT_DYNSYM, symtab, nsyms * s.size, 2, s.size);
    sec(2, SHT_STRTAB, strtab, strs.length, 0, 0);
    p = shoff + shnum * sh.size;
  }
  const total = p;

  phdrs.push(
    { type: PT_LOAD, flags: 5, off: 0, size: total },
    { type: PT_DYNAMIC, flags: 6, off: dyn, size: dynSize },
  );
  if (gnuStack !== null) phdrs.push({ type: PT_GNU_STACK, flags: gnuStack, off: 0, size: 0 });
  if (o.relro) phdrs.push({ type: PT_GNU_RELRO, flags: 4, off: dyn, size: dynSize });
  phdrs.forEach((h, i) => {
    const b = phoff + i * ph.size;
    u32(b + ph.type, h.type);
    u32(b + ph.flags, h.flags);
    word(b + ph.offset, h.off);
    word(b + ph.vaddr, h.off);
    word(b + ph.filesz, h.size);
    word(b + ph.memsz, h.size);
  });

  buf.set([0x7f, 0x45, 0x4c, 0x46, bits === 64 ? 2 : 1, o.le ? 1 : 2, 1], 0);
  u16(eh.type, o.type ?? ET_DYN);
  u16(eh.machine, o.machine);
  u32(eh.version, 1);
  word(eh.phoff, phoff);
  word(eh.shoff, shoff);
  u16(eh.ehsize, eh.size);
  u16(eh.phentsize, ph.size);
  u16(eh.phnum, phdrs.length);
  u16(eh.shentsize, SHDR[bits].size);
  u16(eh.shnum, shnum);
  return buf.slice(0, total);
}
