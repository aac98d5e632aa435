import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { FormatError, isDfslabError, LimitError } from '../../core/errors.js';
import { requireTool } from '../../../test/helpers.js';
import { EHDR, EM_386, EM_AARCH64, EM_ARM, EM_MIPS, EM_RISCV, EM_X86_64, ET_EXEC } from './constants.js';
import { DEFAULT_ELF_LIMITS, parseElf } from './index.js';
import { synthElf } from './testing/synth.js';

// C sources compiled by the tests. -nostdlib keeps them independent of the libc headers and
// leaves library calls as undefined dynamic symbols, exactly what the checks look at.
const BUF_SRC = `
char *strcpy(char *d, const char *s);
int system(const char *c);
void *__memcpy_chk(void *d, const void *s, unsigned long n, unsigned long dn);
int Java_org_example_Native_run(void *env, void *cls, const char *arg) {
  char buf[32];
  strcpy(buf, arg);
  __memcpy_chk(buf, arg, 4, sizeof buf);
  return system(buf);
}
int JNI_OnLoad(void *vm, void *r) { (void)vm; (void)r; return 0x10006; }
static int hidden(void) { return 1; }
int visible(void) { return hidden(); }
`;
const STUB_SRC = `int system(const char *c) { (void)c; return 0; }\nchar *strcpy(char *d, const char *s) { (void)s; return d; }`;
const EXE_SRC = `int system(const char *c);\nvoid _start(void) { system("x"); }`;
const TEXTREL_SRC = `int g = 3;\nlong f(void) { long a; __asm__("movabsq $g, %0" : "=r"(a)); return a; }`;
const X86_64 = process.arch === 'x64';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfslab-elf-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Compiles `src` with gcc and returns the output bytes. */
function cc(name: string, src: string, flags: string[], libs: string[] = []): Uint8Array {
  const c = join(dir, `${name}.c`);
  const out = join(dir, name);
  writeFileSync(c, src);
  execFileSync(
    'gcc',
    ['-fPIC', '-nostdlib', '-fno-builtin', '-O1', ...flags, '-o', out, c, `-L${dir}`, ...libs],
    {
      stdio: 'pipe',
    },
  );
  return readFileSync(out);
}

function needGcc(t: TestContext): boolean {
  if (!requireTool(t, 'gcc')) return false;
  if (!X86_64) {
    t.skip('compiled-ELF expectations are written for an x86-64 host');
    return false;
  }
  return true;
}

describe('parseElf on objects built by gcc', () => {
  test('a library with a stack protector, lazy binding and partial RELRO', (t) => {
    if (!needGcc(t)) return;
    const e = parseElf(
      cc('sp.so', BUF_SRC, [
        '-shared',
        '-fstack-protector-strong',
        '-Wl,-z,relro,-z,lazy',
        '-Wl,-soname,libsp.so',
      ]),
    );
    assert.equal(e.bits, 64);
    assert.equal(e.endian, 'little');
    assert.equal(e.type, 'DYN');
    assert.equal(e.machine, EM_X86_64);
    assert.equal(e.machineName, 'Advanced Micro Devices X86-64');
    assert.equal(e.abi, 'x86_64');
    assert.equal(e.pie, 'shared-object');
    assert.equal(e.soname, 'libsp.so');
    assert.equal(e.stackProtector, true);
    assert.ok(e.imports.includes('__stack_chk_fail'));
    assert.equal(e.relro, 'partial');
    assert.equal(e.bindNow, false);
    assert.equal(e.stack, 'nx');
    assert.equal(e.nxStack, true);
    assert.equal(e.symbolSource, 'sections');
    assert.deepEqual(e.notableImports, ['system']);
    assert.deepEqual(e.unsafeImports, ['strcpy']);
    assert.deepEqual(e.fortifiedFunctions, ['__memcpy_chk']);
    assert.equal(e.fortify, true);
    assert.deepEqual(e.jniExports, ['Java_org_example_Native_run']);
    assert.equal(e.jniOnLoad, true);
    assert.ok(e.exports.includes('visible'));
    assert.ok(!e.exports.includes('hidden'), 'static functions are not dynamic symbols');
    assert.equal(e.textrel, false);
    assert.equal(e.writableExecutableSegments, 0);
    assert.deepEqual(e.anomalies, []);
  });

  test('without a stack protector', (t) => {
    if (!needGcc(t)) return;
    const e = parseElf(cc('nosp.so', BUF_SRC, ['-shared', '-fno-stack-protector']));
    assert.equal(e.stackProtector, false);
    assert.ok(!e.imports.includes('__stack_chk_fail'));
  });

  test('-z execstack gives an executable stack and an anomaly-free PT_GNU_STACK with PF_X', (t) => {
    if (!needGcc(t)) return;
    const e = parseElf(cc('xs.so', BUF_SRC, ['-shared', '-z', 'execstack']));
    assert.equal(e.stack, 'executable');
    assert.equal(e.nxStack, false);
    const gs = e.segments.find((s) => s.typeName === 'GNU_STACK');
    assert.ok(gs && gs.flags & 1);
  });

  test('-z norelro gives no RELRO, -z now gives full RELRO', (t) => {
    if (!needGcc(t)) return;
    const none = parseElf(cc('nr.so', BUF_SRC, ['-shared', '-Wl,-z,norelro,-z,lazy']));
    assert.equal(none.relro, 'none');
    assert.ok(!none.segments.some((s) => s.typeName === 'GNU_RELRO'));
    const full = parseElf(cc('now.so', BUF_SRC, ['-shared', '-Wl,-z,relro,-z,now']));
    assert.equal(full.relro, 'full');
    assert.equal(full.bindNow, true);
    const nowNoRelro = parseElf(cc('nownr.so', BUF_SRC, ['-shared', '-Wl,-z,norelro,-z,now']));
    assert.equal(nowNoRelro.relro, 'none');
    assert.equal(nowNoRelro.bindNow, true);
  });

  test('NEEDED, RUNPATH and RPATH', (t) => {
    if (!needGcc(t)) return;
    cc('libc.so', STUB_SRC, ['-shared', '-Wl,-soname,libc.so']);
    const run = parseElf(
      cc('rp.so', BUF_SRC, ['-shared', '-Wl,--enable-new-dtags,-rpath,/opt/a:/opt/b'], ['-lc']),
    );
    assert.deepEqual(run.needed, ['libc.so']);
    assert.deepEqual(run.runpath, ['/opt/a', '/opt/b']);
    assert.deepEqual(run.rpath, []);
    const old = parseElf(
      cc('rp2.so', BUF_SRC, ['-shared', '-Wl,--disable-new-dtags,-rpath,/data/local/tmp'], ['-lc']),
    );
    assert.deepEqual(old.rpath, ['/data/local/tmp']);
    assert.deepEqual(old.runpath, []);
  });

  test('text relocations', (t) => {
    if (!needGcc(t)) return;
    const e = parseElf(cc('tr.so', TEXTREL_SRC, ['-shared', '-Wl,-z,notext']));
    assert.equal(e.textrel, true);
    assert.ok(e.anomalies.some((a) => a.code === 'text-relocations'));
  });

  test('PIE and non-PIE executables', (t) => {
    if (!needGcc(t)) return;
    cc('libc.so', STUB_SRC, ['-shared', '-Wl,-soname,libc.so']);
    const pie = parseElf(cc('pie', EXE_SRC, ['-fPIE', '-pie'], ['-lc']));
    assert.equal(pie.type, 'DYN');
    assert.equal(pie.pie, 'pie');
    assert.ok(pie.interpreter && pie.interpreter.length > 0);
    const exe = parseElf(cc('nopie', EXE_SRC, ['-fno-PIE', '-no-pie'], ['-lc']));
    assert.equal(exe.type, 'EXEC');
    assert.equal(exe.typeCode, ET_EXEC);
    assert.equal(exe.pie, 'no-pie');
    assert.deepEqual(exe.notableImports, ['system']);
  });

  test('symbols are read from the dynamic segment when section headers are stripped', (t) => {
    if (!needGcc(t)) return;
    for (const style of ['gnu', 'sysv']) {
      const bytes = cc(`hs-${style}.so`, BUF_SRC, [
        '-shared',
        '-fstack-protector-strong',
        `-Wl,--hash-style=${style}`,
      ]);
      const full = parseElf(bytes);
      const stripped = new Uint8Array(bytes);
      const dv = new DataView(stripped.buffer);
      dv.setBigUint64(EHDR[64].shoff, 0n, true);
      dv.setUint16(EHDR[64].shnum, 0, true);
      dv.setUint16(EHDR[64].shstrndx, 0, true);
      const e = parseElf(stripped);
      assert.equal(e.sectionCount, 0);
      assert.equal(e.symbolSource, 'dynamic', style);
      assert.deepEqual(e.imports, full.imports, style);
      assert.deepEqual(e.exports, full.exports, style);
      assert.equal(e.stackProtector, true);
      assert.ok(e.anomalies.some((a) => a.code === 'no-section-headers'));
    }
  });
});

describe('parseElf on synthetic objects', () => {
  const base = {
    needed: ['libc.so', 'liblog.so'],
    soname: 'libx.so',
    imports: ['system', '__stack_chk_fail', '__strlen_chk', 'ptrace', 'sprintf'],
    exports: ['Java_a_B_c', 'JNI_OnLoad'],
  };
  const cases = [
    { bits: 32, le: true, machine: EM_ARM, name: 'ARM', abi: 'armeabi-v7a' },
    { bits: 64, le: true, machine: EM_AARCH64, name: 'AArch64', abi: 'arm64-v8a' },
    { bits: 32, le: true, machine: EM_386, name: 'Intel 80386', abi: 'x86' },
    { bits: 32, le: false, machine: EM_MIPS, name: 'MIPS R3000', abi: 'mips' },
    { bits: 64, le: false, machine: EM_MIPS, name: 'MIPS R3000', abi: 'mips64' },
    { bits: 64, le: true, machine: EM_RISCV, name: 'RISC-V', abi: 'riscv64' },
  ] as const;
  for (const c of cases) {
    for (const hash of ['sysv', 'gnu'] as const) {
      for (const sections of [true, false]) {
        test(`${c.name} ${c.bits}-bit ${c.le ? 'LE' : 'BE'} ${hash} hash, sections=${sections}`, () => {
          const e = parseElf(
            synthElf({
              ...base,
              bits: c.bits,
              le: c.le,
              machine: c.machine,
              hash,
              sections,
              relro: true,
              flags1: 1,
            }),
          );
          assert.equal(e.bits, c.bits);
          assert.equal(e.endian, c.le ? 'little' : 'big');
          assert.equal(e.machineName, c.name);
          assert.equal(e.abi, c.abi);
          assert.deepEqual(e.needed, base.needed);
          assert.equal(e.soname, 'libx.so');
          assert.deepEqual(e.imports, base.imports);
          assert.deepEqual(e.exports, base.exports);
          assert.equal(e.symbolSource, sections ? 'sections' : 'dynamic');
          assert.equal(e.relro, 'full');
          assert.equal(e.stackProtector, true);
          assert.deepEqual(e.fortifiedFunctions, ['__strlen_chk']);
          assert.deepEqual(e.notableImports, ['ptrace', 'system']);
          assert.deepEqual(e.unsafeImports, ['sprintf']);
          assert.deepEqual(e.jniExports, ['Java_a_B_c']);
          assert.equal(e.jniOnLoad, true);
        });
      }
    }
  }

  test('missing PT_GNU_STACK means an executable stack, with an anomaly', () => {
    const e = parseElf(synthElf({ bits: 32, le: true, machine: EM_ARM, gnuStack: null }));
    assert.equal(e.stack, 'missing');
    assert.equal(e.nxStack, false);
    assert.ok(e.anomalies.some((a) => a.code === 'no-gnu-stack'));
  });

  test('DF_1_PIE marks a position-independent executable; DF_BIND_NOW in DT_FLAGS binds now', () => {
    const e = parseElf(synthElf({ bits: 64, le: true, machine: EM_AARCH64, flags1: 0x08000000, flags: 0x8 }));
    assert.equal(e.pie, 'pie');
    assert.equal(e.bindNow, true);
    assert.equal(e.relro, 'none');
  });

  test('an unknown machine is an anomaly, not an error', () => {
    const e = parseElf(synthElf({ bits: 64, le: true, machine: 0x1234 }));
    assert.equal(e.abi, 'unknown');
    assert.ok(e.anomalies.some((a) => a.code === 'unknown-machine'));
  });
});

describe('parseElf on bad input', () => {
  const ok = synthElf({ bits: 64, le: true, machine: EM_AARCH64, needed: ['libc.so'], imports: ['system'] });

  test('not ELF', () => {
    assert.throws(() => parseElf(new Uint8Array(0)), FormatError);
    assert.throws(
      () => parseElf(Buffer.from('PK\x03\x04 this is a zip file')),
      (e: unknown) => e instanceof FormatError && /bad magic/.test(e.message),
    );
  });

  test('invalid class and data encoding', () => {
    const a = new Uint8Array(ok);
    a[4] = 3;
    assert.throws(() => parseElf(a), /invalid class/);
    const b = new Uint8Array(ok);
    b[5] = 0;
    assert.throws(() => parseElf(b), /invalid data encoding/);
  });

  test('truncated header and program headers', () => {
    assert.throws(() => parseElf(ok.subarray(0, 40)), FormatError);
    assert.throws(() => parseElf(ok.subarray(0, 70)), /program header table/);
  });

  test('every truncation returns or throws a DfslabError', () => {
    for (const bytes of [
      ok,
      synthElf({ bits: 32, le: false, machine: EM_MIPS, needed: ['libc.so'], sections: false }),
    ]) {
      for (let n = 0; n < bytes.length; n++) {
        try {
          parseElf(bytes.subarray(0, n));
        } catch (e) {
          assert.ok(isDfslabError(e), `length ${n}: ${String(e)}`);
        }
      }
    }
  });

  test('limits', () => {
    assert.throws(() => parseElf(ok, { ...DEFAULT_ELF_LIMITS, maxSize: 100 }), LimitError);
    assert.throws(() => parseElf(ok, { ...DEFAULT_ELF_LIMITS, maxSegments: 1 }), LimitError);
    assert.throws(() => parseElf(ok, { ...DEFAULT_ELF_LIMITS, maxSymbols: 1 }), LimitError);
  });

  test('a dynamic string offset outside the table is an anomaly', () => {
    const e = parseElf(synthElf({ bits: 32, le: true, machine: EM_ARM, needed: ['libc.so'] }));
    assert.deepEqual(e.needed, ['libc.so']);
    // Point the NEEDED entry's value far outside the string table.
    const bytes = synthElf({ bits: 32, le: true, machine: EM_ARM, needed: ['libc.so'] });
    const dv = new DataView(bytes.buffer, bytes.byteOffset);
    const dynOff = dv.getUint32(EHDR[32].size + 32 + 4, true); // second program header: PT_DYNAMIC p_offset
    dv.setUint32(dynOff + 4, 0x7fffffff, true);
    const bad = parseElf(bytes);
    assert.deepEqual(bad.needed, []);
    assert.ok(bad.anomalies.some((a) => a.code === 'bad-dynamic-string'));
  });
});
