/**
 * Hostile input: the scan walks structures parsed from attacker-controlled bytes (string tables,
 * static values, resource entries). Mutated real DEX and resources.arsc bytes must only ever
 * yield results or typed errors from the scan.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDfslabError } from '../../../../core/errors.js';
import { REPO_ROOT } from '../../../../../test/helpers.js';
import { Apk } from '../../../apk.js';
import { parseArsc } from '../../../arsc/index.js';
import { analyzeDex, parseDex } from '../../../dex/index.js';
import { scanDexStrings } from './dex-strings.js';
import { scanResources } from './res-files.js';
import type { Sink } from './types.js';

const apk = Apk.open(new Uint8Array(readFileSync(join(REPO_ROOT, 'samples', 'demo-wallet.apk'))));
const DEX = apk.entry('classes.dex') ?? new Uint8Array();
const ARSC = apk.entry('resources.arsc') ?? new Uint8Array();

function mutate(bytes: Uint8Array, edits: [number, number][]): Uint8Array {
  const out = bytes.slice();
  for (const [pos, value] of edits) out[pos % out.length] = value;
  return out;
}

const edits = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 });

/** Runs one scan; true when it completed (a typed error from the parsers or the scan is fine). */
function run(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return false;
  }
}

test('scanning mutated DEX and resources.arsc never throws an untyped error', () => {
  assert.ok(DEX.length > 0 && ARSC.length > 0);
  const sink: Sink = {
    secret: (h) => assert.equal(typeof h.redacted, 'string'),
    url: (u) => assert.equal(typeof u.host, 'string'),
  };
  let scanned = 0;
  fc.assert(
    fc.property(edits, (e) => {
      scanned += Number(
        run(() => {
          const dex = parseDex(mutate(DEX, e));
          scanDexStrings({ file: 'classes.dex', dex, index: analyzeDex(dex) }, 0, sink);
        }),
      );
      scanned += Number(
        run(() => {
          scanResources(parseArsc(mutate(ARSC, e)), sink);
        }),
      );
    }),
    { seed: 4242, numRuns: 300 },
  );
  // Most mutants must get past the parsers, or the property tests nothing of the scan.
  assert.ok(scanned > 100, `only ${scanned} of 600 mutants were scanned`);
});
