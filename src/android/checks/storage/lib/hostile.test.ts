/**
 * Hostile input for the storage, platform and resilience checks: a fixed-seed fast-check property
 * mutates the demo wallet's classes.dex (byte flips, huge u32 values at random offsets, truncation)
 * and runs every check of these areas over the rebuilt APK. A check may report or stay quiet; it
 * may only fail with a DfslabError (a typed parse error), never a TypeError/RangeError.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDfslabError } from '../../../../core/errors.js';
import { REPO_ROOT } from '../../../../../test/helpers.js';
import { Apk } from '../../../apk.js';
import { AuditContext } from '../../../audit/context.js';
import { makeZip, type MakeEntry } from '../../../zip/testing/make-zip.js';
import { ANDROID_CHECKS } from '../../index.js';

const MINE = ANDROID_CHECKS.filter((c) => /^AND-(STORAGE|PLATFORM|RESILIENCE)-/.test(c.id));
const HUGE = [0xffffffff, 0x7fffffff, 0x80000000, 0x10000];

type Mutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'u32'; at: number; value: number }
  | { kind: 'truncate'; keep: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      at: fc.nat(),
      xor: fc.integer({ min: 1, max: 255 }),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('u32' as const),
      at: fc.nat(),
      value: fc.oneof(fc.constantFrom(...HUGE), fc.nat(64)),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat() }), weight: 1 },
);

function mutate(dex: Uint8Array, ms: Mutation[]): Uint8Array {
  // A copy (entry data may be a Buffer, whose slice() is a view).
  let out = new Uint8Array(dex);
  for (const m of ms) {
    if (m.kind === 'truncate') {
      out = out.slice(0, 0x70 + (m.keep % Math.max(1, out.length - 0x70)));
      continue;
    }
    // Leave the 0x70-byte header alone most of the time: mutations inside code and tables reach the checks.
    const at = 0x70 + (m.at % Math.max(1, out.length - 0x74));
    if (at + 4 > out.length) continue;
    if (m.kind === 'flip') out[at] ^= m.xor;
    else new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(at, m.value >>> 0, true);
  }
  return out;
}

test('storage/platform/resilience checks survive mutated DEX code', async () => {
  const apk = Apk.open(new Uint8Array(readFileSync(join(REPO_ROOT, 'samples', 'demo-wallet.apk'))));
  const entries = apk.zip.entries.filter((e) => !e.isDirectory && !e.name.startsWith('META-INF/'));
  const files = entries.map((e) => ({ name: e.name, data: apk.entryData(e) }));
  const dex = files.find((f) => f.name === 'classes.dex');
  assert.ok(dex, 'the demo wallet has classes.dex');
  let withCode = 0;
  let reported = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
      const zipEntries: MakeEntry[] = files.map((f) => ({
        name: f.name,
        data: f.name === 'classes.dex' ? mutate(dex.data, ms) : f.data,
        method: 0,
      }));
      const ctx = new AuditContext(Apk.open(makeZip(zipEntries)));
      if (ctx.code) withCode++;
      for (const check of MINE) {
        try {
          await check.run(ctx, () => {
            reported++;
          });
        } catch (e) {
          assert.ok(isDfslabError(e), `${check.id} threw ${(e as Error).name}: ${(e as Error).message}`);
        }
      }
    }),
    { seed: 20261125, numRuns: 300 },
  );
  // The property is only meaningful when most mutated files still parse and reach the checks.
  assert.ok(withCode > 50, `only ${withCode} mutated DEX files were parsed`);
  assert.ok(reported > 0);
});
