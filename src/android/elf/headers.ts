import { FormatError, LimitError } from '../../core/errors.js';
import type { AnomalyList } from '../../core/anomaly.js';
import {
  EHDR,
  EI_CLASS,
  EI_DATA,
  EI_NIDENT,
  EI_OSABI,
  EI_VERSION,
  ELF_MAGIC,
  ELFCLASS32,
  ELFCLASS64,
  ELFDATA2LSB,
  ELFDATA2MSB,
  EM_386,
  EM_AARCH64,
  EM_ARM,
  EM_MIPS,
  EM_RISCV,
  EM_X86_64,
  ET_CORE,
  ET_DYN,
  ET_EXEC,
  ET_NONE,
  ET_REL,
  PHDR,
  PT_DYNAMIC,
  PT_GNU_RELRO,
  PT_GNU_STACK,
  PT_ARM_EXIDX,
  PT_INTERP,
  PT_LOAD,
  SHDR,
} from './constants.js';
import type { AndroidAbi, ElfLimits, ElfSegment, ElfType } from './types.js';
import { ElfView } from './view.js';

export type ElfHeader = {
  bits: 32 | 64;
  le: boolean;
  osabi: number;
  typeCode: number;
  machine: number;
  entry: number;
  phoff: number;
  phentsize: number;
  phnum: number;
  shoff: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
};

export type ElfSection = {
  type: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  entsize: number;
};

/** Reads e_ident and the ELF header; throws FormatError when the bytes are not ELF. */
export function readHeader(bytes: Uint8Array, anomalies: AnomalyList): { header: ElfHeader; v: ElfView } {
  if (bytes.length < EI_NIDENT)
    throw new FormatError('elf', 0, `too short for an ELF header (${bytes.length} bytes)`);
  for (let i = 0; i < ELF_MAGIC.length; i++) {
    if (bytes[i] !== ELF_MAGIC[i]) throw new FormatError('elf', 0, 'bad magic: not an ELF file');
  }
  const cls = bytes[EI_CLASS];
  if (cls !== ELFCLASS32 && cls !== ELFCLASS64)
    throw new FormatError('elf', EI_CLASS, `invalid class ${cls}`);
  const data = bytes[EI_DATA];
  if (data !== ELFDATA2LSB && data !== ELFDATA2MSB)
    throw new FormatError('elf', EI_DATA, `invalid data encoding ${data}`);
  const bits = cls === ELFCLASS64 ? 64 : 32;
  const v = new ElfView(bytes, data === ELFDATA2LSB, bits);
  const h = EHDR[bits];
  v.need(0, h.size, 'ELF header');
  if (bytes[EI_VERSION] !== 1) {
    anomalies.add({
      format: 'elf',
      code: 'bad-ident-version',
      severity: 'warning',
      message: `e_ident version is ${bytes[EI_VERSION]}, expected 1`,
      offset: EI_VERSION,
    });
  }
  const header: ElfHeader = {
    bits,
    le: v.le,
    osabi: bytes[EI_OSABI],
    typeCode: v.u16(h.type),
    machine: v.u16(h.machine),
    entry: v.word(h.entry),
    phoff: v.word(h.phoff),
    phentsize: v.u16(h.phentsize),
    phnum: v.u16(h.phnum),
    shoff: v.word(h.shoff),
    shentsize: v.u16(h.shentsize),
    shnum: v.u16(h.shnum),
    shstrndx: v.u16(h.shstrndx),
  };
  const ehsize = v.u16(h.ehsize);
  if (ehsize !== h.size) {
    anomalies.add({
      format: 'elf',
      code: 'bad-ehsize',
      severity: 'info',
      message: `e_ehsize is ${ehsize}, expected ${h.size}`,
      offset: h.ehsize,
    });
  }
  return { header, v };
}

/** Reads the program headers. Missing or out-of-bounds headers throw: a loader could not map the file. */
export function readSegments(v: ElfView, h: ElfHeader, limits: ElfLimits): ElfSegment[] {
  if (h.phnum === 0) return [];
  const p = PHDR[h.bits];
  if (h.phnum > limits.maxSegments)
    throw new LimitError('elf', 'program header count', h.phnum, limits.maxSegments);
  if (h.phentsize < p.size)
    throw new FormatError(
      'elf',
      EHDR[h.bits].phentsize,
      `e_phentsize ${h.phentsize} is smaller than ${p.size}`,
    );
  v.need(h.phoff, h.phnum * h.phentsize, 'program header table');
  const out: ElfSegment[] = new Array(h.phnum);
  for (let i = 0; i < h.phnum; i++) {
    const o = h.phoff + i * h.phentsize;
    const type = v.u32(o + p.type);
    out[i] = {
      type,
      typeName: segmentTypeName(type, h.machine),
      flags: v.u32(o + p.flags),
      offset: v.word(o + p.offset),
      vaddr: v.word(o + p.vaddr),
      filesz: v.word(o + p.filesz),
      memsz: v.word(o + p.memsz),
    };
  }
  return out;
}

/**
 * Reads the section headers. Sections are optional at run time, so a table that does not fit is an
 * anomaly (and an empty list), not an error.
 */
export function readSections(
  v: ElfView,
  h: ElfHeader,
  limits: ElfLimits,
  anomalies: AnomalyList,
): ElfSection[] {
  if (h.shnum === 0 || h.shoff === 0) return [];
  const s = SHDR[h.bits];
  if (h.shnum > limits.maxSections)
    throw new LimitError('elf', 'section header count', h.shnum, limits.maxSections);
  if (h.shentsize < s.size || !v.has(h.shoff, h.shnum * h.shentsize)) {
    anomalies.add({
      format: 'elf',
      code: 'bad-section-headers',
      severity: 'warning',
      message: `section header table (${h.shnum} x ${h.shentsize} at ${h.shoff}) is out of bounds or malformed; ignored`,
      offset: h.shoff,
    });
    return [];
  }
  const out: ElfSection[] = new Array(h.shnum);
  for (let i = 0; i < h.shnum; i++) {
    const o = h.shoff + i * h.shentsize;
    out[i] = {
      type: v.u32(o + s.type),
      addr: v.word(o + s.addr),
      offset: v.word(o + s.offset),
      size: v.word(o + s.size_),
      link: v.u32(o + s.link),
      entsize: v.word(o + s.entsize),
    };
  }
  return out;
}

export function elfType(code: number): ElfType {
  switch (code) {
    case ET_NONE:
      return 'NONE';
    case ET_REL:
      return 'REL';
    case ET_EXEC:
      return 'EXEC';
    case ET_DYN:
      return 'DYN';
    case ET_CORE:
      return 'CORE';
    default:
      return 'OTHER';
  }
}

/** readelf's machine name and the Android ABI the machine implies (bits decides MIPS/MIPS64). */
export function machineInfo(machine: number, bits: 32 | 64): { name: string; abi: AndroidAbi } {
  switch (machine) {
    case EM_ARM:
      return { name: 'ARM', abi: 'armeabi-v7a' };
    case EM_AARCH64:
      return { name: 'AArch64', abi: 'arm64-v8a' };
    case EM_386:
      return { name: 'Intel 80386', abi: 'x86' };
    case EM_X86_64:
      return { name: 'Advanced Micro Devices X86-64', abi: 'x86_64' };
    case EM_MIPS:
      return { name: 'MIPS R3000', abi: bits === 64 ? 'mips64' : 'mips' };
    case EM_RISCV:
      return { name: 'RISC-V', abi: bits === 64 ? 'riscv64' : 'unknown' };
    default:
      return { name: `<unknown>: 0x${machine.toString(16)}`, abi: 'unknown' };
  }
}

const SEGMENT_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'NULL'],
  [PT_LOAD, 'LOAD'],
  [PT_DYNAMIC, 'DYNAMIC'],
  [PT_INTERP, 'INTERP'],
  [4, 'NOTE'],
  [5, 'SHLIB'],
  [6, 'PHDR'],
  [7, 'TLS'],
  [0x6474e550, 'GNU_EH_FRAME'],
  [PT_GNU_STACK, 'GNU_STACK'],
  [PT_GNU_RELRO, 'GNU_RELRO'],
  [0x6474e553, 'GNU_PROPERTY'],
]);

/** readelf's segment type name; 0x70000001 is EXIDX on ARM only (processor-specific range). */
export function segmentTypeName(type: number, machine: number): string {
  if (type === PT_ARM_EXIDX && machine === EM_ARM) return 'EXIDX';
  return SEGMENT_NAMES.get(type) ?? `0x${type.toString(16)}`;
}
