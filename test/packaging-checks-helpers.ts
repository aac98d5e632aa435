/**
 * Helpers for the signing, packaging and native-code check tests: rewrite a real APK's zip (to
 * plant duplicates, a prefix, mismatched headers), compile tiny native libraries with gcc, and
 * read shared APKs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { AuditContext } from '../src/android/audit/context.js';
import {
  auditBytes,
  auditFixtures,
  type CaseResult,
  type CaseSpec,
} from '../src/android/testing/check-harness.js';
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
export function rezip(
  apk: Uint8Array,
  edit: (entries: MakeEntry[]) => MakeEntry[],
  opts: MakeOptions = {},
): Uint8Array {
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
export function compileLib(
  t: TestContext,
  name: string,
  src: string,
  flags: string[],
): Uint8Array | undefined {
  if (!requireTool(t, 'gcc')) return undefined;
  if (process.arch !== 'x64') {
    t.skip('native fixtures are compiled for x86-64');
    return undefined;
  }
  // One folder per process: test files run in parallel and may compile the same library.
  const dir = join(NATIVE_DIR, String(process.pid));
  mkdirSync(dir, { recursive: true });
  const c = join(dir, `${name}.c`);
  const out = join(dir, name);
  writeFileSync(c, src);
  try {
    execFileSync(
      'gcc',
      ['-fPIC', '-nostdlib', '-fno-builtin', '-O1', '-s', '-Wl,--build-id=none', ...flags, '-o', out, c],
      { stdio: 'pipe' },
    );
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
export async function auditSigningCases(
  t: TestContext,
  check: Check<AuditContext>,
): Promise<Partial<Record<keyof typeof SIGNING_CASES, CaseResult>>> {
  const results = await auditFixtures(t, check, SIGNING_CASE_LIST);
  const keys = Object.keys(SIGNING_CASES) as (keyof typeof SIGNING_CASES)[];
  return Object.fromEntries(results.map((r, i) => [keys[i], r]));
}

/** Audits a shared APK (path under ../shared/apks) with `check`; undefined when the corpus is missing. */
export async function auditShared(
  t: TestContext,
  check: Check<AuditContext>,
  rel: string,
): Promise<CaseResult | undefined> {
  const bytes = sharedApk(t, rel);
  return bytes ? auditBytes(bytes, [check]) : undefined;
}

const SMALI_MAIN = `.class public Lorg/dfslab/fixture/Main;
.super Ljava/lang/Object;
.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method
`;

/** Real APKs for the packaging checks; the zip-level attacks are planted by rewriting `base`. */
export const PACKAGING_CASES = {
  base: { minSdk: 24, smali: { 'org/dfslab/fixture/Main.smali': SMALI_MAIN } },
  extraDex: {
    minSdk: 24,
    smali: { 'org/dfslab/fixture/Main.smali': SMALI_MAIN },
    files: {
      'assets/payload.dex': dexHeader(),
      'assets/notes.dex': 'plain text, not a DEX',
      'classes3.dex': dexHeader(),
    },
  },
  mappedLibs: { minSdk: 24, appAttrs: 'android:extractNativeLibs="false"' },
} satisfies Record<string, CaseSpec>;

export async function auditPackagingCases(
  t: TestContext,
  check: Check<AuditContext>,
): Promise<Partial<Record<keyof typeof PACKAGING_CASES, CaseResult>>> {
  const results = await auditFixtures(t, check, Object.values(PACKAGING_CASES));
  const keys = Object.keys(PACKAGING_CASES) as (keyof typeof PACKAGING_CASES)[];
  return Object.fromEntries(results.map((r, i) => [keys[i], r]));
}

const NATIVE_SRC = {
  weak: `char *strcpy(char *d, const char *s);
int system(const char *c);
int Java_org_dfslab_fixture_Native_run(void *env, void *cls, const char *arg) {
  char buf[64];
  strcpy(buf, arg);
  return system(buf);
}
`,
  good: `void *memcpy(void *d, const void *s, unsigned long n);
int Java_org_dfslab_fixture_Native_copy(void *env, void *cls, const char *arg, unsigned long n) {
  char buf[64];
  memcpy(buf, arg, n);
  return buf[0];
}
`,
  tiny: 'int Java_org_dfslab_fixture_Native_add(void *e, void *c, int a, int b) { return a + b; }\n',
  textrel: 'int g = 3;\nlong f(void) { long a; __asm__("movabsq $g, %0" : "=r"(a)); return a; }\n',
  exe: 'void _start(void) { for (;;) {} }\n',
};

/**
 * Two APKs with native code compiled by gcc in the test: `weak` (libweak.so without stack protector,
 * with an executable stack, no RELRO, strcpy + system; the same file again under arm64-v8a;
 * libtextrel.so; libexec.so, an ET_EXEC; libwx.so with an RWX segment) and `hardened` (libgood.so
 * with stack protector and full RELRO; libtiny.so, no stack buffers at all).
 */
export async function auditNativeCases(
  t: TestContext,
  check: Check<AuditContext>,
): Promise<{ weak?: CaseResult; hardened?: CaseResult }> {
  const so = ['-shared'];
  const weak = compileLib(t, 'libweak.so', NATIVE_SRC.weak, [
    ...so,
    '-fno-stack-protector',
    '-z',
    'execstack',
    '-Wl,-z,norelro',
  ]);
  if (!weak) return {};
  const libs = {
    textrel: compileLib(t, 'libtextrel.so', NATIVE_SRC.textrel, [...so, '-Wl,-z,notext']),
    exe: compileLib(t, 'libexec.so', NATIVE_SRC.exe, ['-static', '-fno-PIE', '-no-pie']),
    wx: compileLib(t, 'libwx.so', NATIVE_SRC.tiny, [...so, '-Wl,-N', '-Wl,--no-warn-rwx-segments']),
    good: compileLib(t, 'libgood.so', NATIVE_SRC.good, [
      ...so,
      '-fstack-protector-strong',
      '-Wl,-z,relro,-z,now',
    ]),
    tiny: compileLib(t, 'libtiny.so', NATIVE_SRC.tiny, [...so, '-fno-stack-protector']),
  };
  if (!libs.textrel || !libs.exe || !libs.wx || !libs.good || !libs.tiny) return {};
  const [w, h] = await auditFixtures(t, check, [
    {
      minSdk: 24,
      files: {
        'lib/x86_64/libweak.so': weak,
        'lib/arm64-v8a/libweak.so': weak,
        'lib/x86_64/libtextrel.so': libs.textrel,
        'lib/x86_64/libexec.so': libs.exe,
        'lib/x86_64/libwx.so': libs.wx,
      },
    },
    { minSdk: 24, files: { 'lib/x86_64/libgood.so': libs.good, 'lib/x86_64/libtiny.so': libs.tiny } },
  ]);
  return { weak: w, hardened: h };
}
