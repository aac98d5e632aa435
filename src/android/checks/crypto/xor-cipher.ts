import { defineAndroidCheck } from '../../audit/context.js';
import { alternatives, constantText, formatInsn, type MethodValues, type Value } from '../../code/index.js';
import { mayContainOpcode, opcodeSet, type DexFile } from '../../dex/index.js';
import { isBundledLibrary, isTestClass } from '../shared/libraries.js';
import { siteClass } from '../storage/lib/app-code.js';
import { methodValues, whereText } from './lib/sites.js';

/** The key is read one character at a time: `key.charAt(i % key.length())`. */
const CHAR_AT = 'Ljava/lang/String;->charAt(I)C';
/** xor-int vA, vB, vC and xor-int/2addr vA, vB. */
const XOR_INT = 0x97;
const XOR_INT_2ADDR = 0xb7;
const XOR_OPS = opcodeSet([XOR_INT, XOR_INT_2ADDR]);
/** A one-character key is a plain substitution, reported the same way; an empty string is no key. */
const MIN_KEY = 1;

/** The constant key when the value is `"constant".charAt(…)`. */
function keyOf(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  for (const alt of alternatives(v)) {
    if (alt.kind !== 'invoke' || alt.method !== CHAR_AT || !alt.args[0]) continue;
    const key = constantText(alt.args[0]);
    if (key !== undefined && key.length >= MIN_KEY) return key;
  }
  return undefined;
}

type XorSite = { offset: number; key: string; insn: string };

/** xor instructions of a method where one operand is a character of a constant string. */
function xorSites(dex: DexFile, mv: MethodValues): XorSite[] {
  const out: XorSite[] = [];
  for (let i = 0; i < mv.insns.length; i++) {
    const insn = mv.insns[i];
    if (insn.opcode !== XOR_INT && insn.opcode !== XOR_INT_2ADDR) continue;
    if (!mv.reachable[i]) continue;
    const regs = insn.opcode === XOR_INT ? insn.registers.slice(1, 3) : insn.registers.slice(0, 2);
    const state = mv.stateBefore(insn.offset);
    if (!state) continue;
    const key = regs.map((r) => keyOf(state[r])).find((k) => k !== undefined);
    if (key === undefined) continue;
    out.push({ offset: insn.offset, key, insn: formatInsn(dex, insn) });
  }
  return out;
}

/**
 * Data "encrypted" by XOR-ing it with the characters of a constant string: no cipher at all. The
 * key is in the APK, the same key serves every user, and XOR with a repeating key is undone by
 * anyone who reads the loop (or from one known plaintext).
 */
export default defineAndroidCheck({
  id: 'AND-CRYPTO-011',
  name: 'xor-cipher',
  title: 'Home-made XOR "encryption" with a hard-coded key',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-CRYPTO-1', 'MASVS-CRYPTO-2'], cwe: [327, 321], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    xor: '{where} XORs data with the characters of the hard-coded key "{key}" ({insn}): a home-made cipher anyone can reverse with the key in the APK.',
  },
  remediation:
    'Do not invent ciphers. Protect requests and responses with TLS (and certificate pinning); if data must also be encrypted on the device, use AES-GCM from javax.crypto with a key generated in the Android Keystore, never a key written in the code.',
  run(ctx, report) {
    const done = new Set<string>();
    for (const call of ctx.calls(CHAR_AT)) {
      const key = `${call.part}:${call.method}`;
      if (done.has(key)) continue;
      done.add(key);
      // Most charAt callers never XOR: a byte scan spares them the value analysis.
      if (!mayContainOpcode(call.dex, call.encoded.codeOff, XOR_OPS)) continue;
      const cls = siteClass(ctx, call);
      if (!cls || isBundledLibrary(cls) || isTestClass(cls)) continue;
      const mv = methodValues(call.dex, call.encoded);
      if (!mv) continue;
      // One finding per method and key: a cipher loop XORs once per character.
      const keys = new Set<string>();
      for (const x of xorSites(call.dex, mv)) {
        if (keys.has(x.key)) continue;
        keys.add(x.key);
        report({
          messageId: 'xor',
          data: { where: whereText(mv.descriptor, x.offset), key: x.key, insn: x.insn },
          evidence: ctx.dexEvidence({ part: call.part, method: call.method, offset: x.offset }, x.insn),
        });
      }
    }
  },
});
