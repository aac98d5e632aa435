import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FormatError, LimitError, UnsupportedError } from '../../core/errors.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { inflateEntry } from './inflate.js';
import { readZip } from './read.js';
import { makeZip, signingBlock } from './testing/make-zip.js';
import type { ZipArchive } from './types.js';

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
const codes = (z: ZipArchive): string[] => z.anomalies.map((a) => a.code);

describe('readZip: well-formed archives', () => {
  it('reads stored and deflated entries with sizes, methods, offsets and metadata', () => {
    const bytes = makeZip([
      { name: 'AndroidManifest.xml', data: 'x'.repeat(1000) },
      { name: 'res/raw/a.txt', data: 'hello', method: 0, align: 4, unixMode: 0o100755 },
      {
        name: 'assets/',
        data: '',
        method: 0,
        align: 4,
        dosDate: (45 << 9) | (6 << 5) | 15,
        dosTime: (13 << 11) | (14 << 5) | 10,
      },
    ]);
    const z = readZip(bytes);
    assert.equal(z.entries.length, 3);
    assert.deepEqual(codes(z), []);
    const [m, a, d] = z.entries;
    assert.equal(m.method, 8);
    assert.equal(m.uncompressedSize, 1000);
    assert.ok(m.compressedSize < 1000);
    assert.equal(text(inflateEntry(bytes, m)), 'x'.repeat(1000));
    assert.equal(a.method, 0);
    assert.equal(a.dataOffset % 4, 0);
    assert.ok(a.localExtraLength >= 4);
    assert.equal(a.unixMode, 0o100755);
    assert.equal(text(inflateEntry(bytes, a)), 'hello');
    assert.equal(d.isDirectory, true);
    assert.equal(d.modified?.toISOString(), '2025-06-15T13:14:20.000Z');
    assert.equal(z.byName.get('res/raw/a.txt'), a);
    assert.equal(z.prefixLength, 0);
    assert.equal(z.zip64, false);
    assert.equal(z.cdOffset + z.cdSize, z.eocdOffset);
  });

  it('reads an archive that is a view into a larger buffer (offsets relative to the view)', () => {
    const zip = makeZip([
      { name: 'a', data: 'hello view' },
      { name: 'b', data: 'stored', method: 0 },
    ]);
    const big = new Uint8Array(zip.length + 100);
    big.set(zip, 37);
    const view = big.subarray(37, 37 + zip.length);
    const z = readZip(view);
    assert.deepEqual(
      codes(z),
      readZip(zip).anomalies.map((a) => a.code),
    );
    assert.equal(text(inflateEntry(view, z.entries[0])), 'hello view');
    assert.equal(text(inflateEntry(view, z.entries[1])), 'stored');
  });

  it('reads an empty archive', () => {
    const z = readZip(makeZip([]));
    assert.equal(z.entries.length, 0);
    assert.deepEqual(codes(z), []);
  });

  it('reads entries with data descriptors (flag bit 3), with and without checking local sizes', () => {
    const bytes = makeZip([
      { name: 'a', data: 'aaaa'.repeat(50), dataDescriptor: true },
      { name: 'b', data: 'bbb', method: 0, dataDescriptor: true },
    ]);
    const z = readZip(bytes);
    assert.deepEqual(codes(z), []);
    assert.equal(z.entries[0].flags & 8, 8);
    assert.equal(text(inflateEntry(bytes, z.entries[0])), 'aaaa'.repeat(50));
    assert.equal(text(inflateEntry(bytes, z.entries[1])), 'bbb');
  });

  it('reads real ZIP64 records (EOCD64, locator, extra fields)', () => {
    const bytes = makeZip(
      [
        { name: 'one', data: 'first entry' },
        { name: 'two', data: 'second', method: 0, dataDescriptor: true, align: 4 },
      ],
      { zip64: true },
    );
    const z = readZip(bytes);
    assert.equal(z.zip64, true);
    assert.deepEqual(codes(z), []);
    assert.equal(z.entries.length, 2);
    assert.ok(z.entries.every((e) => e.zip64));
    assert.equal(z.entries[1].uncompressedSize, 6);
    assert.ok(z.entries[1].localHeaderOffset > 0);
    assert.equal(text(inflateEntry(bytes, z.entries[0])), 'first entry');
    assert.equal(text(inflateEntry(bytes, z.entries[1])), 'second');
  });

  it('handles an archive comment, including one that contains an EOCD signature', () => {
    const fake = Buffer.from('PK\x05\x06 not a record at all, just text', 'latin1');
    const bytes = makeZip([{ name: 'a', data: 'A' }], { comment: fake });
    const z = readZip(bytes);
    assert.equal(Buffer.from(z.comment).toString('latin1'), fake.toString('latin1'));
    assert.equal(z.entries.length, 1);
    assert.ok(!codes(z).includes('trailing-data'));
  });

  it('prefers the EOCD whose comment reaches the end over a consistent copy inside the comment', () => {
    const plain = makeZip([{ name: 'a', data: 'A' }]);
    // A copy at the very end with an empty comment would itself reach the end (apksig and Android
    // take that one too); one byte after it makes the outer record the only exact fit.
    const copy = Buffer.concat([plain.subarray(plain.length - 22), Buffer.from('!')]);
    const z = readZip(makeZip([{ name: 'a', data: 'A' }], { comment: copy }));
    assert.equal(z.comment.length, 23);
    assert.ok(!codes(z).includes('trailing-data'));
    assert.ok(codes(z).includes('multiple-eocd'));
  });

  it('decodes UTF-8 names (flag bit 11 or valid UTF-8) and falls back to latin1', () => {
    const utf = Buffer.from('res/café.png', 'utf8');
    const latin = Buffer.from('res/caf\xe9.png', 'latin1');
    const z = readZip(
      makeZip([{ name: utf, flags: 0x800 }, { name: latin }, { name: Buffer.from('日本.txt', 'utf8') }]),
    );
    assert.deepEqual(
      z.entries.map((e) => e.name),
      ['res/café.png', 'res/café.png', '日本.txt'],
    );
  });

  it('reports names flagged UTF-8 that are not, and decodes unflagged invalid UTF-8 as latin1', () => {
    const bad = Uint8Array.from([0x61, 0xff, 0x62]);
    const z = readZip(makeZip([{ name: bad, flags: 0x800 }, { name: bad }]));
    assert.deepEqual(
      z.anomalies.filter((a) => a.code === 'invalid-utf8-name').map((a) => a.offset),
      [z.entries[0].centralOffset + 46],
    );
    assert.equal(z.entries[1].name, 'a\u00ffb');
  });

  it('recognises an APK Signing Block before the central directory and does not flag it', () => {
    const z = readZip(makeZip([{ name: 'a', data: 'A' }], { signingBlock: true }));
    assert.deepEqual(codes(z), []);
    assert.equal(z.apkSigningBlock?.size, signingBlock().length);
    assert.equal((z.apkSigningBlock?.offset ?? 0) + (z.apkSigningBlock?.size ?? 0), z.cdOffset);
  });
});

describe('readZip: broken archives throw typed errors', () => {
  const good = makeZip([
    { name: 'a', data: 'A'.repeat(300) },
    { name: 'b', data: 'B', method: 0 },
  ]);

  it('rejects files that are not zips or too small', () => {
    assert.throws(() => readZip(new Uint8Array(0)), FormatError);
    assert.throws(() => readZip(Buffer.from('hello world, this is not a zip file at all')), FormatError);
  });

  it('rejects every truncation of a valid archive with FormatError', () => {
    for (let n = 0; n < good.length; n++) {
      assert.throws(() => readZip(good.subarray(0, n)), FormatError, `truncated to ${n}`);
    }
  });

  it('rejects absurd entry counts and offsets', () => {
    assert.throws(() => readZip(makeZip([{ name: 'a' }], { eocdEntries: 60000 })), FormatError);
    assert.throws(() => readZip(makeZip([{ name: 'a' }], { eocdCdOffset: 0x7fffffff })), FormatError);
    assert.throws(() => readZip(makeZip([{ name: 'a' }], { eocdCdSize: 0xffffff })), FormatError);
    // One byte too long: the central directory would overlap the EOCD (apksig's truncated-cd vector).
    const cdSize = readZip(makeZip([{ name: 'a' }])).cdSize;
    assert.throws(() => readZip(makeZip([{ name: 'a' }], { eocdCdSize: cdSize + 1 })), FormatError);
    assert.throws(
      () => readZip(makeZip([{ name: 'a' }], { zip64: true, eocdCdOffset: 2 ** 52 })),
      FormatError,
    );
    assert.throws(() => readZip(makeZip([{ name: 'a' }], { zip64: true, eocdEntries: 2 ** 40 })), LimitError);
  });

  it('enforces entry-count and name-length limits', () => {
    const bytes = makeZip([{ name: 'a' }, { name: 'b' }, { name: 'c'.repeat(50) }]);
    assert.throws(() => readZip(bytes, { ...DEFAULT_LIMITS.zip, maxEntries: 2 }), LimitError);
    assert.throws(() => readZip(bytes, { ...DEFAULT_LIMITS.zip, maxNameLength: 20 }), LimitError);
  });

  it('rejects a central record pointing at no local header, or data past the end', () => {
    const z = makeZip([{ name: 'a', data: 'x' }]);
    const bad = Buffer.from(z);
    bad.writeUInt32LE(0xdeadbeef, 0);
    assert.throws(() => readZip(bad), FormatError);
    assert.throws(
      () => readZip(makeZip([{ name: 'a', data: 'abc', method: 0, compressedSize: 1e9 }])),
      FormatError,
    );
  });

  it('reports a comment length running past the end and an archive with a wrong comment length', () => {
    const z = readZip(makeZip([{ name: 'a' }], { eocdCommentLength: 10 }));
    assert.ok(codes(z).includes('eocd-comment-truncated'));
    assert.equal(z.comment.length, 0);
  });

  it('rejects a ZIP64 extra field too short for the sentinel fields, and reports a field running past the extras', () => {
    const short = Buffer.from([0x01, 0x00, 0x00, 0x00]);
    assert.throws(
      () =>
        readZip(
          makeZip([{ name: 'a', data: 'x', method: 0, uncompressedSize: 0xffffffff, centralExtra: short }]),
        ),
      FormatError,
    );
    const overrun = Buffer.from([0xfe, 0xca, 100, 0x00, 1, 2, 3, 4]);
    const z = readZip(makeZip([{ name: 'a', data: 'x', centralExtra: overrun }]));
    assert.ok(codes(z).includes('bad-extra-field'));
  });

  it('rejects spanned archives with UnsupportedError', () => {
    const bytes = Buffer.from(makeZip([{ name: 'a' }]));
    bytes.writeUInt16LE(1, bytes.length - 22 + 4);
    assert.throws(() => readZip(bytes), UnsupportedError);
  });
});
