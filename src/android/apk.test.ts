import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Apk } from './apk.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { inspect, inspectApkFrom, inspectAsync } from './inspect.js';
import { makeZip } from './zip/testing/make-zip.js';

const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const SAMPLE = fileURLToPath(new URL('../../samples/demo-wallet.apk', import.meta.url));

function open(): Apk {
  const b = readFileSync(SAMPLE);
  return Apk.open(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
}

test('inspect reads each entry once, whatever the order of the parts', () => {
  // The demo wallet is v1-signed (minSdk < 24) and ships a native library: v1 verification hashes
  // every entry, including the .so that the native-library part parses too.
  for (const order of [
    ['signing', 'nativeLibs', 'dex'],
    ['nativeLibs', 'dex', 'signing'],
  ] as const) {
    const apk = open();
    for (const part of order) assert.ok(apk[part] !== undefined);
    const read = apk.entriesRead;
    assert.ok(
      read.some((e) => e.name.startsWith('lib/')),
      'the sample has a native library',
    );
    assert.ok(
      read.some((e) => e.name.startsWith('res/')),
      'v1 verification read the resources',
    );
    const once = read.reduce((n, e) => n + e.uncompressedSize, 0);
    assert.equal(apk.inflatedBytes, once, `entries inflated more than once (${order.join(' → ')})`);
  }
});

test('entriesRead is what inspect needed: no more than the zip holds, the signed entries included', () => {
  const apk = open();
  const facts = inspectApkFrom(apk, apk.bytes, join('samples', 'demo-wallet.apk'));
  assert.equal(facts.signing?.schemes.v1.verified, true);
  const names = new Set(apk.entriesRead.map((e) => e.name));
  for (const e of apk.zip.entries) {
    if (e.isDirectory) continue;
    // v1 hashes every entry outside META-INF/, and reads MANIFEST.MF, the .SF and the block.
    assert.ok(names.has(e.name), `${e.name} was not read`);
  }
});

/** The demo wallet's classes.dex three times over, and a fourth DEX whose deflate stream is junk. */
function multiDex(): Uint8Array {
  const dex = open().entry('classes.dex');
  assert.ok(dex);
  const manifest = open().entry('AndroidManifest.xml');
  assert.ok(manifest);
  return makeZip([
    { name: 'AndroidManifest.xml', data: manifest },
    { name: 'classes.dex', data: dex },
    { name: 'classes2.dex', data: dex, method: 0 },
    { name: 'classes3.dex', data: dex },
    { name: 'classes4.dex', raw: Uint8Array.from([0xff, 0xff, 0xff, 0xff]), uncompressedSize: dex.length },
  ]);
}

const dexSummary = (apk: Apk) => ({
  dex: apk.dex.map((d) => [d.file, d.dex.methods.length, d.index.xrefs.count]),
  errors: apk.errors,
  inflated: apk.inflatedBytes,
  read: apk.entriesRead.map((e) => e.name),
});

test('loadDex (DEX inflated off the main thread) gives what dex gives: files, errors, bytes counted once', async () => {
  const bytes = multiDex();
  const plain = Apk.open(bytes);
  const want = dexSummary(plain);
  assert.equal(want.dex.length, 3);
  assert.equal(want.errors.length, 1, JSON.stringify(want.errors));
  const apk = Apk.open(bytes);
  const loaded = await apk.loadDex({ poolMinSize: 0 }); // the demo's DEX is small: pool it anyway
  assert.equal(loaded, apk.dex, 'loadDex fills the same cache');
  assert.deepEqual(dexSummary(apk), want);
});

test('reading dex while loadDex is under way gives one result, with every entry counted once', async () => {
  const bytes = multiDex();
  const want = dexSummary(Apk.open(bytes));
  const apk = Apk.open(bytes);
  const loading = apk.loadDex({ poolMinSize: 0 });
  const now = apk.dex; // synchronous, while inflations are in flight
  assert.equal(await loading, now);
  assert.deepEqual(dexSummary(apk), want);
});

test("inspectAsync gives the facts inspect gives, the caller's bytes unchanged, under any budget", async () => {
  const file = readFileSync(SAMPLE); // a Buffer, as the CLI reads it
  const copy = Buffer.from(file);
  const total = Apk.open(file).zip.entries.reduce((n, e) => n + e.uncompressedSize, 0);
  for (const maxTotalSize of [DEFAULT_LIMITS.zip.maxTotalSize, total - 1, Math.floor(total / 2)]) {
    const limits = { ...DEFAULT_LIMITS, zip: { ...DEFAULT_LIMITS.zip, maxTotalSize } };
    const { timingsMs: _a, ...want } = inspect(file, 'demo-wallet.apk', limits);
    const { timingsMs: _b, ...got } = await inspectAsync(file, 'demo-wallet.apk', limits);
    assert.deepEqual(got, want, `maxTotalSize ${maxTotalSize}`);
    assert.ok(file.equals(copy), 'inspect changed the file bytes');
    assert.equal(got.kind === 'apk' && got.file.sha256, sha256Hex(copy), "the file's SHA-256");
  }
});
