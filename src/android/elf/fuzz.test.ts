import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDfslabError } from '../../core/errors.js';
import { REPO_ROOT } from '../../../test/helpers.js';
import { EM_AARCH64, EM_ARM, EM_MIPS } from './constants.js';
import { parseElf } from './index.js';
import { synthElf } from './testing/synth.js';

const common = {
  needed: ['libc.so', 'libdl.so'],
  soname: 'libf.so',
  imports: ['system', '__stack_chk_fail'],
  exports: ['Java_x_Y_z'],
  relro: true,
  flags: 8,
};

function corpus(): Uint8Array[] {
  const out = [
    synthElf({ ...common, bits: 32, le: true, machine: EM_ARM }),
    synthElf({ ...common, bits: 64, le: true, machine: EM_AARCH64, hash: 'gnu', sections: false }),
    synthElf({ ...common, bits: 32, le: false, machine: EM_MIPS, sections: false }),
    synthElf({ ...common, bits: 64, le: false, machine: EM_MIPS, hash: 'gnu' }),
  ];
  // The bundled demo's native library, when unzip can get it out (a real linker's output).
  const r = spawnSync('unzip', ['-p', join(REPO_ROOT, 'samples/demo-wallet.apk'), 'lib/x86_64/libwallet.so']);
  if (r.status === 0 && r.stdout.length > 0) out.push(new Uint8Array(r.stdout));
  return out;
}

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'word'; at: number; value: number; size: 2 | 4 | 8 }
  | { kind: 'splice'; from: number; to: number; len: number };

const HUGE = [0xffffffff, 0x7fffffff, 0x80000000, 0xfffe, 0xffff, 0, 1, 0x10000];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('word' as const),
    // Bias toward the headers, where offsets and counts live.
    at: fc.oneof(fc.integer({ min: 0, max: 128 }), fc.nat()),
    value: fc.oneof(fc.constantFrom(...HUGE), fc.nat()),
    size: fc.constantFrom(2 as const, 4 as const, 8 as const),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    from: fc.nat(),
    to: fc.nat(),
    len: fc.integer({ min: 1, max: 64 }),
  }),
);

function apply(src: Uint8Array, muts: Mutation[]): Uint8Array {
  let b = new Uint8Array(src);
  for (const m of muts) {
    if (b.length === 0) break;
    if (m.kind === 'truncate') b = b.slice(0, m.at % b.length);
    else if (m.kind === 'flip') b[m.at % b.length] = m.value;
    else if (m.kind === 'word') {
      const at = m.at % b.length;
      for (let i = 0; i < m.size && at + i < b.length; i++)
        b[at + i] = i < 4 ? (m.value >>> (8 * i)) & 0xff : 0xff;
    } else {
      const from = m.from % b.length;
      const to = m.to % b.length;
      b.copyWithin(to, from, Math.min(b.length, from + m.len));
    }
  }
  return b;
}

test('mutated ELF files: parseElf returns or throws a DfslabError', () => {
  const seeds = corpus();
  assert.ok(seeds.length >= 4);
  for (const s of seeds) parseElf(s); // the unmutated corpus parses
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: seeds.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
      (i, muts) => {
        const bytes = apply(seeds[i], muts);
        try {
          const e = parseElf(bytes);
          assert.ok(Array.isArray(e.imports));
          JSON.stringify(e);
        } catch (err) {
          if (!isDfslabError(err)) throw err;
        }
      },
    ),
    { seed: 0x5eed_e1f, numRuns: 20_000 },
  );
});

test('random bytes behind a valid ELF identification', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 0, maxLength: 512 }),
      fc.constantFrom(1, 2),
      fc.constantFrom(1, 2),
      (tail, cls, data) => {
        const b = new Uint8Array(16 + tail.length);
        b.set([0x7f, 0x45, 0x4c, 0x46, cls, data, 1]);
        b.set(tail, 16);
        try {
          parseElf(b);
        } catch (err) {
          if (!isDfslabError(err)) throw err;
        }
      },
    ),
    { seed: 42, numRuns: 3000 },
  );
});
