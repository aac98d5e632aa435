import type { Anomaly } from '../../core/anomaly.js';

/** Android ABI directory names (lib/<abi>/), or 'unknown' for a machine Android does not ship. */
export type AndroidAbi =
  'armeabi-v7a' | 'arm64-v8a' | 'x86' | 'x86_64' | 'mips' | 'mips64' | 'riscv64' | 'unknown';

export type ElfType = 'NONE' | 'REL' | 'EXEC' | 'DYN' | 'CORE' | 'OTHER';

/**
 * Position independence: 'pie' (ET_DYN with PT_INTERP or DF_1_PIE), 'shared-object' (any other
 * ET_DYN: a library, always position-independent), 'no-pie' (ET_EXEC), 'not-applicable' (REL, CORE).
 */
export type ElfPie = 'pie' | 'shared-object' | 'no-pie' | 'not-applicable';

/** 'nx': PT_GNU_STACK without PF_X; 'executable': with PF_X; 'missing': no PT_GNU_STACK (old toolchains: executable). */
export type ElfStack = 'nx' | 'executable' | 'missing';

/** 'full': PT_GNU_RELRO and immediate binding; 'partial': PT_GNU_RELRO only; 'none'. */
export type ElfRelro = 'full' | 'partial' | 'none';

export type ElfSegment = {
  type: number;
  /** readelf's name for the type ('LOAD', 'GNU_STACK', …) or hex. */
  typeName: string;
  /** p_flags: PF_R=4, PF_W=2, PF_X=1. */
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
};

export type ElfInfo = {
  bits: 32 | 64;
  endian: 'little' | 'big';
  osabi: number;
  type: ElfType;
  /** The raw e_type. */
  typeCode: number;
  machine: number;
  /** readelf's machine name ('ARM', 'AArch64', 'Intel 80386', 'Advanced Micro Devices X86-64', …). */
  machineName: string;
  abi: AndroidAbi;
  entry: number;
  segments: ElfSegment[];
  /** Number of section headers (0 when stripped of them). */
  sectionCount: number;
  /** PT_INTERP path, when present. */
  interpreter?: string;
  pie: ElfPie;
  stack: ElfStack;
  /** True only when PT_GNU_STACK is present and not executable. */
  nxStack: boolean;
  relro: ElfRelro;
  /** DT_BIND_NOW, DF_BIND_NOW in DT_FLAGS or DF_1_NOW in DT_FLAGS_1. */
  bindNow: boolean;
  /** DT_TEXTREL or DF_TEXTREL: the loader must write to code pages. */
  textrel: boolean;
  /** LOAD segments that are both writable and executable. */
  writableExecutableSegments: number;
  /** __stack_chk_fail or __stack_chk_guard among the dynamic symbols. */
  stackProtector: boolean;
  /** FORTIFY_SOURCE: the __*_chk functions imported (e.g. __memcpy_chk), sorted. */
  fortifiedFunctions: string[];
  fortify: boolean;
  needed: string[];
  soname?: string;
  rpath: string[];
  runpath: string[];
  /** Where the dynamic symbols came from: section headers, the dynamic segment, or nowhere. */
  symbolSource: 'sections' | 'dynamic' | 'none';
  /** Undefined (imported) dynamic symbol names, in table order. */
  imports: string[];
  /** Defined global/weak dynamic symbol names, in table order. */
  exports: string[];
  /** Imports a reviewer looks at: command execution, dynamic loading, anti-debugging, process creation. */
  notableImports: string[];
  /** Imported libc functions with no bounds checking (strcpy, sprintf, gets, …). */
  unsafeImports: string[];
  /** Exported JNI entry points (Java_… functions) and whether JNI_OnLoad is exported. */
  jniExports: string[];
  jniOnLoad: boolean;
  anomalies: Anomaly[];
};

export type ElfLimits = {
  /** Largest ELF accepted, bytes. */
  maxSize: number;
  maxSegments: number;
  maxSections: number;
  maxDynamicEntries: number;
  maxSymbols: number;
};

export const DEFAULT_ELF_LIMITS: ElfLimits = {
  maxSize: 1024 * 1024 * 1024,
  maxSegments: 65_535,
  maxSections: 65_535,
  maxDynamicEntries: 100_000,
  maxSymbols: 2_000_000,
};
