import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LimitError } from '../../core/errors.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { readZip } from './read.js';
import { makeZip, signingBlock, unicodePathExtra } from './testing/make-zip.js';
import type { ZipArchive } from './types.js';

const codes = (z: ZipArchive): string[] => z.anomalies.map((a) => a.code);

describe('readZip: facts about hostile archives', () => {
  it('flags duplicate names and keeps the first in byName', () => {
    const bytes = makeZip([
      { name: 'classes.dex', data: 'good' },
      { name: 'classes.dex', data: 'evil' },
    ]);
    const z = readZip(bytes);
    assert.equal(z.entries.length, 2);
    assert.equal(z.byName.get('classes.dex'), z.entries[0]);
    const dup = z.anomalies.find((a) => a.code === 'duplicate-entry');
    assert.equal(dup?.severity, 'error');
    assert.equal(dup?.file, 'classes.dex');
  });

  it('flags local/central mismatches of name, method and crc', () => {
    const z = readZip(
      makeZip([
        { name: 'AndroidManifest.xml', localName: 'AndroidManifest.xmm', data: 'a' },
        { name: 'b', data: 'b', localMethod: 0 },
        { name: 'c', data: 'c', localCrc: 1234 },
      ]),
    );
    const mm = z.anomalies.filter((a) => a.code === 'local-central-mismatch');
    assert.deepEqual(
      mm.map((a) => [a.file, a.severity]),
      [
        ['AndroidManifest.xml', 'error'],
        ['b', 'error'],
        ['c', 'warning'],
      ],
    );
    assert.match(mm[1].message, /method/);
    assert.match(mm[2].message, /crc32/);
  });

  it('flags local headers whose flags or sizes disagree with the central directory', () => {
    const bytes = Buffer.from(
      makeZip([
        { name: 'f', data: 'x' },
        { name: 's', data: 'y' },
        { name: 'u', data: 'z' },
      ]),
    );
    const [f, s, u] = readZip(bytes).entries;
    bytes.writeUInt16LE(1, f.localHeaderOffset + 6); // encrypted in the local header only
    bytes.writeUInt32LE(99, s.localHeaderOffset + 18);
    bytes.writeUInt32LE(99, u.localHeaderOffset + 22);
    const mm = readZip(bytes).anomalies.filter((a) => a.code === 'local-central-mismatch');
    assert.deepEqual(
      mm.map((a) => [a.file, a.message.replace(/.* on /, '')]),
      [
        ['f', 'flags'],
        ['s', 'compressed size'],
        ['u', 'uncompressed size'],
      ],
    );
  });

  it('flags entry data that runs into the central directory', () => {
    const z = readZip(
      makeZip([{ name: 'a', data: 'abc', method: 0, compressedSize: 40, uncompressedSize: 40 }]),
    );
    assert.ok(codes(z).includes('entry-overlaps-central-directory'));
  });

  it('does not take a "signing block" that would start inside entry data', () => {
    // Entry data holds the size field, the gap holds the footer: a block of 32 bytes that starts
    // inside the entry. Not a signing block.
    const size = Buffer.alloc(8);
    size.writeUInt32LE(24, 0);
    const footer = Buffer.concat([size, Buffer.from('APK Sig Block 42', 'latin1')]);
    const z = readZip(makeZip([{ name: 'x', data: size, method: 0 }], { gapBeforeCd: footer }));
    assert.equal(z.apkSigningBlock, undefined);
    assert.ok(codes(z).includes('gap-before-central-directory'));
  });

  it('flags prefix data, and a prepended DEX (Janus) as an error', () => {
    const plain = readZip(makeZip([{ name: 'a', data: 'A' }], { prefix: Buffer.from('#!/bin/sh\n') }));
    assert.equal(plain.prefixLength, 10);
    assert.equal(plain.anomalies.find((a) => a.code === 'prefix-data')?.severity, 'warning');
    const dex = readZip(
      makeZip([{ name: 'a', data: 'A' }], { prefix: Buffer.from('dex\n035\0' + 'x'.repeat(100), 'latin1') }),
    );
    assert.equal(dex.anomalies.find((a) => a.code === 'prefix-data')?.severity, 'error');
  });

  it('flags trailing data, a gap before the central directory, and a gap before the signing block', () => {
    assert.ok(
      codes(readZip(makeZip([{ name: 'a' }], { trailing: Buffer.from('junk') }))).includes('trailing-data'),
    );
    assert.ok(
      codes(readZip(makeZip([{ name: 'a' }], { gapBeforeCd: Buffer.from('hidden payload') }))).includes(
        'gap-before-central-directory',
      ),
    );
    const both = readZip(
      makeZip([{ name: 'a' }], { gapBeforeCd: Buffer.from('hidden'), signingBlock: true }),
    );
    assert.ok(codes(both).includes('gap-before-central-directory'));
    assert.ok(both.apkSigningBlock);
  });

  it('flags gaps between entries and between the central directory and its end record', () => {
    const z = readZip(
      makeZip(
        [
          { name: 'a', data: 'A' },
          { name: 'b', data: 'B', padBefore: Buffer.from('smuggled') },
        ],
        { gapAfterCd: Buffer.from('xx') },
      ),
    );
    assert.equal(z.anomalies.find((a) => a.code === 'gap-between-entries')?.file, 'b');
    assert.ok(codes(z).includes('gap-after-central-directory'));
  });

  it('flags an Info-ZIP Unicode Path field that renames the entry for unzip but not for Android', () => {
    const z = readZip(
      makeZip([
        { name: 'assets/readme.txt', centralExtra: unicodePathExtra('assets/readme.txt', 'classes.dex') },
        { name: 'same.txt', centralExtra: unicodePathExtra('same.txt', 'same.txt') },
        { name: 'stale.txt', centralExtra: unicodePathExtra('other-name', 'classes.dex') },
      ]),
    );
    assert.deepEqual(
      z.anomalies.filter((a) => a.code === 'unicode-path-mismatch').map((a) => a.file),
      ['assets/readme.txt'],
    );
  });

  it('flags a data descriptor that disagrees with the central directory', () => {
    const z = readZip(
      makeZip([
        { name: 'a', data: 'A', dataDescriptor: true, descriptorCrc: 7 },
        { name: 'b', data: 'B', dataDescriptor: true },
      ]),
    );
    assert.deepEqual(
      z.anomalies.filter((a) => a.code === 'data-descriptor-mismatch').map((a) => a.file),
      ['a'],
    );
  });

  it('flags control characters in names (CR/LF break JAR manifests)', () => {
    const z = readZip(makeZip([{ name: 'test.txt\r' }, { name: 'test.txt\n' }, { name: 'plain.txt' }]));
    assert.deepEqual(
      z.anomalies.filter((a) => a.code === 'control-character-in-name').map((a) => a.file),
      ['test.txt\r', 'test.txt\n'],
    );
  });

  it('reports records hidden after the declared entry count', () => {
    const z = readZip(makeZip([{ name: 'a' }, { name: 'hidden.dex' }], { eocdEntries: 1 }));
    assert.equal(z.entries.length, 1);
    assert.ok(codes(z).includes('central-directory-size-mismatch'));
  });

  it('uses the consistent EOCD when a later signature is bogus, and says so', () => {
    const inner = makeZip([{ name: 'real', data: 'R' }]);
    // A second, inconsistent EOCD after the real one (as trailing bytes of the same file).
    const fake = Buffer.alloc(22);
    fake.writeUInt32LE(0x06054b50, 0);
    fake.writeUInt16LE(1, 10);
    fake.writeUInt16LE(1, 8);
    fake.writeUInt32LE(46, 12);
    fake.writeUInt32LE(999_999, 16);
    const z = readZip(Buffer.concat([inner, fake]));
    assert.equal(z.entries[0].name, 'real');
    assert.ok(codes(z).includes('multiple-eocd'));
    assert.ok(codes(z).includes('trailing-data'));
  });

  it('accepts zero padding before a 4096-aligned signing block, but not other bytes', () => {
    const entries = [{ name: 'a', data: 'A' }];
    const end = makeZip(entries).length - 22 - readZip(makeZip(entries)).cdSize;
    const pad = 4096 - (end % 4096);
    const zeros = readZip(makeZip(entries, { gapBeforeCd: Buffer.alloc(pad), signingBlock: true }));
    assert.equal((zeros.apkSigningBlock?.offset ?? 0) % 4096, 0);
    assert.deepEqual(codes(zeros), []);
    const junk = Buffer.alloc(pad);
    junk[10] = 1;
    assert.ok(
      codes(readZip(makeZip(entries, { gapBeforeCd: junk, signingBlock: true }))).includes(
        'gap-before-central-directory',
      ),
    );
    const unaligned = readZip(makeZip(entries, { gapBeforeCd: Buffer.alloc(pad - 1), signingBlock: true }));
    assert.ok(codes(unaligned).includes('gap-before-central-directory'));
  });

  it('does not take a block whose size fields disagree or exceed 32 bits for a signing block', () => {
    for (const patch of [(b: Buffer) => b.writeUInt32LE(1, 4), (b: Buffer) => b.writeUInt32LE(7, 0)]) {
      const block = Buffer.from(signingBlock());
      patch(block);
      const z = readZip(makeZip([{ name: 'a' }], { gapBeforeCd: block }));
      assert.equal(z.apkSigningBlock, undefined);
      assert.ok(codes(z).includes('gap-before-central-directory'));
    }
    const high = Buffer.from(signingBlock());
    high.writeUInt32LE(1, high.length - 20);
    assert.equal(readZip(makeZip([{ name: 'a' }], { gapBeforeCd: high })).apkSigningBlock, undefined);
  });

  it('flags a fake signing block (bad size field) as a gap', () => {
    const fake = Buffer.alloc(40);
    fake.write('APK Sig Block 42', 24, 'latin1');
    fake.writeUInt32LE(9999, 16);
    const z = readZip(makeZip([{ name: 'a' }], { gapBeforeCd: fake }));
    assert.equal(z.apkSigningBlock, undefined);
    assert.ok(codes(z).includes('gap-before-central-directory'));
  });

  it('flags overlapping entries when the total stays small', () => {
    const z = readZip(
      makeZip([
        { name: 'a', data: 'shared data' },
        { name: 'b', data: 'shared data', localOffsetOf: 0 },
      ]),
    );
    assert.ok(codes(z).includes('overlapping-entries'));
    assert.ok(codes(z).includes('local-central-mismatch'));
  });

  it('refuses an overlapping-entries bomb with LimitError', () => {
    const big = 'z'.repeat(64 * 1024);
    const entries = [
      { name: 'k0', data: big },
      ...Array.from({ length: 100 }, (_, i) => ({ name: `k${i + 1}`, data: big, localOffsetOf: 0 })),
    ];
    const limits = { ...DEFAULT_LIMITS.zip, maxTotalSize: 1024 * 1024 };
    assert.throws(() => readZip(makeZip(entries), limits), LimitError);
  });

  it('flags unsafe names with severity error and keeps the entries', () => {
    const names = ['../../etc/passwd', '/abs/path', 'lib\\..\\x.so', 'a\0b', 'C:/win', 'ok/../../x'];
    const z = readZip(makeZip([...names.map((name) => ({ name })), { name: 'fine/..name/x..' }]));
    assert.equal(z.entries.length, names.length + 1);
    const flagged = z.anomalies.filter((a) => a.code === 'path-traversal');
    assert.deepEqual(
      flagged.map((a) => a.file),
      names,
    );
    assert.ok(flagged.every((a) => a.severity === 'error'));
  });

  it('reports encrypted entries, unknown methods and unaligned stored entries as info', () => {
    const z = readZip(
      makeZip([
        { name: 'enc', data: 'x', flags: 1 },
        { name: 'bz', raw: Buffer.from('BZh9'), method: 12, uncompressedSize: 10 },
        { name: 'x', data: 'a' },
        { name: 'unaligned', data: 'abc', method: 0, align: 4 },
      ]),
    );
    const byCode = new Map(z.anomalies.map((a) => [a.code, a]));
    assert.equal(byCode.get('encrypted-entry')?.severity, 'info');
    assert.equal(byCode.get('unsupported-method')?.severity, 'info');
    assert.equal(byCode.has('unaligned-stored-entry'), false);
    const u = readZip(makeZip([{ name: 'x', data: 'abc', method: 0 }]));
    assert.equal(u.anomalies.find((a) => a.code === 'unaligned-stored-entry')?.severity, 'info');
  });

  it('checks page alignment of stored native libraries (4 KiB, then 16 KiB)', () => {
    const z = readZip(
      makeZip([
        { name: 'lib/arm64-v8a/liba.so', data: 'ELF', method: 0, align: 4 },
        { name: 'lib/arm64-v8a/libb.so', data: 'ELF', method: 0, align: 4096 },
        { name: 'lib/arm64-v8a/libc.so', data: 'ELF', method: 0, align: 16384 },
        { name: 'lib/arm64-v8a/libd.so', data: 'ELF deflated' },
      ]),
    );
    const files = (code: string): (string | undefined)[] =>
      z.anomalies.filter((a) => a.code === code).map((a) => a.file);
    assert.deepEqual(files('unaligned-native-library'), ['lib/arm64-v8a/liba.so']);
    const b = z.entries[1].dataOffset;
    assert.deepEqual(
      files('native-library-not-16k-aligned'),
      b % 16384 === 0 ? [] : ['lib/arm64-v8a/libb.so'],
    );
    assert.equal(z.entries[2].dataOffset % 16384, 0);
    assert.deepEqual(files('unaligned-stored-entry'), []);
  });

  it('caps a flood of one anomaly kind and says how many were dropped', () => {
    const z = readZip(makeZip(Array.from({ length: 300 }, () => ({ name: 'same' }))));
    assert.equal(z.entries.length, 300);
    const dups = z.anomalies.filter((a) => a.code === 'duplicate-entry');
    assert.ok(dups.length < 100);
    assert.ok(
      z.anomalies.some((a) => a.code === 'anomalies-truncated' && a.message.includes('duplicate-entry')),
    );
  });
});
