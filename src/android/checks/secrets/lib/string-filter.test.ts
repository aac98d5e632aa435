import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { REPO_ROOT, SHARED_APKS } from '../../../../../test/helpers.js';
import { Apk } from '../../../apk.js';
import { parseDex } from '../../../dex/index.js';
import { stringGate } from './dex-strings.js';
import { bareHost, extractUrls, scanText } from '../../../secrets/index.js';
import { KNOWN_BIGRAMS, mayBeInteresting, resourceStringMayMatch } from './string-filter.js';

/** A string_data_item (uleb128 UTF-16 length, MUTF-8 bytes, NUL) for an ASCII or BMP string. */
function stringData(s: string): Uint8Array {
  const out: number[] = [];
  let n = s.length;
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c > 0 && c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  out.push(0);
  return Uint8Array.from(out);
}

const may = (s: string): boolean => mayBeInteresting(stringData(s), 0);

test('strings the DEX scan looks at always pass the byte filter', () => {
  const interesting = [
    'https://api.bank.example/v1',
    'ftp://files',
    'AKIAIOSFODNN7ABCDEFG',
    '-----BEGIN RSA PRIVATE KEY-----',
    'sk_live_0123456789abcdef',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc',
    'password=hunter22',
    'api_key: abc',
    'Bearer abcdefghijklmnopqrstuvwx0123',
    'P@ssw0rd!',
    'a1b2c3d4',
    'Zm9vYmFyYmF6cXV4cXV1eGxvbmc',
    'xoxb-123456-abcdef',
  ];
  for (const s of interesting) {
    assert.ok(stringGate(s), `the scan wants ${s}`);
    assert.equal(may(s), true, s);
  }
});

test('descriptors, names and prose are ruled out on their bytes', () => {
  for (const s of [
    'Lcom/example/wallet/MainActivity;',
    'Lcom/a/b1$2;',
    'onCreate',
    'getString',
    'Hello world',
    'VL',
    'abc',
  ]) {
    assert.equal(may(s), false, s);
    assert.equal(stringGate(s), undefined, s);
  }
});

test('non-ASCII, malformed or truncated data is left to the scan', () => {
  assert.equal(may('Kwanza é'), true);
  assert.equal(mayBeInteresting(Uint8Array.from([5, 0x41, 0x42]), 0), true); // runs past the end
  assert.equal(mayBeInteresting(Uint8Array.from([5, 0x41, 0, 0x42, 0x43, 0x44, 0]), 0), true); // early NUL
  assert.equal(mayBeInteresting(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80]), 0), true); // bad uleb
});

test('every KNOWN_PREFIX alternative contributes its leading bigram', () => {
  assert.ok(KNOWN_BIGRAMS.includes('AK') && KNOWN_BIGRAMS.includes('ey') && KNOWN_BIGRAMS.includes('--'));
});

test('property: the byte filter is a superset of the scan gate (random ASCII-heavy strings)', () => {
  const alphabet = fc.constantFrom(
    ...'aAbBkKeEyYsSgGhHxXoOlLfFiI0123456789:=/._-+~!@#$%^&*? ;Lé'.split(''),
    'L',
    ';',
  );
  fc.assert(
    fc.property(fc.array(alphabet, { minLength: 0, maxLength: 80 }), fc.boolean(), (chars, shaped) => {
      // Half of the cases in descriptor shape, 'L…;', where the filter has a rule of its own.
      const s = shaped ? `L${chars.join('')};` : chars.join('');
      if (stringGate(s)) assert.equal(may(s), true, JSON.stringify(s));
    }),
    { numRuns: 20000, seed: 0x5eed },
  );
});

test('superset on every string of real DEX files (demo wallet and the recall apps when present)', (t) => {
  const apks = [
    join(REPO_ROOT, 'samples', 'demo-wallet.apk'),
    join(SHARED_APKS, 'insecurebankv2', 'InsecureBankv2-release.apk'),
    join(SHARED_APKS, 'ostorlab', 'Ostorlab_insecure_app.apk'),
  ].filter((p) => existsSync(p));
  let strings = 0;
  let ruledOut = 0;
  for (const path of apks) {
    const apk = Apk.open(new Uint8Array(readFileSync(path)));
    const bytes = apk.entry('classes.dex');
    assert.ok(bytes, path);
    const dex = parseDex(bytes);
    for (let s = 0; s < dex.ids.strings.length; s++) {
      strings++;
      const keep = mayBeInteresting(dex.bytes, dex.ids.strings[s]);
      if (!keep) ruledOut++;
      if (!keep) assert.equal(stringGate(dex.string(s)), undefined, dex.string(s));
    }
  }
  assert.ok(strings > 0);
  // The point of the filter: most strings never need decoding.
  assert.ok(ruledOut / strings > 0.5, `${ruledOut} of ${strings} ruled out`);
  t.diagnostic(`${ruledOut} of ${strings} strings ruled out on their bytes`);
});

/** What the resource scan wants from a value on its own: a pattern hit, a URL or a bare host. */
const resourceWants = (s: string): boolean =>
  scanText(s).length > 0 || bareHost(s) !== undefined || extractUrls(s).length > 0;

const utf8Of = (s: string) => new TextEncoder().encode(s);
const utf16Of = (s: string) => {
  const b = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    b[2 * i] = s.charCodeAt(i) & 0xff;
    b[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return b;
};
const resMay = (s: string, utf16: boolean): boolean => {
  const b = utf16 ? utf16Of(s) : utf8Of(s);
  return resourceStringMayMatch(b, 0, b.length, utf16);
};

test('resource strings the scan judges pass the byte filter, in UTF-8 and UTF-16; prose does not', () => {
  for (const s of [
    'https://api.bank.example/v1',
    'api.bank.co.ke',
    '10.0.0.5:8080',
    'AIzaSyA-0123456789abcdefghijklmnopqrstu',
    'sk_live_0123456789abcdef',
    'password=hunter22',
    'api_key=Zq8Lw3Rt9Xv2Bn7Mk4Pd6Hs1Jf5Gc0',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc',
  ]) {
    assert.ok(resourceWants(s), `the scan wants ${s}`);
    assert.equal(resMay(s, false), true, s);
    assert.equal(resMay(s, true), true, s);
  }
  for (const s of [
    'Send money to a friend.',
    'Mobile money',
    'Envoyer de l’argent',
    'محفظة',
    'Ok',
    'Cancel',
  ]) {
    assert.equal(resMay(s, false), false, s);
    assert.equal(resMay(s, true), false, s);
    assert.equal(resourceWants(s), false, s);
  }
});

test('property: the resource byte filter is a superset of what the resource scan judges', () => {
  const alphabet = fc.constantFrom(
    ...'aAbBkKeEyYsSgGhHxXoOlLfFiIpPwWdDtTnN0123456789:=/._-+~!@#$%^&*? ;"\'é€😀'.split(''),
    'AKIA',
    'eyJ',
    'key-',
    'SG.',
    'http://',
    '.co.ke',
  );
  fc.assert(
    fc.property(fc.array(alphabet, { minLength: 0, maxLength: 60 }), fc.boolean(), (chars, utf16) => {
      const s = chars.join('');
      if (resourceWants(s)) assert.equal(resMay(s, utf16), true, JSON.stringify(s));
    }),
    { numRuns: 20000, seed: 0x5eed },
  );
});
