import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { FormatError, LimitError, UnsupportedError } from '../../core/errors.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import {
  createInflateBudget,
  crc32,
  crcAnomaly,
  crcMatches,
  inflateEntry,
  inflateEntryAsync,
  readEntryByName,
} from './inflate.js';
import { readZip } from './read.js';
import { makeZip } from './testing/make-zip.js';

const MiB = 1024 * 1024;

describe('inflateEntry', () => {
  it('returns a zero-copy view for stored entries', () => {
    const bytes = makeZip([{ name: 's', data: 'stored bytes', method: 0 }]);
    const z = readZip(bytes);
    const out = inflateEntry(bytes, z.entries[0]);
    assert.equal(Buffer.from(out).toString(), 'stored bytes');
    assert.equal(out.buffer, bytes.buffer);
  });

  it('inflates deflated entries and the CRC matches', () => {
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join(''));
    const bytes = makeZip([{ name: 'd', data }]);
    const z = readZip(bytes);
    const out = inflateEntry(bytes, z.entries[0], DEFAULT_LIMITS.zip, undefined, { verifyCrc: true });
    assert.deepEqual(Buffer.from(out), data);
    assert.ok(crcMatches(z.entries[0], out));
    assert.equal(crc32(Buffer.from('abc')), 0x352441c2);
  });

  it('throws FormatError on a CRC mismatch only when asked to verify', () => {
    const bytes = makeZip([{ name: 'd', data: 'payload', crc: 42 }]);
    const e = readZip(bytes).entries[0];
    assert.equal(Buffer.from(inflateEntry(bytes, e)).toString(), 'payload');
    assert.throws(() => inflateEntry(bytes, e, undefined, undefined, { verifyCrc: true }), FormatError);
    assert.equal(crcAnomaly(e, inflateEntry(bytes, e))?.code, 'crc-mismatch');
    const good = makeZip([{ name: 'g', data: 'payload' }]);
    const g = readZip(good).entries[0];
    assert.equal(crcAnomaly(g, inflateEntry(good, g)), undefined);
  });

  it('refuses a bomb that declares 1 KiB but inflates far past it, without allocating the real size', () => {
    const real = Buffer.alloc(64 * MiB);
    const raw = deflateRawSync(real);
    const bytes = makeZip([{ name: 'bomb', raw, uncompressedSize: 1024 }]);
    const e = readZip(bytes).entries[0];
    const before = process.memoryUsage().arrayBuffers;
    assert.throws(() => inflateEntry(bytes, e), LimitError);
    const grown = process.memoryUsage().arrayBuffers - before;
    assert.ok(grown < 16 * MiB, `grew by ${grown}`);
  });

  it('refuses a stream one byte longer than declared', () => {
    const bytes = makeZip([
      { name: 'lie', raw: deflateRawSync(Buffer.from('12345678901')), uncompressedSize: 10 },
    ]);
    assert.throws(() => inflateEntry(bytes, readZip(bytes).entries[0]), LimitError);
  });

  it('refuses entries over the per-entry size and ratio limits by their declared size', () => {
    // Two random bits per byte: compresses about 4:1.
    const data = Buffer.alloc(2 * MiB);
    let x = 12345;
    for (let i = 0; i < data.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      data[i] = x >>> 30;
    }
    const bytes = makeZip([{ name: 'low-entropy', data }]);
    const e = readZip(bytes).entries[0];
    assert.throws(() => inflateEntry(bytes, e, { ...DEFAULT_LIMITS.zip, maxEntrySize: MiB }), LimitError);
    assert.throws(() => inflateEntry(bytes, e, { ...DEFAULT_LIMITS.zip, maxRatio: 2 }), LimitError);
    assert.equal(inflateEntry(bytes, e).length, 2 * MiB);
  });

  it('exempts entries under 1 MiB from the ratio check', () => {
    const bytes = makeZip([{ name: 'small', data: Buffer.alloc(512 * 1024) }]);
    const e = readZip(bytes).entries[0];
    assert.equal(inflateEntry(bytes, e, { ...DEFAULT_LIMITS.zip, maxRatio: 2 }).length, 512 * 1024);
  });

  it('bounds the total across an archive with a shared budget', () => {
    const bytes = makeZip(
      Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(100_000, i) })),
    );
    const z = readZip(bytes);
    const limits = { ...DEFAULT_LIMITS.zip, maxTotalSize: 450_000 };
    const budget = createInflateBudget(limits);
    let ok = 0;
    assert.throws(() => {
      for (const e of z.entries) {
        inflateEntry(bytes, e, limits, budget);
        ok++;
      }
    }, LimitError);
    assert.equal(ok, 4);
    assert.equal(budget.used, 400_000);
  });

  it('throws FormatError when the stream is corrupt or shorter than declared', () => {
    const bytes = makeZip([
      { name: 'garbage', raw: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]), uncompressedSize: 10 },
      { name: 'short', raw: deflateRawSync(Buffer.from('abc')), uncompressedSize: 10 },
      { name: 'stored-mismatch', raw: Buffer.from('abc'), method: 0, uncompressedSize: 5 },
    ]);
    for (const e of readZip(bytes).entries) assert.throws(() => inflateEntry(bytes, e), FormatError, e.name);
  });

  it('throws UnsupportedError for unknown methods', () => {
    const bytes = makeZip([{ name: 'bz', raw: Buffer.from('BZh9'), method: 12, uncompressedSize: 10 }]);
    assert.throws(() => inflateEntry(bytes, readZip(bytes).entries[0]), UnsupportedError);
  });

  it('readEntryByName returns the first entry of a name, or undefined', () => {
    const bytes = makeZip([
      { name: 'AndroidManifest.xml', data: 'first' },
      { name: 'AndroidManifest.xml', data: 'second' },
    ]);
    const z = readZip(bytes);
    assert.equal(Buffer.from(readEntryByName(bytes, z, 'AndroidManifest.xml') ?? []).toString(), 'first');
    assert.equal(readEntryByName(bytes, z, 'missing'), undefined);
  });

  it('throws FormatError for an entry whose data lies outside the buffer', () => {
    const bytes = makeZip([{ name: 'a', data: 'abc' }]);
    const e = { ...readZip(bytes).entries[0], dataOffset: bytes.length - 1 };
    assert.throws(() => inflateEntry(bytes, e), FormatError);
  });
});

describe('inflateEntryAsync', () => {
  const cases = () => {
    const big = Buffer.from(Array.from({ length: 20000 }, (_, i) => `row ${i}\n`).join(''));
    return makeZip([
      { name: 'stored', data: 'stored bytes', method: 0 },
      { name: 'deflated', data: big },
      { name: 'bomb', raw: deflateRawSync(Buffer.alloc(8 * MiB)), uncompressedSize: 1024 },
      { name: 'long', raw: deflateRawSync(Buffer.from('12345678901')), uncompressedSize: 10 },
      { name: 'garbage', raw: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]), uncompressedSize: 10 },
      { name: 'short', raw: deflateRawSync(Buffer.from('abc')), uncompressedSize: 10 },
    ]);
  };

  it('gives the bytes, errors and budget of inflateEntry for every kind of entry', async () => {
    const bytes = cases();
    const z = readZip(bytes);
    for (const e of z.entries) {
      const syncBudget = createInflateBudget();
      const asyncBudget = createInflateBudget();
      let want: Uint8Array | Error;
      try {
        want = inflateEntry(bytes, e, DEFAULT_LIMITS.zip, syncBudget);
      } catch (err) {
        want = err as Error;
      }
      let got: Uint8Array | Error;
      try {
        got = await inflateEntryAsync(bytes, e, DEFAULT_LIMITS.zip, asyncBudget);
      } catch (err) {
        got = err as Error;
      }
      if (want instanceof Error) {
        assert.ok(got instanceof Error, `${e.name}: async succeeded where sync threw ${want.message}`);
        assert.equal(got.constructor, want.constructor, e.name);
      } else {
        assert.ok(!(got instanceof Error), `${e.name}: ${got instanceof Error ? got.message : ''}`);
        assert.deepEqual(Buffer.from(got), Buffer.from(want), e.name);
      }
      // A failed entry gives its reservation back.
      assert.deepEqual(asyncBudget, syncBudget, e.name);
    }
  });

  it('reserves the declared size up front, so concurrent entries cannot overrun the budget together', async () => {
    const data = Buffer.alloc(4096, 7);
    const bytes = makeZip([
      { name: 'a', data },
      { name: 'b', data },
    ]);
    const [a, b] = readZip(bytes).entries;
    const budget = { remaining: 6000, used: 0 };
    const results = await Promise.allSettled([
      inflateEntryAsync(bytes, a, DEFAULT_LIMITS.zip, budget),
      inflateEntryAsync(bytes, b, DEFAULT_LIMITS.zip, budget),
    ]);
    assert.equal(results[0].status, 'fulfilled');
    assert.equal(results[1].status, 'rejected');
    assert.ok((results[1] as PromiseRejectedResult).reason instanceof LimitError);
    assert.deepEqual(budget, { remaining: 6000 - 4096, used: 4096 });
  });
});
