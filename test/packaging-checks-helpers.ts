/**
 * Helpers for the signing, packaging and native-code check tests: rewrite a real APK's zip (to
 * plant duplicates, a prefix, mismatched headers), compile tiny native libraries with gcc, and
 * read shared APKs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { AuditContext } from '../src/android/audit/context.js';
import { auditBytes, auditFixtures, type CaseResult, type CaseSpec } from '../src/android/testing/check-harness.js';
import { inflateEntry, readZip } from '../src/android/zip/index.js';
import type { Check } from '../src/core/check.js';
import { makeZip, type MakeEntry, type MakeOptions } from '../src/android/zip/testing/make-zip.js';
import { requireShared, requireTool, SHARED_APKS, TEST_OUTPUT } from './helpers.js';

/** The entries of a real APK as makeZip input (same names, data and methods, in order). */
export function entriesOf(apk: Uint8Array): MakeEntry[] {
  const zip = readZip(apk);
  return zip.entries.map((e) => ({ name: e.name, data: inflateEntry(apk, e), method: e.method }));
}

/** Rewrites `apk` as a plain zip after `edit` changed its entry list (signing block dropped). */
export function rezip(apk: Uint8Array, edit: (entries: MakeEntry[]) => MakeEntry[], opts: MakeOptions = {}): Uint8Array {
  return makeZip(edit(entriesOf(apk)), opts);
}

/** A minimal DEX header: enough for tools that look at the magic. */
export function dexHeader(): Uint8Array {
  const b = new Uint8Array(0x70);
  b.set([0x64, 0x65, 0x78, 0x0a, 0x30, 0x33, 0x35, 0x00]);
  return b;
}

const NATIVE_DIR = join(TEST_OUTPUT, 'native-check-libs');

/**
 * Compiles `src` into a stripped x86-64 ELF with gcc (no libc: imports stay undefined symbols, as
 * against Android's bionic). Deterministic for the same source and flags, so fixture caching works.
 * Returns undefined (test skipped) without gcc or on a non-x86-64 host.
 */
export function compileLib(t: TestContext, name: string, src: string, flags: string[]): Uint8Array | undefined {
  if (!requireTool(t, 'gcc')) return undefined;
  if (process.arch !== 'x64') {
    t.skip('native fixtures are compiled for x86-64');
    return undefined;
  }
  mkdirSync(NATIVE_DIR, { recursive: true });
  const c = join(NATIVE_DIR, `${name}.c`);
  const out = join(NATIVE_DIR, name);
  writeFileSync(c, src);
  execFileSync('gcc', ['-fPIC', '-nostdlib', '-fno-builtin', '-O1', '-s', '-Wl,--build-id=none', ...flags, '-o', out, c], { stdio: 'pipe' });
  return readFileSync(out);
}

/** A shared APK's bytes (path relative to ../shared/apks), or undefined when the corpus is missing. */
export function sharedApk(t: TestContext, rel: string): Uint8Array | undefined {
  if (!requireShared(t)) return undefined;
  return readFileSync(join(SHARED_APKS, rel));
}

/** Real APKs built from source covering the signing configurations (one cached batch for every signing test). */
export const SIGNING_CASES = {
  v1OnlyMin21: { minSdk: 21, targetSdk: 28, sign: { v1: true, v2: false, v3: false } },
  v1OnlyMin28: { minSdk: 28, targetSdk: 28, sign: { v1: true, v2: false, v3: false } },
  v2OnlyMin21: { minSdk: 21, sign: { v1: false, v2: true, v3: false } },
  v2OnlyMin24: { minSdk: 24, sign: { v1: false, v2: true, v3: false } },
  v1v2Min21: { minSdk: 21 },
  unsigned: { sign: 'none' as const },
} satisfies Record<string, CaseSpec>;

export const SIGNING_CASE_LIST: CaseSpec[] = Object.values(SIGNING_CASES);

/** Audits every SIGNING_CASES fixture with `check`; keyed like SIGNING_CASES (empty when skipped). */
export async function auditSigningCases(t: TestContext, check: Check<AuditContext>): Promise<Partial<Record<keyof typeof SIGNING_CASES, CaseResult>>> {
  const results = await auditFixtures(t, check, SIGNING_CASE_LIST);
  const keys = Object.keys(SIGNING_CASES) as (keyof typeof SIGNING_CASES)[];
  return Object.fromEntries(results.map((r, i) => [keys[i], r]));
}

/** Audits a shared APK (path under ../shared/apks) with `check`; undefined when the corpus is missing. */
export async function auditShared(t: TestContext, check: Check<AuditContext>, rel: string): Promise<CaseResult | undefined> {
  const bytes = sharedApk(t, rel);
  return bytes ? auditBytes(bytes, [check]) : undefined;
}
