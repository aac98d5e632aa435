/**
 * Hostile input for the signing, packaging and native checks: a fixed-seed fast-check property
 * mutates real APKs (byte flips, huge values over header fields, truncation) and asserts that no
 * check throws — whatever the parsers accepted or refused, the checks only see facts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { REPO_ROOT, requireShared, SHARED_APKS } from '../../../../test/helpers.js';
import { isDfslabError } from '../../../core/errors.js';
import { runChecks } from '../../../core/check.js';
import { Apk } from '../../apk.js';
import { AuditContext } from '../../audit/context.js';
import { ANDROID_CHECKS } from '../index.js';

const SEED = 20261125;
const RUNS = 150;
const HUGE = [0, 0xffff, 0x7fffffff, 0xffffffff];
const PACKAGING_NATIVE = ANDROID_CHECKS.filter((c) => /^AND-(PKG|NATIVE)-/.test(c.id));
const SIGNING = ANDROID_CHECKS.filter((c) => /^AND-SIGN-/.test(c.id));

type Mutation = { kind: 'flip' | 'huge' | 'truncate'; at: number; value: number };

const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('flip', 'flip', 'huge', 'truncate'),
  at: fc.noBias(fc.integer({ min: 0, max: 0x7fffffff })),
  value: fc.nat(255),
});

function apply(src: Uint8Array, muts: { kind: Mutation['kind']; at: number; value: number }[]): Uint8Array {
  let b = new Uint8Array(src);
  for (const m of muts) {
    const at = m.at % b.length;
    if (m.kind === 'truncate') b = b.slice(0, at);
    else if (m.kind === 'flip') b[at] ^= 1 << (m.value % 8);
    else
      new DataView(b.buffer).setUint32(
        Math.min(at, Math.max(0, b.length - 4)),
        HUGE[m.value % HUGE.length],
        true,
      );
    if (b.length < 4) break;
  }
  return b;
}

function inputs(): Uint8Array[] {
  return [
    join(REPO_ROOT, 'samples', 'demo-wallet.apk'),
    join(SHARED_APKS, 'androguard/APK/apksig/v1-only-two-signers.apk'),
    join(SHARED_APKS, 'androguard/APK/apksig/v2-only-two-signers.apk'),
    join(SHARED_APKS, 'androguard/APK/TestActivity.apk'),
  ].map((p) => new Uint8Array(readFileSync(p)));
}

/** Runs `checks` over mutated copies of `samples`; returns how many mutated APKs opened. */
async function fuzzChecks(checks: typeof ANDROID_CHECKS, samples: Uint8Array[]): Promise<number> {
  let opened = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.nat(samples.length - 1),
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      async (i, muts) => {
        let apk: Apk;
        try {
          apk = Apk.open(apply(samples[i], muts));
        } catch (err) {
          if (!isDfslabError(err)) throw err;
          return;
        }
        opened++;
        const r = await runChecks(checks, new AuditContext(apk));
        assert.deepEqual(r.errors, []);
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
  return opened;
}

test('packaging and native checks never throw on mutated APKs', async (t) => {
  if (!requireShared(t)) return;
  const opened = await fuzzChecks(PACKAGING_NATIVE, inputs());
  t.diagnostic(`${opened} of ${RUNS} mutated APKs opened and audited`);
  assert.ok(opened > RUNS / 4);
});

// Regression: a corrupt certificate key in a v1 block once escaped the signing verifier as a
// plain crypto Error (flip bit 6 of byte 4812 of apksig v1-only-two-signers.apk).
test('signing checks never throw on mutated APKs', async (t) => {
  if (!requireShared(t)) return;
  const opened = await fuzzChecks(SIGNING, inputs());
  t.diagnostic(`${opened} of ${RUNS} mutated APKs opened and audited`);
});
