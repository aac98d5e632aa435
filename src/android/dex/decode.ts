import { FormatError } from '../../core/errors.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { readCodeItem } from './classdata.js';
import { DEX, FILL_ARRAY_DATA_PAYLOAD, PACKED_SWITCH_PAYLOAD, SPARSE_SWITCH_PAYLOAD } from './constants.js';
import { FORMAT_UNITS, OPCODES, type DexFormat, type IndexKind } from './opcodes.js';
import type { DexFile } from './types.js';

export type DexPayload =
  | { kind: 'packed-switch'; firstKey: number; targets: number[] }
  | { kind: 'sparse-switch'; keys: number[]; targets: number[] }
  | { kind: 'fill-array-data'; elementWidth: number; count: number; dataOff: number };

/** One decoded instruction. Offsets and branch targets are in code units from the start of insns. */
export type DexInsn = {
  offset: number;
  opcode: number;
  name: string;
  format: DexFormat | 'payload';
  /** Length in code units. */
  size: number;
  registers: number[];
  /** const-wide* literals are bigint; other literals are numbers. */
  literal?: number | bigint;
  index?: number;
  indexKind?: IndexKind;
  /** invoke-polymorphic: the proto index. */
  protoIndex?: number;
  /** Branch or payload target (absolute, code units). */
  target?: number;
  payload?: DexPayload;
};

/**
 * Payload length in code units when `unit` starts a payload at `pc`, else 0. Switch targets are
 * relative to the switch instruction, not the payload, so they are not resolved here.
 */
export function payloadUnits(bytes: Uint8Array, base: number, pc: number, end: number): number {
  const at = base + pc * 2;
  const unit = bytes[at] | (bytes[at + 1] << 8);
  if (unit === PACKED_SWITCH_PAYLOAD || unit === SPARSE_SWITCH_PAYLOAD) {
    if (pc + 2 > end) return -1;
    const size = bytes[at + 2] | (bytes[at + 3] << 8);
    return unit === PACKED_SWITCH_PAYLOAD ? size * 2 + 4 : size * 4 + 2;
  }
  if (unit === FILL_ARRAY_DATA_PAYLOAD) {
    if (pc + 4 > end) return -1;
    const width = bytes[at + 2] | (bytes[at + 3] << 8);
    const count = (bytes[at + 4] | (bytes[at + 5] << 8) | (bytes[at + 6] << 16)) + bytes[at + 7] * 0x1000000;
    return Math.floor((width * count + 1) / 2) + 4;
  }
  return 0;
}

/** const-wide/16, const-wide/32, const-wide, const-wide/high16: their literals are bigint. */
const OP_CONST_WIDE_16 = 0x16;
const OP_CONST_WIDE_HIGH16 = 0x19;

const s8 = (v: number): number => (v << 24) >> 24;
const s16 = (v: number): number => (v << 16) >> 16;

/** Decodes every instruction (including payloads) of the code_item at `codeOff`. */
export function decodeMethod(
  dex: DexFile,
  codeOff: number,
  maxInsns = DEFAULT_LIMITS.dex.maxInsnsPerMethod,
): DexInsn[] {
  const d = methodDecoder(dex, codeOff, maxInsns);
  const out: DexInsn[] = [];
  for (let pc = 0; pc < d.end;) {
    const insn = d.at(pc);
    out.push(insn);
    pc += insn.size;
  }
  return out;
}

/** Lazily decodes the instructions of a code_item; throws FormatError at the first bad one. */
export function* iterateInstructions(
  dex: DexFile,
  codeOff: number,
  maxInsns = DEFAULT_LIMITS.dex.maxInsnsPerMethod,
): Generator<DexInsn> {
  const d = methodDecoder(dex, codeOff, maxInsns);
  for (let pc = 0; pc < d.end;) {
    const insn = d.at(pc);
    yield insn;
    pc += insn.size;
  }
}

function methodDecoder(dex: DexFile, codeOff: number, maxInsns: number): Decoder {
  const code = readCodeItem(dex, codeOff, maxInsns);
  return decoder(dex.bytes, code.insnsOff, code.insnsSize);
}

/** `at(pc)` decodes the instruction starting at code unit `pc`; `end` is the insns size in code units. */
type Decoder = { end: number; at: (pc: number) => DexInsn };

/** Decodes the instruction (or payload) at `pc` of the insns array at `base` (`end` code units long). */
function decoder(b: Uint8Array, base: number, end: number): Decoder {
  const u = (pc: number): number => b[base + pc * 2] | (b[base + pc * 2 + 1] << 8);
  const u32 = (pc: number): number => (u(pc) | (u(pc + 1) << 16)) >>> 0;
  const at = (pc: number): DexInsn => {
    const first = u(pc);
    const op = first & 0xff;
    if (op === 0 && first !== 0) {
      const n = payloadUnits(b, base, pc, end);
      if (n > 0) {
        if (pc + n > end)
          throw new FormatError(DEX, base + pc * 2, `payload of ${n} units runs past the end of the method`);
        return decodePayload(first, pc, n, u, u32, base);
      }
      if (n < 0) throw new FormatError(DEX, base + pc * 2, 'truncated payload header');
    }
    const info = OPCODES[op];
    const insn: DexInsn = {
      offset: pc,
      opcode: op,
      name: info.name,
      format: info.format,
      size: 0,
      registers: NO_REGISTERS,
    };
    const size = decodeOperands(insn, first, pc, end, u, u32, base);
    insn.size = size;
    if (insn.registers === NO_REGISTERS) insn.registers = [];
    if (info.indexKind) insn.indexKind = info.indexKind;
    return insn;
  };
  return { end, at };
}

/** Placeholder until the operands are decoded (replaced by a fresh array before the insn is returned). */
const NO_REGISTERS: number[] = [];

function decodePayload(
  first: number,
  pc: number,
  n: number,
  u: (pc: number) => number,
  u32: (pc: number) => number,
  base: number,
): DexInsn {
  const sized = (name: string, payload: DexPayload): DexInsn => ({
    offset: pc,
    opcode: 0,
    name,
    format: 'payload',
    size: n,
    registers: [],
    payload,
  });
  if (first === PACKED_SWITCH_PAYLOAD) {
    const size = u(pc + 1);
    const targets: number[] = [];
    for (let i = 0; i < size; i++) targets.push(u32(pc + 4 + i * 2) | 0);
    return sized('packed-switch-payload', { kind: 'packed-switch', firstKey: u32(pc + 2) | 0, targets });
  }
  if (first === SPARSE_SWITCH_PAYLOAD) {
    const size = u(pc + 1);
    const keys: number[] = [];
    const targets: number[] = [];
    for (let i = 0; i < size; i++) keys.push(u32(pc + 2 + i * 2) | 0);
    for (let i = 0; i < size; i++) targets.push(u32(pc + 2 + size * 2 + i * 2) | 0);
    return sized('sparse-switch-payload', { kind: 'sparse-switch', keys, targets });
  }
  return sized('fill-array-data-payload', {
    kind: 'fill-array-data',
    elementWidth: u(pc + 1),
    count: u32(pc + 2),
    dataOff: base + (pc + 4) * 2,
  });
}

/** Fills registers/literal/index/target; returns the size in code units. */
function decodeOperands(
  insn: DexInsn,
  first: number,
  pc: number,
  end: number,
  u: (pc: number) => number,
  u32: (pc: number) => number,
  base: number,
): number {
  const fmt = insn.format as DexFormat;
  const size = FORMAT_UNITS[fmt];
  if (pc + size > end)
    throw new FormatError(DEX, base + pc * 2, `${insn.name} (${size} units) runs past the end of the method`);
  const aa = first >>> 8;
  const a = (first >>> 8) & 0xf;
  const bN = first >>> 12;
  const wide = insn.opcode >= OP_CONST_WIDE_16 && insn.opcode <= OP_CONST_WIDE_HIGH16;
  switch (fmt) {
    case '10x':
      break;
    case '12x':
      insn.registers = [a, bN];
      break;
    case '11n':
      insn.registers = [a];
      insn.literal = (bN << 28) >> 28;
      break;
    case '11x':
      insn.registers = [aa];
      break;
    case '10t':
      insn.target = pc + s8(aa);
      break;
    case '20t':
      insn.target = pc + s16(u(pc + 1));
      break;
    case '20bc':
    case '21c':
      insn.registers = [aa];
      insn.index = u(pc + 1);
      break;
    case '22x':
      insn.registers = [aa, u(pc + 1)];
      break;
    case '21t':
      insn.registers = [aa];
      insn.target = pc + s16(u(pc + 1));
      break;
    case '21s':
      insn.registers = [aa];
      insn.literal = wide ? BigInt(s16(u(pc + 1))) : s16(u(pc + 1));
      break;
    case '21h':
      insn.registers = [aa];
      insn.literal = wide ? BigInt.asIntN(64, BigInt(u(pc + 1)) << 48n) : u(pc + 1) << 16;
      break;
    case '23x':
      insn.registers = [aa, u(pc + 1) & 0xff, u(pc + 1) >>> 8];
      break;
    case '22b':
      insn.registers = [aa, u(pc + 1) & 0xff];
      insn.literal = s8(u(pc + 1) >>> 8);
      break;
    case '22t':
      insn.registers = [a, bN];
      insn.target = pc + s16(u(pc + 1));
      break;
    case '22s':
      insn.registers = [a, bN];
      insn.literal = s16(u(pc + 1));
      break;
    case '22c':
    case '22cs':
      insn.registers = [a, bN];
      insn.index = u(pc + 1);
      break;
    case '30t':
      insn.target = pc + (u32(pc + 1) | 0);
      break;
    case '32x':
      insn.registers = [u(pc + 1), u(pc + 2)];
      break;
    case '31i':
      insn.registers = [aa];
      insn.literal = wide ? BigInt(u32(pc + 1) | 0) : u32(pc + 1) | 0;
      break;
    case '31t':
      insn.registers = [aa];
      insn.target = pc + (u32(pc + 1) | 0);
      break;
    case '31c':
      insn.registers = [aa];
      insn.index = u32(pc + 1);
      break;
    case '35c':
    case '35ms':
    case '35mi':
    case '45cc': {
      const count = bN;
      if (count > 5)
        throw new FormatError(DEX, base + pc * 2, `${insn.name} with ${count} argument registers`);
      const fedc = u(pc + 2);
      const regs = [fedc & 0xf, (fedc >>> 4) & 0xf, (fedc >>> 8) & 0xf, fedc >>> 12, a];
      insn.registers = regs.slice(0, count);
      insn.index = u(pc + 1);
      if (fmt === '45cc') insn.protoIndex = u(pc + 3);
      break;
    }
    case '3rc':
    case '3rms':
    case '3rmi':
    case '4rcc': {
      const first = u(pc + 2);
      insn.registers = Array.from({ length: aa }, (_, i) => first + i);
      insn.index = u(pc + 1);
      if (fmt === '4rcc') insn.protoIndex = u(pc + 3);
      break;
    }
    case '51l': {
      insn.registers = [aa];
      const lo = BigInt(u32(pc + 1));
      const hi = BigInt(u32(pc + 3));
      insn.literal = BigInt.asIntN(64, (hi << 32n) | lo);
      break;
    }
  }
  return size;
}
