/**
 * A cheap superset test run before the costly per-method analyses: could the code item at
 * `codeOff` contain an instruction with one of the given opcodes? Every instruction starts a code
 * unit whose low byte is its opcode, so a method where no code unit has such a low byte has no
 * such instruction. Operands and payloads may give false positives (then the caller analyses the
 * method as before), never false negatives. A malformed code item answers true: the caller's own
 * analysis decides what to do with it.
 */
import { CODE_ITEM } from './constants.js';
import type { DexFile } from './types.js';

/** A 256-entry lookup table for `mayContainOpcode` (1 = wanted). */
export function opcodeSet(opcodes: readonly number[]): Uint8Array {
  const set = new Uint8Array(256);
  for (const op of opcodes) set[op & 0xff] = 1;
  return set;
}

export function mayContainOpcode(dex: DexFile, codeOff: number, ops: Uint8Array): boolean {
  if (codeOff === 0) return false;
  const b = dex.bytes;
  if (codeOff % 4 !== 0 || codeOff + CODE_ITEM.insns > b.length) return true;
  const p = codeOff + CODE_ITEM.insnsSize;
  const units = (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 0x1000000;
  const start = codeOff + CODE_ITEM.insns;
  if (units > (b.length - start) / 2) return true;
  const end = start + units * 2;
  for (let i = start; i < end; i += 2) if (ops[b[i]] === 1) return true;
  return false;
}
