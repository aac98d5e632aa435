/**
 * Oracle and scale tests for src/android/code on real apps (ostorlab, InsecureBankv2):
 * - `formatInsn` against `dexdump -d` on every instruction that carries a string, type, field or
 *   method reference (dexdump's `Lcls;.name:(…)` spelling normalised to smali's `Lcls;->name(…)`);
 * - every call the value analysis records is an invoke the DEX index (analyzeDex) found at the
 *   same offset with the same descriptor, and almost all invokes are reached;
 * - the analysis of every method finishes, converges and throws only typed errors.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isDfslabError } from '../../src/core/errors.js';
import { analyzeMethodValues, formatInsn, readTries } from '../../src/android/code/index.js';
import {
  analyzeDex,
  invokesOf,
  methodDescriptor,
  parseDex,
  readCodeItem,
  type DexFile,
} from '../../src/android/dex/index.js';
import { requireShared, requireTool, SHARED_APKS } from '../helpers.js';

const APPS = ['ostorlab/Ostorlab_insecure_app.apk', 'insecurebankv2/InsecureBankv2-release.apk'];
/** Generous bound per app on a loaded 2-core CI machine (measured: a few seconds). */
const MAX_ANALYSIS_MS = 60_000;

function classesDex(apk: string): Uint8Array {
  return new Uint8Array(
    execFileSync('unzip', ['-p', join(SHARED_APKS, apk), 'classes.dex'], { maxBuffer: 1 << 30 }),
  );
}

/** dexdump's reference spelling → smali's; strips the trailing `// method@…` comment. */
function normalizeDexdump(text: string): string {
  return text
    .replace(/ \/\/ [^"]*$/, '')
    .replace(
      /(\[*L[^;\s{},"]*;|\[+[ZBSCIJFD])\.([^:\s]+):(\()?/g,
      (_m, cls: string, name: string, paren?: string) => (paren ? `${cls}->${name}(` : `${cls}->${name}:`),
    );
}

/** Ours, with register ranges spelt out as dexdump does (`{v1 .. v3}` → `{v1, v2, v3}`). */
function expandRange(text: string): string {
  return text.replace(
    /\{v(\d+) \.\. v(\d+)\}/,
    (_m, a: string, b: string) =>
      `{${Array.from({ length: Number(b) - Number(a) + 1 }, (_, i) => `v${Number(a) + i}`).join(', ')}}`,
  );
}

type Dexdump = { insns: Map<number, Map<number, string>>; tries: Map<number, string[]> };

/** Instruction lines of `dexdump -d` by code_item offset then code-unit offset, and each method's catch table. */
function runDexdump(dex: Uint8Array): Dexdump {
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-code-oracle-'));
  try {
    const file = join(dir, 'classes.dex');
    writeFileSync(file, dex);
    const out = execFileSync('dexdump', ['-d', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const insns = new Map<number, Map<number, string>>();
    const tries = new Map<number, string[]>();
    let cur: Map<number, string> | undefined;
    let codeOff = -1;
    let catches: string[] | undefined;
    for (const line of out.split('\n')) {
      const head = /^[0-9a-f]+:\s+\|\[([0-9a-f]+)\] /.exec(line);
      if (head) {
        cur = new Map();
        codeOff = parseInt(head[1], 16);
        insns.set(codeOff, cur);
        continue;
      }
      const m = /^[0-9a-f]+: [0-9a-f ]+\|([0-9a-f]{4}): (.*)$/.exec(line);
      if (m && cur) {
        cur.set(parseInt(m[1], 16), m[2]);
        continue;
      }
      if (/^\s+catches\s+: \d+$/.test(line)) {
        catches = [];
        tries.set(codeOff, catches);
        continue;
      }
      if (!catches) continue;
      const range = /^\s+0x([0-9a-f]+) - 0x([0-9a-f]+)$/.exec(line);
      const handler = /^\s+\S+ -> 0x([0-9a-f]+)$/.exec(line);
      if (range) catches.push(`${parseInt(range[1], 16)}-${parseInt(range[2], 16)}:`);
      else if (handler && catches.length) catches[catches.length - 1] += `${parseInt(handler[1], 16)},`;
      else catches = undefined;
    }
    return { insns, tries };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const COMPARABLE = new Set(['string', 'type', 'field', 'method']);

function compareWithDexdump(
  dex: DexFile,
  bytes: Uint8Array,
): { compared: number; tryTables: number; mismatches: string[] } {
  const oracle = runDexdump(bytes);
  let compared = 0;
  let tryTables = 0;
  const mismatches: string[] = [];
  for (const m of dex.methods) {
    if (!m.codeOff) continue;
    const code = readCodeItem(dex, m.codeOff);
    const ours = readTries(dex, code).map(
      (t) => `${t.start}-${t.end}:${t.handlers.map((h) => `${h},`).join('')}`,
    );
    const theirTries = oracle.tries.get(m.codeOff) ?? [];
    if (ours.length > 0) tryTables++;
    if (ours.join(' ') !== theirTries.join(' ') && mismatches.length < 10)
      mismatches.push(
        `tries of ${methodDescriptor(dex, m.methodIdx)}: ${ours.join(' ')}\n   dexdump: ${theirTries.join(' ')}`,
      );
    const theirs = oracle.insns.get(m.codeOff);
    if (!theirs) continue;
    const mv = analyzeMethodValues(dex, m);
    for (const insn of mv.insns) {
      if (
        !insn.indexKind ||
        !COMPARABLE.has(insn.indexKind) ||
        insn.format === 'payload' ||
        insn.name.startsWith('invoke-polymorphic')
      )
        continue;
      const ours = expandRange(formatInsn(dex, insn));
      // Strings dexdump prints raw; ours are JSON-quoted: compare only plain printable ASCII.
      if (
        insn.indexKind === 'string' &&
        !/^[\x20-\x7e]*$/.test(dex.string(insn.index ?? 0).replace(/["\\]/g, '\x01'))
      )
        continue;
      const expected = normalizeDexdump(theirs.get(insn.offset) ?? '<missing>');
      compared++;
      if (ours !== expected && mismatches.length < 10) mismatches.push(`${ours}\n   dexdump: ${expected}`);
    }
  }
  return { compared, tryTables, mismatches };
}

for (const app of APPS) {
  test(`value analysis over every method of ${app}`, { timeout: 300_000 }, (t) => {
    if (!requireShared(t) || !requireTool(t, 'dexdump') || !requireTool(t, 'unzip')) return;
    const bytes = classesDex(app);
    const dex = parseDex(bytes);
    const ix = analyzeDex(dex);
    const start = performance.now();
    let analysed = 0;
    let unconverged = 0;
    let typedErrors = 0;
    let invokes = 0;
    let reached = 0;
    const wrong: string[] = [];
    dex.methods.forEach((m, mi) => {
      if (!m.codeOff) return;
      let mv;
      try {
        mv = analyzeMethodValues(dex, m);
      } catch (e) {
        if (!isDfslabError(e)) throw e;
        typedErrors++;
        return;
      }
      analysed++;
      if (!mv.converged) unconverged++;
      const known = new Map(invokesOf(ix, mi).map((x) => [x.offset, x.methodIdx]));
      invokes += known.size;
      for (const c of mv.calls.values()) {
        const idx = known.get(c.offset);
        if (idx === undefined || methodDescriptor(dex, idx) !== c.descriptor)
          wrong.push(`${mv.descriptor} @${c.offset}: ${c.descriptor}`);
        else reached++;
      }
    });
    const ms = performance.now() - start;
    t.diagnostic(
      `${app}: ${analysed} methods analysed in ${ms.toFixed(0)} ms (${unconverged} not converged, ${typedErrors} typed errors); ${reached}/${invokes} invokes reached`,
    );
    assert.equal(typedErrors, 0, 'a well-formed app has no malformed method');
    assert.deepEqual(wrong.slice(0, 5), [], 'every recorded call is an invoke of the DEX index');
    assert.ok(unconverged <= analysed / 1000, `${unconverged} methods did not converge`);
    assert.ok(reached >= invokes * 0.99, `only ${reached} of ${invokes} invokes reached`);
    assert.ok(ms < MAX_ANALYSIS_MS, `analysis took ${ms.toFixed(0)} ms`);

    const { compared, tryTables, mismatches } = compareWithDexdump(dex, bytes);
    t.diagnostic(
      `${app}: formatInsn matched dexdump on ${compared} referencing instructions; ${tryTables} try tables compared`,
    );
    assert.ok(tryTables > 100, `only ${tryTables} try tables compared`);
    assert.ok(compared > 10_000, `only ${compared} instructions compared`);
    assert.deepEqual(mismatches, []);
  });
}
