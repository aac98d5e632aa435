import type { AnomalyList } from '../../core/anomaly.js';
import { LimitError } from '../../core/errors.js';
import {
  DT_GNU_HASH,
  DT_HASH,
  DT_NULL,
  DT_STRSZ,
  DT_STRTAB,
  DT_SYMENT,
  DT_SYMTAB,
  DYN_SIZE,
  PT_DYNAMIC,
  PT_LOAD,
  SHN_UNDEF,
  SHT_DYNAMIC,
  SHT_DYNSYM,
  SHT_NOBITS,
  SHT_STRTAB,
  STB_LOCAL,
  SYM,
} from './constants.js';
import type { ElfSection } from './headers.js';
import type { ElfLimits, ElfSegment } from './types.js';
import type { ElfView } from './view.js';

/** One dynamic entry: tag and value (both as numbers; 64-bit tags above 2^53 are not meaningful). */
export type DynEntry = { tag: number; value: number };

export type DynamicTable = { entries: DynEntry[]; offset: number };

/** Translates a virtual address to a file offset through the PT_LOAD segments, or -1. */
export function vaddrToOffset(segments: ElfSegment[], addr: number): number {
  for (const s of segments) {
    if (s.type !== PT_LOAD) continue;
    if (addr >= s.vaddr && addr < s.vaddr + s.filesz) return s.offset + (addr - s.vaddr);
  }
  return -1;
}

/** Reads the dynamic table from PT_DYNAMIC, or from the SHT_DYNAMIC section when there is no segment. */
export function readDynamic(
  v: ElfView,
  segments: ElfSegment[],
  sections: ElfSection[],
  limits: ElfLimits,
  anomalies: AnomalyList,
): DynamicTable | undefined {
  const dynSegs = segments.filter((s) => s.type === PT_DYNAMIC);
  if (dynSegs.length > 1) {
    anomalies.add({
      format: 'elf',
      code: 'multiple-dynamic-segments',
      severity: 'warning',
      message: `${dynSegs.length} PT_DYNAMIC segments; the first is used`,
    });
  }
  let offset = -1;
  let size = 0;
  if (dynSegs.length > 0) {
    offset = dynSegs[0].offset;
    size = dynSegs[0].filesz;
  } else {
    const sec = sections.find((s) => s.type === SHT_DYNAMIC);
    if (sec) {
      offset = sec.offset;
      size = sec.size;
    }
  }
  if (offset < 0) return undefined;
  const entSize = DYN_SIZE[v.bits];
  const half = entSize / 2;
  if (!v.has(offset, 0) || offset >= v.length) {
    anomalies.add({
      format: 'elf',
      code: 'dynamic-out-of-bounds',
      severity: 'error',
      message: `dynamic table at ${offset} lies outside the file`,
      offset: 0,
    });
    return { entries: [], offset };
  }
  const avail = Math.min(size, v.length - offset);
  if (avail < size) {
    anomalies.add({
      format: 'elf',
      code: 'dynamic-truncated',
      severity: 'warning',
      message: `dynamic table claims ${size} bytes but only ${avail} are in the file`,
      offset,
    });
  }
  const max = Math.floor(avail / entSize);
  if (max > limits.maxDynamicEntries)
    throw new LimitError('elf', 'dynamic entries', max, limits.maxDynamicEntries);
  const entries: DynEntry[] = [];
  let terminated = false;
  for (let i = 0; i < max; i++) {
    const o = offset + i * entSize;
    const tag = v.word(o);
    if (tag === DT_NULL) {
      terminated = true;
      break;
    }
    entries.push({ tag, value: v.word(o + half) });
  }
  if (!terminated) {
    anomalies.add({
      format: 'elf',
      code: 'dynamic-unterminated',
      severity: 'warning',
      message: 'dynamic table has no DT_NULL terminator',
      offset,
    });
  }
  return { entries, offset };
}

export type SymbolTables = { source: 'sections' | 'dynamic' | 'none'; imports: string[]; exports: string[] };

type Table = { symOff: number; count: number; entSize: number; strOff: number; strEnd: number };

/**
 * Dynamic symbol names split into imports (undefined) and exports (defined, non-local). Uses the
 * .dynsym section when present, otherwise DT_SYMTAB/DT_STRTAB with the count from DT_HASH or DT_GNU_HASH.
 */
export function readDynamicSymbols(
  v: ElfView,
  segments: ElfSegment[],
  sections: ElfSection[],
  dyn: DynEntry[],
  limits: ElfLimits,
  anomalies: AnomalyList,
): SymbolTables {
  const fromSections = tableFromSections(v, sections);
  const table = fromSections ?? tableFromDynamic(v, segments, dyn, anomalies);
  if (!table) return { source: 'none', imports: [], exports: [] };
  if (table.count > limits.maxSymbols)
    throw new LimitError('elf', 'dynamic symbols', table.count, limits.maxSymbols);
  const s = SYM[v.bits];
  const imports: string[] = [];
  const exports: string[] = [];
  let badNames = 0;
  // The whole table lies in the buffer (both table sources guarantee it), so the loop reads the
  // DataView directly. Entry 0 is always the null symbol.
  v.need(table.symOff, table.count * table.entSize, 'dynamic symbol table');
  const dv = v.view;
  const le = v.le;
  const end = table.symOff + table.count * table.entSize;
  for (let o = table.symOff + table.entSize; o < end; o += table.entSize) {
    const shndx = dv.getUint16(o + s.shndx, le);
    const local = v.bytes[o + s.info] >> 4 === STB_LOCAL;
    if (shndx !== SHN_UNDEF && local) continue;
    const nameOff = dv.getUint32(o + s.name, le);
    if (nameOff === 0) continue;
    const name = v.cstr(table.strOff + nameOff, table.strEnd);
    if (name === undefined) {
      badNames++;
      continue;
    }
    if (shndx === SHN_UNDEF) imports.push(name);
    else exports.push(name);
  }
  if (badNames > 0) {
    anomalies.add({
      format: 'elf',
      code: 'bad-symbol-name',
      severity: 'warning',
      message: `${badNames} dynamic symbol names point outside the string table`,
    });
  }
  return { source: fromSections ? 'sections' : 'dynamic', imports, exports };
}

function tableFromSections(v: ElfView, sections: ElfSection[]): Table | undefined {
  const sym = sections.find((s) => s.type === SHT_DYNSYM);
  if (!sym || sym.type === SHT_NOBITS) return undefined;
  const str = sections[sym.link];
  if (!str || str.type !== SHT_STRTAB) return undefined;
  const entSize = sym.entsize >= SYM[v.bits].size ? sym.entsize : SYM[v.bits].size;
  if (!v.has(sym.offset, sym.size) || !v.has(str.offset, str.size)) return undefined;
  return {
    symOff: sym.offset,
    count: Math.floor(sym.size / entSize),
    entSize,
    strOff: str.offset,
    strEnd: str.offset + str.size,
  };
}

function dynValue(dyn: DynEntry[], tag: number): number | undefined {
  for (const e of dyn) if (e.tag === tag) return e.value;
  return undefined;
}

function tableFromDynamic(
  v: ElfView,
  segments: ElfSegment[],
  dyn: DynEntry[],
  anomalies: AnomalyList,
): Table | undefined {
  const symAddr = dynValue(dyn, DT_SYMTAB);
  const strAddr = dynValue(dyn, DT_STRTAB);
  if (symAddr === undefined || strAddr === undefined) return undefined;
  const symOff = vaddrToOffset(segments, symAddr);
  const strOff = vaddrToOffset(segments, strAddr);
  if (symOff < 0 || strOff < 0) {
    anomalies.add({
      format: 'elf',
      code: 'dynamic-address-unmapped',
      severity: 'warning',
      message: 'DT_SYMTAB or DT_STRTAB is not inside a PT_LOAD segment',
    });
    return undefined;
  }
  const strSize = dynValue(dyn, DT_STRSZ) ?? v.length - strOff;
  const entSize = Math.max(dynValue(dyn, DT_SYMENT) ?? 0, SYM[v.bits].size);
  const count = symbolCount(v, segments, dyn, anomalies);
  if (count === undefined) return undefined;
  // Never trust the count further than the file reaches.
  const fit = Math.floor((v.length - symOff) / entSize);
  return {
    symOff,
    count: Math.min(count, fit),
    entSize,
    strOff,
    strEnd: Math.min(strOff + strSize, v.length),
  };
}

/** The number of dynamic symbols from DT_HASH (nchain) or DT_GNU_HASH (highest chain end + 1). */
function symbolCount(
  v: ElfView,
  segments: ElfSegment[],
  dyn: DynEntry[],
  anomalies: AnomalyList,
): number | undefined {
  const hash = dynValue(dyn, DT_HASH);
  if (hash !== undefined) {
    const o = vaddrToOffset(segments, hash);
    if (o >= 0 && v.has(o, 8)) return v.u32(o + 4);
  }
  const gnu = dynValue(dyn, DT_GNU_HASH);
  if (gnu !== undefined) {
    const o = vaddrToOffset(segments, gnu);
    if (o >= 0 && v.has(o, 16)) return gnuHashCount(v, o);
  }
  anomalies.add({
    format: 'elf',
    code: 'no-symbol-count',
    severity: 'warning',
    message: 'no usable DT_HASH or DT_GNU_HASH: dynamic symbols not read',
  });
  return undefined;
}

function gnuHashCount(v: ElfView, o: number): number | undefined {
  const nbuckets = v.u32(o);
  const symoffset = v.u32(o + 4);
  const bloomSize = v.u32(o + 8);
  const bucketsOff = o + 16 + bloomSize * (v.bits / 8);
  if (!v.has(bucketsOff, nbuckets * 4)) return undefined;
  let max = 0;
  for (let i = 0; i < nbuckets; i++) max = Math.max(max, v.u32(bucketsOff + i * 4));
  if (max < symoffset) return symoffset;
  const chainsOff = bucketsOff + nbuckets * 4;
  // Walk the chain of the highest bucket until the entry with the low bit set (end of chain).
  for (let i = max; ; i++) {
    const c = chainsOff + (i - symoffset) * 4;
    if (!v.has(c, 4)) return undefined;
    if (v.u32(c) & 1) return i + 1;
  }
}
