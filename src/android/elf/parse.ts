import { AnomalyList } from '../../core/anomaly.js';
import { LimitError } from '../../core/errors.js';
import {
  DF_1_NOW,
  DF_1_PIE,
  DF_BIND_NOW,
  DF_TEXTREL,
  DT_BIND_NOW,
  DT_FLAGS,
  DT_FLAGS_1,
  DT_NEEDED,
  DT_RPATH,
  DT_RUNPATH,
  DT_SONAME,
  DT_STRSZ,
  DT_STRTAB,
  DT_TEXTREL,
  ET_DYN,
  ET_EXEC,
  PF_W,
  PF_X,
  PT_GNU_RELRO,
  PT_GNU_STACK,
  PT_INTERP,
  PT_LOAD,
  SHT_DYNSYM,
  SHT_STRTAB,
} from './constants.js';
import type { DynEntry } from './dynamic.js';
import { readDynamic, readDynamicSymbols, vaddrToOffset } from './dynamic.js';
import type { ElfSection } from './headers.js';
import { elfType, machineInfo, readHeader, readSections, readSegments } from './headers.js';
import type { ElfInfo, ElfLimits, ElfPie, ElfRelro, ElfSegment, ElfStack } from './types.js';
import { DEFAULT_ELF_LIMITS } from './types.js';
import type { ElfView } from './view.js';

/** Imports a reviewer looks at: command execution, dynamic code loading, anti-debugging, process creation. */
const NOTABLE_IMPORTS: ReadonlySet<string> = new Set([
  'system',
  'popen',
  'execve',
  'execv',
  'execvp',
  'execvpe',
  'execl',
  'execlp',
  'execle',
  'fork',
  'vfork',
  'dlopen',
  'android_dlopen_ext',
  'dlsym',
  'ptrace',
  'mprotect',
]);

/** libc functions with no bounds checking. */
const UNSAFE_IMPORTS: ReadonlySet<string> = new Set([
  'strcpy',
  'strcat',
  'sprintf',
  'vsprintf',
  'gets',
  'stpcpy',
  'wcscpy',
  'wcscat',
  'scanf',
  'sscanf',
  'fscanf',
]);

const FORTIFY_RE = /^__\w+_chk$/;

/**
 * Parses an ELF shared object or executable (32/64-bit, either byte order) and returns the facts
 * a hardening review needs. Throws FormatError when the bytes are not ELF or the program headers
 * cannot be read, LimitError when a count exceeds `limits`; everything else is an anomaly.
 */
export function parseElf(bytes: Uint8Array, limits: ElfLimits = DEFAULT_ELF_LIMITS): ElfInfo {
  if (bytes.length > limits.maxSize) throw new LimitError('elf', 'file size', bytes.length, limits.maxSize);
  const anomalies = new AnomalyList();
  const { header: h, v } = readHeader(bytes, anomalies);
  const { name: machineName, abi } = machineInfo(h.machine, h.bits);
  if (abi === 'unknown') {
    anomalies.add({
      format: 'elf',
      code: 'unknown-machine',
      severity: 'warning',
      message: `machine ${machineName} is not an Android ABI`,
    });
  }
  const segments = readSegments(v, h, limits);
  const sections = readSections(v, h, limits, anomalies);
  const dynTable = readDynamic(v, segments, sections, limits, anomalies);
  const dyn = dynTable?.entries ?? [];
  const strtab = dynamicStrtab(v, segments, sections, dyn);
  const strings = (tag: number): string[] => dynStrings(v, dyn, tag, strtab, anomalies);

  const interp = segments.find((s) => s.type === PT_INTERP);
  const interpreter =
    interp && v.has(interp.offset, interp.filesz)
      ? v.cstr(interp.offset, interp.offset + interp.filesz)
      : undefined;

  let flags = 0;
  let flags1 = 0;
  let bindNowTag = false;
  let textrelTag = false;
  for (const e of dyn) {
    if (e.tag === DT_FLAGS) flags |= e.value;
    else if (e.tag === DT_FLAGS_1) flags1 |= e.value;
    else if (e.tag === DT_BIND_NOW) bindNowTag = true;
    else if (e.tag === DT_TEXTREL) textrelTag = true;
  }
  const bindNow = bindNowTag || (flags & DF_BIND_NOW) !== 0 || (flags1 & DF_1_NOW) !== 0;
  const textrel = textrelTag || (flags & DF_TEXTREL) !== 0;

  const gnuStack = segments.find((s) => s.type === PT_GNU_STACK);
  const stack: ElfStack = !gnuStack ? 'missing' : gnuStack.flags & PF_X ? 'executable' : 'nx';
  const hasRelro = segments.some((s) => s.type === PT_GNU_RELRO);
  const relro: ElfRelro = !hasRelro ? 'none' : bindNow ? 'full' : 'partial';
  const pie = pieOf(h.typeCode, interpreter !== undefined || interp !== undefined, (flags1 & DF_1_PIE) !== 0);
  const wx = segments.filter((s) => s.type === PT_LOAD && (s.flags & (PF_W | PF_X)) === (PF_W | PF_X)).length;

  const syms = readDynamicSymbols(v, segments, sections, dyn, limits, anomalies);
  let stackProtector = false;
  const fortified = new Set<string>();
  const notable = new Set<string>();
  const unsafe = new Set<string>();
  for (const name of syms.imports) {
    if (name === '__stack_chk_fail' || name === '__stack_chk_guard') stackProtector = true;
    else if (FORTIFY_RE.test(name)) fortified.add(name);
    const base = stripVersion(name);
    if (NOTABLE_IMPORTS.has(base)) notable.add(base);
    if (UNSAFE_IMPORTS.has(base)) unsafe.add(base);
  }
  // A static libc or a libc itself defines the guard: still a stack protector.
  if (!stackProtector) stackProtector = syms.exports.includes('__stack_chk_guard');
  const jniExports = syms.exports.filter((n) => n.startsWith('Java_'));

  addSegmentAnomalies(segments, stack, textrel, wx, h.shnum, anomalies);
  const soname = strings(DT_SONAME)[0];
  const info: ElfInfo = {
    bits: h.bits,
    endian: h.le ? 'little' : 'big',
    osabi: h.osabi,
    type: elfType(h.typeCode),
    typeCode: h.typeCode,
    machine: h.machine,
    machineName,
    abi,
    entry: h.entry,
    segments,
    sectionCount: sections.length,
    pie,
    stack,
    nxStack: stack === 'nx',
    relro,
    bindNow,
    textrel,
    writableExecutableSegments: wx,
    stackProtector,
    fortifiedFunctions: [...fortified].sort(),
    fortify: fortified.size > 0,
    needed: strings(DT_NEEDED),
    rpath: strings(DT_RPATH).flatMap(splitPath),
    runpath: strings(DT_RUNPATH).flatMap(splitPath),
    symbolSource: syms.source,
    imports: syms.imports,
    exports: syms.exports,
    notableImports: [...notable].sort(),
    unsafeImports: [...unsafe].sort(),
    jniExports,
    jniOnLoad: syms.exports.includes('JNI_OnLoad'),
    anomalies: anomalies.toArray(),
  };
  if (interpreter !== undefined) info.interpreter = interpreter;
  if (soname !== undefined) info.soname = soname;
  return info;
}

function pieOf(typeCode: number, hasInterp: boolean, df1Pie: boolean): ElfPie {
  if (typeCode === ET_EXEC) return 'no-pie';
  if (typeCode !== ET_DYN) return 'not-applicable';
  return hasInterp || df1Pie ? 'pie' : 'shared-object';
}

/** "foo@LIBC" or "foo@@LIBC" (versioned names some tools emit) → "foo". */
function stripVersion(name: string): string {
  const at = name.indexOf('@');
  return at < 0 ? name : name.slice(0, at);
}

function splitPath(p: string): string[] {
  return p.split(':').filter((x) => x.length > 0);
}

type StrTab = { off: number; end: number } | undefined;

/** The dynamic string table: DT_STRTAB mapped through PT_LOAD, else the .dynsym's linked section. */
function dynamicStrtab(v: ElfView, segments: ElfSegment[], sections: ElfSection[], dyn: DynEntry[]): StrTab {
  const addr = dyn.find((e) => e.tag === DT_STRTAB)?.value;
  if (addr !== undefined) {
    const off = vaddrToOffset(segments, addr);
    if (off >= 0) {
      const size = dyn.find((e) => e.tag === DT_STRSZ)?.value ?? v.length - off;
      return { off, end: Math.min(off + size, v.length) };
    }
  }
  const sym = sections.find((s) => s.type === SHT_DYNSYM);
  const str = sym ? sections[sym.link] : undefined;
  if (str && str.type === SHT_STRTAB && v.has(str.offset, str.size))
    return { off: str.offset, end: str.offset + str.size };
  return undefined;
}

function dynStrings(
  v: ElfView,
  dyn: DynEntry[],
  tag: number,
  strtab: StrTab,
  anomalies: AnomalyList,
): string[] {
  const out: string[] = [];
  for (const e of dyn) {
    if (e.tag !== tag) continue;
    const s = strtab ? v.cstr(strtab.off + e.value, strtab.end) : undefined;
    if (s === undefined) {
      anomalies.add({
        format: 'elf',
        code: 'bad-dynamic-string',
        severity: 'warning',
        message: `dynamic tag ${tag} points outside the string table`,
      });
      continue;
    }
    out.push(s);
  }
  return out;
}

function addSegmentAnomalies(
  segments: ElfSegment[],
  stack: ElfStack,
  textrel: boolean,
  wx: number,
  shnum: number,
  anomalies: AnomalyList,
): void {
  if (stack === 'missing') {
    anomalies.add({
      format: 'elf',
      code: 'no-gnu-stack',
      severity: 'warning',
      message: 'no PT_GNU_STACK: older loaders give this object an executable stack',
    });
  }
  if (textrel)
    anomalies.add({
      format: 'elf',
      code: 'text-relocations',
      severity: 'warning',
      message: 'text relocations (DT_TEXTREL): refused by Android 6+ for targetSdk 23+',
    });
  if (wx > 0)
    anomalies.add({
      format: 'elf',
      code: 'writable-executable-segment',
      severity: 'warning',
      message: `${wx} LOAD segment(s) are both writable and executable`,
    });
  if (shnum === 0)
    anomalies.add({
      format: 'elf',
      code: 'no-section-headers',
      severity: 'info',
      message: 'section headers stripped',
    });
  for (const s of segments) {
    if (s.type === PT_LOAD && s.filesz > s.memsz) {
      anomalies.add({
        format: 'elf',
        code: 'segment-filesz-exceeds-memsz',
        severity: 'warning',
        message: `LOAD segment at ${s.offset}: p_filesz ${s.filesz} > p_memsz ${s.memsz}`,
      });
    }
  }
}
