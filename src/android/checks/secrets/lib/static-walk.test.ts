import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDfslabError } from '../../../../core/errors.js';
import { REPO_ROOT, SHARED_APKS } from '../../../../../test/helpers.js';
import { Apk } from '../../../apk.js';
import { readEncodedArray } from '../../../code/index.js';
import { parseDex, type DexFile } from '../../../dex/index.js';
import { mayHoldMarkedString } from './static-walk.js';

/** The string indexes among a class's static values as readEncodedArray reads them, or undefined when it fails. */
function stringsRead(dex: DexFile, off: number, count: number): number[] | undefined {
  try {
    return readEncodedArray(dex, off, count).flatMap((v) => (v.kind === 'string' ? [v.idx] : []));
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
}

function dexFiles(): DexFile[] {
  return [
    join(REPO_ROOT, 'samples', 'demo-wallet.apk'),
    join(SHARED_APKS, 'insecurebankv2', 'InsecureBankv2-release.apk'),
    join(SHARED_APKS, 'ostorlab', 'Ostorlab_insecure_app.apk'),
  ]
    .filter((p) => existsSync(p))
    .flatMap((p) => {
      const bytes = Apk.open(new Uint8Array(readFileSync(p))).entry('classes.dex');
      return bytes ? [parseDex(bytes)] : [];
    });
}

test('real static values: a class holding a marked string is always kept, others mostly not', () => {
  let classes = 0;
  let kept = 0;
  for (const dex of dexFiles()) {
    for (const cd of dex.classDefs) {
      if (!cd.staticValuesOff || cd.staticFields.length === 0) continue;
      const read = stringsRead(dex, cd.staticValuesOff, cd.staticFields.length);
      if (!read) continue;
      classes++;
      const none = new Uint8Array(dex.ids.strings.length);
      if (mayHoldMarkedString(dex.bytes, cd.staticValuesOff, cd.staticFields.length, none)) kept++;
      for (const idx of read) {
        const marked = new Uint8Array(dex.ids.strings.length);
        marked[idx] = 1;
        assert.equal(
          mayHoldMarkedString(dex.bytes, cd.staticValuesOff, cd.staticFields.length, marked),
          true,
        );
      }
    }
  }
  assert.ok(classes > 0);
  // With nothing marked, only arrays the walk does not follow (nested values) are kept.
  assert.ok(kept / classes < 0.1, `${kept} of ${classes} kept with nothing marked`);
});

/** An encoded_array_item: uleb128 size, then the values' bytes. */
const array = (size: number, ...values: number[]) => Uint8Array.from([size, ...values]);

test('the walk follows sizes, stops at the count, and leaves what it cannot follow to the reader', () => {
  const marked = new Uint8Array(300);
  marked[5] = 1;
  marked[258] = 1;
  // int (2 bytes), null, true, string 5.
  assert.equal(mayHoldMarkedString(array(4, 0x24, 1, 2, 0x1e, 0x3f, 0x17, 5), 0, 4, marked), true);
  // The string is past the class's static field count: not read.
  assert.equal(mayHoldMarkedString(array(4, 0x24, 1, 2, 0x1e, 0x3f, 0x17, 5), 0, 3, marked), false);
  // A two-byte string index (258), an unmarked one (6).
  assert.equal(mayHoldMarkedString(array(1, 0x37, 2, 1), 0, 1, marked), true);
  assert.equal(mayHoldMarkedString(array(1, 0x17, 6), 0, 1, marked), false);
  // Nested arrays, unknown types, truncated data: the reader decides.
  assert.equal(mayHoldMarkedString(array(1, 0x1c, 0), 0, 1, marked), true);
  assert.equal(mayHoldMarkedString(array(1, 0x07, 0), 0, 1, marked), true);
  assert.equal(mayHoldMarkedString(array(2, 0x17), 0, 2, marked), true);
});

test('property: whenever readEncodedArray reads a marked string, the walk keeps the array', () => {
  const dex = dexFiles()[0];
  assert.ok(dex);
  const head = fc.constantFrom(
    0x00,
    0x04,
    0x24,
    0x64,
    0x06,
    0xe6,
    0x10,
    0x11,
    0x17,
    0x37,
    0x18,
    0x1e,
    0x1f,
    0x3f,
    0x1c,
  );
  const value = fc.tuple(head, fc.uint8Array({ minLength: 0, maxLength: 8 }));
  fc.assert(
    fc.property(fc.array(value, { maxLength: 6 }), fc.nat({ max: 8 }), (values, count) => {
      const body = values.flatMap(([h, rest]) => [h, ...rest]);
      const bytes = Uint8Array.from([values.length, ...body]);
      // The values live at the end of a copy of a real DEX, whose strings they may name.
      const data = new Uint8Array(dex.bytes.length + bytes.length);
      data.set(dex.bytes);
      data.set(bytes, dex.bytes.length);
      const host: DexFile = { ...dex, bytes: data };
      const read = stringsRead(host, dex.bytes.length, count);
      for (const idx of read ?? []) {
        const marked = new Uint8Array(dex.ids.strings.length);
        marked[idx] = 1;
        assert.equal(mayHoldMarkedString(data, dex.bytes.length, count, marked), true);
      }
    }),
    { numRuns: 3000, seed: 0x5eed },
  );
});
