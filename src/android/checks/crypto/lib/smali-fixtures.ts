/** Test helpers: small smali sources for the code-check fixtures (see src/android/testing/fixture.ts). */
import assert from 'node:assert/strict';
import type { Finding } from '../../../../core/findings.js';

export type SmaliClassOpts = { super?: string; implements?: string[]; fields?: string[]; flags?: string };

/** One class as a fixture `smali` entry: `Lorg/x/A;` → { 'org/x/A.smali': text }. */
export function smaliClass(
  descriptor: string,
  methods: string[],
  opts: SmaliClassOpts = {},
): Record<string, string> {
  const path = `${descriptor.slice(1, -1)}.smali`;
  const lines = [
    `.class ${opts.flags ?? 'public'} ${descriptor}`,
    `.super ${opts.super ?? 'Ljava/lang/Object;'}`,
    ...(opts.implements ?? []).map((i) => `.implements ${i}`),
    ...(opts.fields ?? []),
    ...methods,
  ];
  return { [path]: lines.join('\n') + '\n' };
}

/** A method: `flags` e.g. 'public static', `sig` e.g. 'enc()V', body lines of smali. */
export function smaliMethod(flags: string, sig: string, registers: number, body: string): string {
  return `.method ${flags} ${sig}\n    .registers ${registers}\n${body.trim().replace(/^\s*/gm, '    ')}\n.end method`;
}

/** A public no-argument constructor calling `super`'s. */
export function smaliInit(superclass = 'Ljava/lang/Object;'): string {
  return smaliMethod(
    'public constructor',
    '<init>()V',
    1,
    `invoke-direct {p0}, ${superclass}-><init>()V\nreturn-void`,
  );
}

/** Asserts a DEX evidence entry points at `cls`/`method` and, when given, that its instruction mentions `insn`. */
export function assertDexEvidence(
  f: Finding | undefined,
  cls: string,
  methodPrefix: string,
  insn?: string,
): void {
  assert.ok(f, 'expected a finding');
  const ev = f.evidence[0];
  assert.equal(ev.kind, 'dex');
  if (ev.kind !== 'dex') return;
  assert.equal(ev.class, cls);
  assert.ok(ev.method.startsWith(methodPrefix), `method ${ev.method} should start with ${methodPrefix}`);
  assert.equal(ev.file, 'classes.dex');
  assert.ok(ev.bytecodeOffset >= 0);
  if (insn) assert.ok(ev.instruction?.includes(insn), `instruction ${ev.instruction} should mention ${insn}`);
}
