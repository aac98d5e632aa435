import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Apk } from '../../../apk.js';
import { extractUrls, scanKnownFormats, scanUrlCredentials } from '../../../secrets/index.js';
import { FAKE } from '../../../secrets/testing.js';
import { makeZip } from '../../../zip/testing/make-zip.js';
import { scanNativeLibs } from './native-strings.js';
import type { StringSource } from './types.js';

const LIB = 'lib/arm64-v8a/libkeys.so';

/** What the scan reports for one library: [kind, detector or URL, byte offset] in order. */
function scanned(bytes: Uint8Array): string[] {
  const apk = Apk.open(makeZip([{ name: LIB, data: bytes }]));
  const out: string[] = [];
  const at = (s: StringSource) => (s.kind === 'native' ? s.byteOffset : -1);
  scanNativeLibs(apk, {
    secret: (hit, source) => out.push(`secret ${hit.detector} ${at(source)}`),
    url: (url, source) => out.push(`url ${url.url} ${at(source)}`),
  });
  return out;
}

/** The plain reading: every maximal printable run of 10+ bytes, every detector on it. */
function reference(bytes: Uint8Array): string[] {
  const out: string[] = [];
  const printable = (x: number) => x >= 0x20 && x < 0x7f;
  let i = 0;
  while (i < bytes.length) {
    if (!printable(bytes[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < bytes.length && printable(bytes[i])) i++;
    if (i - start < 10) continue;
    const text = Buffer.from(bytes.subarray(start, i)).toString('latin1');
    for (const h of [...scanKnownFormats(text), ...scanUrlCredentials(text)])
      out.push(`secret ${h.detector} ${start + h.index}`);
    for (const u of extractUrls(text)) out.push(`url ${u.url} ${start + u.index}`);
  }
  return out;
}

test('native runs: keys and URLs between binary bytes, at their byte offsets', () => {
  const bytes = Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
    Buffer.from(`\0${FAKE.sendgrid}\0short\0`),
    Buffer.from('https://user:s3cretPass@api.bank.co.ke/v1'),
    Buffer.from([0xff, 0x01]),
    Buffer.from('http://x.co'), // a run of exactly the length that ends the file
  ]);
  const found = scanned(bytes);
  assert.deepEqual(found, reference(bytes));
  assert.ok(
    found.some((f) => f.startsWith('secret ') && f.endsWith(' 9')),
    found.join('\n'),
  );
  assert.ok(
    found.some((f) => f.startsWith('url https://user:')),
    found.join('\n'),
  );
  assert.ok(
    found.some((f) => f.startsWith('url http://x.co')),
    found.join('\n'),
  );
});

test('property: the run scan finds what the plain reading finds', () => {
  const piece = fc.oneof(
    fc.uint8Array({ maxLength: 12 }),
    fc.constantFrom(
      FAKE.sendgrid,
      FAKE.aws,
      'http://api.bank.co.ke/v2',
      'ftp://u:pw@h.example/x',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      '0123456789',
      '012345678',
      'key-',
      ' ',
    ),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const bytes = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));
      assert.deepEqual(scanned(bytes), reference(bytes));
    }),
    { numRuns: 300, seed: 0x5eed },
  );
});
