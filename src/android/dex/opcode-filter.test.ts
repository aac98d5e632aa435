import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, SHARED_APKS } from '../../../test/helpers.js';
import { isDfslabError } from '../../core/errors.js';
import { Apk } from '../apk.js';
import { decodeMethod, mayContainOpcode, opcodeSet, parseDex } from './index.js';

const XOR = opcodeSet([0x97, 0xb7]);
const SETS = [XOR, opcodeSet([0x6e]), opcodeSet([0x1a, 0x1b]), opcodeSet([0x2b, 0x2c])];

test('mayContainOpcode agrees with decodeMethod on every method of real DEX files', () => {
  const apks = [join(REPO_ROOT, 'samples', 'demo-wallet.apk'), join(SHARED_APKS, 'dvba', 'dvba.apk')].filter(
    (p) => existsSync(p),
  );
  let methods = 0;
  let skipped = 0;
  for (const path of apks) {
    const bytes = Apk.open(new Uint8Array(readFileSync(path))).entry('classes.dex');
    assert.ok(bytes, path);
    const dex = parseDex(bytes);
    for (const m of dex.methods) {
      if (m.codeOff === 0) {
        assert.equal(mayContainOpcode(dex, 0, XOR), false);
        continue;
      }
      let ops: Set<number>;
      try {
        ops = new Set(decodeMethod(dex, m.codeOff).map((i) => i.opcode));
      } catch (e) {
        if (!isDfslabError(e)) throw e;
        continue;
      }
      methods++;
      for (const set of SETS) {
        const want = [...ops].some((op) => set[op] === 1);
        const got = mayContainOpcode(dex, m.codeOff, set);
        // Exact on well-formed code; never a false negative.
        assert.equal(got, want, `method ${m.methodIdx}`);
        if (!got) skipped++;
      }
    }
  }
  assert.ok(methods > 100 && skipped > 0, `${methods} methods`);
});

test('a code item it cannot read is left to the caller (true)', () => {
  const bytes = Apk.open(new Uint8Array(readFileSync(join(REPO_ROOT, 'samples', 'demo-wallet.apk')))).entry(
    'classes.dex',
  );
  assert.ok(bytes);
  const dex = parseDex(bytes);
  assert.equal(mayContainOpcode(dex, 3, XOR), true); // unaligned
  assert.equal(mayContainOpcode(dex, dex.bytes.length - 8, XOR), true); // header past the end
});
