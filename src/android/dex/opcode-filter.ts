/**
 * A cheap test run before the costly per-method analyses: does the code item at `codeOff` contain
 * an instruction with one of the given opcodes? One walk over the instruction stream (lengths
 * from the opcode table, payloads skipped as analyzeDex skips them), nothing decoded or
 * allocated. Whenever the walk cannot be sure (a malformed code item, an unused opcode, a payload
 * or instruction running past the end) it answers true, so the caller's own analysis decides.
 */
import { CODE_ITEM } from './constants.js';
import { payloadUnits } from './decode.js';
import { OP_UNITS } from './opcodes.js';
import type { DexFile } from './types.js';

/** A 256-entry lookup table for `mayContainOpcode` (1 = wanted). */
export function opcodeSet(opcodes: readonly number[]): Uint8Array {
  const set = new Uint8Array(256);
  for (const op of opcodes) set[op & 0xff] = 1;
  return set;
}

const NOP = 0;
const FIRST_PAYLOAD_IDENT = 1;
const LAST_PAYLOAD_IDENT = 3;

export function mayContainOpcode(dex: DexFile, codeOff: number, ops: Uint8Array): boolean {
  if (codeOff === 0) return false;
  const b = dex.bytes;
  if (codeOff % 4 !== 0 || codeOff + CODE_ITEM.insns > b.length) return true;
  const p = codeOff + CODE_ITEM.insnsSize;
  const end = (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 0x1000000;
  const base = codeOff + CODE_ITEM.insns;
  if (end > (b.length - base) / 2) return true;
  let pc = 0;
  while (pc < end) {
    const at = base + pc * 2;
    const op = b[at];
    if (ops[op] === 1) return true;
    if (op === NOP) {
      const hi = b[at + 1];
      if (hi >= FIRST_PAYLOAD_IDENT && hi <= LAST_PAYLOAD_IDENT) {
        const n = payloadUnits(b, base, pc, end);
        if (n <= 0 || pc + n > end) return true;
        pc += n;
        continue;
      }
      pc++;
      continue;
    }
    const len = OP_UNITS[op];
    if (len === 0 || pc + len > end) return true;
    pc += len;
  }
  return false;
}
