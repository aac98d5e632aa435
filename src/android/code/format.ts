/** A one-line smali-like rendering of an instruction with its references resolved (for evidence). */
import type { DexFile, DexInsn } from '../dex/index.js';
import { methodInfo, fieldName, safely } from './refs.js';

const RANGE_FORMATS = new Set(['3rc', '3rms', '3rmi', '4rcc']);
const LIST_FORMATS = new Set(['35c', '35ms', '35mi', '45cc', ...RANGE_FORMATS]);

function reference(dex: DexFile, insn: DexInsn): string | undefined {
  const idx = insn.index;
  if (idx === undefined || !insn.indexKind) return undefined;
  switch (insn.indexKind) {
    case 'string':
      return safely(() => JSON.stringify(dex.string(idx)), `string@${idx}`);
    case 'type':
      return safely(() => dex.type(idx), `type@${idx}`);
    case 'field':
      return safely(() => fieldName(dex, idx), `field@${idx}`);
    case 'method':
      return safely(() => methodInfo(dex, idx).descriptor, `method@${idx}`);
    default:
      return `${insn.indexKind}@${idx}`;
  }
}

function hex(n: number | bigint): string {
  const neg = n < 0;
  const abs = typeof n === 'bigint' ? (neg ? -n : n) : Math.abs(n);
  return `${neg ? '-' : ''}0x${abs.toString(16)}${typeof n === 'bigint' ? 'L' : ''}`;
}

/** E.g. `invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;`. */
export function formatInsn(dex: DexFile, insn: DexInsn): string {
  if (insn.format === 'payload') {
    const p = insn.payload;
    if (!p) return insn.name;
    if (p.kind === 'fill-array-data') return `.array-data ${p.elementWidth} (${p.count} elements)`;
    return `.${p.kind} (${p.targets.length} targets)`;
  }
  const ops: string[] = [];
  const regs = insn.registers;
  if (LIST_FORMATS.has(insn.format)) {
    if (RANGE_FORMATS.has(insn.format) && regs.length > 0)
      ops.push(`{v${regs[0]} .. v${regs[regs.length - 1]}}`);
    else ops.push(`{${regs.map((r) => `v${r}`).join(', ')}}`);
  } else {
    for (const r of regs) ops.push(`v${r}`);
  }
  const ref = reference(dex, insn);
  if (ref !== undefined) ops.push(ref);
  if (insn.literal !== undefined) ops.push(hex(insn.literal));
  if (insn.target !== undefined) ops.push(`:${insn.target.toString(16).padStart(4, '0')}`);
  if (insn.protoIndex !== undefined) ops.push(`proto@${insn.protoIndex}`);
  return ops.length > 0 ? `${insn.name} ${ops.join(', ')}` : insn.name;
}
