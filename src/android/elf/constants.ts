/**
 * ELF constants and record offsets (System V gABI, Linux and Android extensions). Offsets are
 * given per class (32-bit / 64-bit) because the record layouts differ.
 */

export const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46] as const; // "\x7fELF"

/** e_ident indexes. */
export const EI_CLASS = 4;
export const EI_DATA = 5;
export const EI_VERSION = 6;
export const EI_OSABI = 7;
export const EI_NIDENT = 16;

export const ELFCLASS32 = 1;
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const ELFDATA2MSB = 2;

/** e_type values. */
export const ET_NONE = 0;
export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const ET_CORE = 4;

/** e_machine values that Android ABIs use (and a few neighbours). */
export const EM_386 = 3;
export const EM_MIPS = 8;
export const EM_ARM = 40;
export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;
export const EM_RISCV = 243;

/** Elf32_Ehdr / Elf64_Ehdr field offsets (after e_ident). */
export const EHDR = {
  32: {
    size: 52,
    type: 16,
    machine: 18,
    version: 20,
    entry: 24,
    phoff: 28,
    shoff: 32,
    flags: 36,
    ehsize: 40,
    phentsize: 42,
    phnum: 44,
    shentsize: 46,
    shnum: 48,
    shstrndx: 50,
  },
  64: {
    size: 64,
    type: 16,
    machine: 18,
    version: 20,
    entry: 24,
    phoff: 32,
    shoff: 40,
    flags: 48,
    ehsize: 52,
    phentsize: 54,
    phnum: 56,
    shentsize: 58,
    shnum: 60,
    shstrndx: 62,
  },
} as const;

/** Elf32_Phdr / Elf64_Phdr field offsets (note p_flags moves in 64-bit). */
export const PHDR = {
  32: { size: 32, type: 0, offset: 4, vaddr: 8, filesz: 16, memsz: 20, flags: 24 },
  64: { size: 56, type: 0, flags: 4, offset: 8, vaddr: 16, filesz: 32, memsz: 40 },
} as const;

/** Elf32_Shdr / Elf64_Shdr field offsets. */
export const SHDR = {
  32: { size: 40, name: 0, type: 4, addr: 12, offset: 16, size_: 20, link: 24, entsize: 36 },
  64: { size: 64, name: 0, type: 4, addr: 16, offset: 24, size_: 32, link: 40, entsize: 56 },
} as const;

/** Elf32_Sym / Elf64_Sym field offsets. */
export const SYM = {
  32: { size: 16, name: 0, value: 4, info: 12, shndx: 14 },
  64: { size: 24, name: 0, info: 4, shndx: 6, value: 8 },
} as const;

/** Elf32_Dyn / Elf64_Dyn sizes (d_tag then d_val, each one word). */
export const DYN_SIZE = { 32: 8, 64: 16 } as const;

/** p_type values. */
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
export const PT_GNU_STACK = 0x6474e551;
export const PT_GNU_RELRO = 0x6474e552;
/** Processor-specific: ARM exception index table. */
export const PT_ARM_EXIDX = 0x70000001;

/** p_flags bits. */
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

/** sh_type values. */
export const SHT_STRTAB = 3;
export const SHT_DYNAMIC = 6;
export const SHT_NOBITS = 8;
export const SHT_DYNSYM = 11;

/** d_tag values. */
export const DT_NULL = 0;
export const DT_NEEDED = 1;
export const DT_HASH = 4;
export const DT_STRTAB = 5;
export const DT_SYMTAB = 6;
export const DT_STRSZ = 10;
export const DT_SYMENT = 11;
export const DT_SONAME = 14;
export const DT_RPATH = 15;
export const DT_TEXTREL = 22;
export const DT_BIND_NOW = 24;
export const DT_RUNPATH = 29;
export const DT_FLAGS = 30;
export const DT_GNU_HASH = 0x6ffffef5;
export const DT_FLAGS_1 = 0x6ffffffb;

/** DT_FLAGS bits. */
export const DF_TEXTREL = 0x4;
export const DF_BIND_NOW = 0x8;
/** DT_FLAGS_1 bits. */
export const DF_1_NOW = 0x1;
export const DF_1_PIE = 0x08000000;

/** Symbol binding (st_info >> 4) and special section index. */
export const STB_LOCAL = 0;
export const SHN_UNDEF = 0;
