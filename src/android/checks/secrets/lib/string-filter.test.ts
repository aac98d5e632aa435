import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { REPO_ROOT, SHARED_APKS } from '../../../../../test/helpers.js';
import { Apk } from '../../../apk.js';
import { parseDex } from '../../../dex/index.js';
import { readStringData } from '../../../dex/mutf8.js';
import { stringGate } from './dex-strings.js';
import { KNOWN_PREFIX, bareHost, extractUrls, scanText } from '../../../secrets/index.js';
import { STRING_CLASS, classifyString, mayBeInteresting, resourceStringMayMatch } from './string-filter.js';
import { KNOWN_BIGRAMS, MATCHED_TEXTS, buildMatcher, knownHead } from './text-matcher.js';

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
    // Long identifiers: a random token needs a digit.
    'defaultCurrentTimeNanos',
    'supportStartPostponedEnterTransition',
    // A known-format bigram without its third character ('ke', 'gi', 'ho', 'ey').
    'peekToken',
    'MemoryRegionCache',
    'shouldShowKeyboard',
    // ':' or '=' with neither '://' nor a secret's name, and not a contextual candidate.
    'Offset out of range :',
    ', state: ',
    'a = b and c',
  ]) {
    assert.equal(may(s), false, s);
    assert.equal(stringGate(s), undefined, s);
  }
});

test('printable ASCII with no URL, head or assignment is classed contextual; the rest is left to the scan', () => {
  const classOf = (s: string) => classifyString(stringData(s), 0);
  for (const s of ['a1b2c3d4', 'P@ssw0rd!', 'Zm9vYmFyYmF6cXV4cXV1eGxvbmc1', 'x=1;y=2', 'Error:42'])
    assert.equal(classOf(s), STRING_CLASS.contextual, s);
  for (const s of [
    'https://x',
    'AKIAIOSFODNN7ABCDEFG',
    'password=hunter22',
    'Bearer abcdefghijklmnop0123',
    'é token:1',
  ])
    assert.equal(classOf(s), STRING_CLASS.any, s);
  for (const s of ['onCreate', 'Hello world']) assert.equal(classOf(s), STRING_CLASS.nothing, s);
});

test('non-ASCII strings are walked as MUTF-8: prose is ruled out, URLs and known heads are kept', () => {
  for (const s of [
    'Kwanza é',
    'Envoyer de l’argent',
    'محفظة الأموال',
    'a\u0000b\u0000c\u0000d:1234',
    'kéy-x é',
  ]) {
    assert.equal(may(s), false, s);
    assert.equal(stringGate(s), undefined, s);
  }
  for (const s of ['é https://x.example/', 'clé: AKIAIOSFODNN7ABCDEFG', 'mot de passe é=1', '€eyJ']) {
    assert.equal(may(s), true, s);
  }
  // A ':' hidden in an overlong two-byte encoding (C0 BA) decodes as ':' : left to the scan.
  assert.equal(
    mayBeInteresting(Uint8Array.from([6, 0x68, 0xc0, 0xba, 0x2f, 0x2f, 0xc3, 0xa9, 0x78, 0]), 0),
    true,
  );
  // Other overlong forms of ASCII characters (C1 xx, E0 80 xx, E0 81 xx) are left to the scan too.
  assert.equal(mayBeInteresting(Uint8Array.from([5, 0xc3, 0xa9, 0xc1, 0x8b, 0x65, 0x79, 0x2d, 0]), 0), true);
  assert.equal(mayBeInteresting(Uint8Array.from([5, 0xc3, 0xa9, 0xe0, 0x80, 0xba, 0x2f, 0x2f, 0]), 0), true);
  // The NUL's own two-byte form (C0 80) is no ASCII character.
  assert.equal(mayBeInteresting(Uint8Array.from([5, 0xc3, 0xa9, 0xc0, 0x80, 0x61, 0x62, 0x63, 0]), 0), false);
  // Running past the data or with no terminator in reach: left to the scan.
  assert.equal(mayBeInteresting(Uint8Array.from([9, 0xc3, 0xa9, 0x61, 0x62, 0x63, 0]), 0), true);
  assert.equal(
    mayBeInteresting(
      Uint8Array.from([
        4, 0xc3, 0xa9, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0,
      ]),
      0,
    ),
    true,
  );
  // A bad continuation byte may be ruled out: readStringData rejects the string, so the scan skips it.
  const bad = Uint8Array.from([5, 0xc3, 0x41, 0x61, 0x62, 0x63, 0]);
  assert.throws(() => readStringData(bad, 0));
  assert.equal(mayBeInteresting(bad, 0), false);
});

test('malformed or truncated data is left to the scan', () => {
  assert.equal(mayBeInteresting(Uint8Array.from([5, 0x41, 0x42]), 0), true); // runs past the end
  assert.equal(mayBeInteresting(Uint8Array.from([5, 0x41, 0, 0x42, 0x43, 0x44, 0]), 0), true); // early NUL
  assert.equal(mayBeInteresting(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80]), 0), true); // bad uleb
});

test('every KNOWN_PREFIX alternative contributes its leading bigram', () => {
  assert.ok(KNOWN_BIGRAMS.includes('AK') && KNOWN_BIGRAMS.includes('ey') && KNOWN_BIGRAMS.includes('--'));
});

test('known-format heads are read from the regex: literals, escapes and classes', () => {
  const text = (alt: string) => knownHead(alt).map((set) => String.fromCharCode(...set));
  assert.deepEqual(text('AKIA'), ['A', 'K', 'I']);
  assert.deepEqual(text('SG\\.'), ['S', 'G', '.']);
  assert.deepEqual(text('gh[pousr]_'), ['g', 'h', 'pousr']);
  assert.deepEqual(text('SK[0-9a-f]'), ['S', 'K', '0123456789abcdef']);
  assert.deepEqual(text('ab(c|d)'), ['a', 'b']);
  assert.throws(() => knownHead('[^a]bc'));
  for (const alt of KNOWN_PREFIX.source.split('|')) assert.ok(knownHead(alt).length >= 2, alt);
});

test('property: the matcher finds exactly the texts that occur in a string', () => {
  const texts = ['://', 'abc', 'bcd', 'cab', 'aa', 'dabcd'];
  const table = buildMatcher(texts);
  const matches = (s: string): boolean => {
    let state = 0;
    for (const ch of s) {
      state = table[(state << 7) | ch.charCodeAt(0)];
      if (state === 255) return true;
    }
    return false;
  };
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...'abcd:/'.split('')), { maxLength: 30 }), (chars) => {
      const s = chars.join('');
      assert.equal(
        matches(s),
        texts.some((t) => s.includes(t)),
        s,
      );
    }),
    { numRuns: 5000, seed: 0x5eed },
  );
  assert.ok(MATCHED_TEXTS.includes('://') && MATCHED_TEXTS.includes('eyJ') && MATCHED_TEXTS.includes('SKf'));
});

test('property: letters and head punctuation are kept exactly when a known-format head occurs', () => {
  // No digit, symbol, ':', '=' or space: never contextual, an assignment or 'Bearer ', so the class
  // is decided by the heads alone. The alphabet makes first characters of heads without their
  // rest ('ho', 'gi', 'ke', 'SK' + a non-hex letter) common, and heads at both edges.
  const alphabet = 'hoketyigubAKISGFLWxsJzl-_./q'.split('');
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 4, maxLength: 40 }), (chars) => {
      const s = chars.join('');
      const kept = MATCHED_TEXTS.some((t) => s.includes(t));
      assert.equal(classifyString(stringData(s), 0), kept ? STRING_CLASS.any : STRING_CLASS.nothing, s);
    }),
    { numRuns: 20000, seed: 0x5eed },
  );
  for (const s of ['holdingAccount', 'gimmeMore', 'eyelashStyle', 'AKsomething', 'SKyline', 'xoloitzcuintli'])
    assert.equal(classifyString(stringData(s), 0), STRING_CLASS.nothing, s);
  for (const s of ['myhooksValue', 'xgithubx', 'aSKfzz', 'eyJabcdef', 'abcdefeyJ', 'abc-----'])
    assert.equal(classifyString(stringData(s), 0), STRING_CLASS.any, s);
  // The length byte 0x68 ('h') before 'o…' is no pair of the string: 104 letters stay ruled out.
  const long = 'oo' + 'abcdefgh'.repeat(12) + 'abcdef';
  assert.equal(stringData(long)[0], 'h'.charCodeAt(0));
  assert.equal(classifyString(stringData(long), 0), STRING_CLASS.nothing);
});

test('a known-format head, a URL or a named assignment anywhere keeps the string', () => {
  for (const s of [
    'the key-abc thing',
    'see hooks.slack here',
    'x ghp_ y',
    'a SK0 b',
    'pre eyJ post',
    'go to ftp://x now',
    'my Password: x',
    'AUTHORIZATION=x y',
  ]) {
    assert.equal(may(s), true, s);
  }
});

test('property: the byte filter is a superset of the scan gate (random ASCII-heavy strings)', () => {
  const alphabet = fc.constantFrom(
    ...'aAbBkKeEyYsSgGhHxXoOlLfFiIzZjJwWtTpPrRuUdDcC0123456789:=/._-+~!@#$%^&*? ;Lé'.split(''),
    'L',
    ';',
    'eyJ',
    'AKIA',
    'key-',
    'ghp_',
    'SK0',
    'SG.',
    '://',
    'pass',
    'PWD',
    'Token',
    'Bearer ',
    '€',
    '\u0000',
    'ω',
  );
  fc.assert(
    fc.property(fc.array(alphabet, { minLength: 0, maxLength: 80 }), fc.boolean(), (chars, shaped) => {
      // Half of the cases in descriptor shape, 'L…;', where the filter has a rule of its own.
      const s = shaped ? `L${chars.join('')};` : chars.join('');
      const gate = stringGate(s);
      if (gate) assert.equal(may(s), true, JSON.stringify(s));
      // 'contextual' promises the gate finds no URL, known format or assignment.
      if (classifyString(stringData(s), 0) === STRING_CLASS.contextual)
        assert.ok(!gate || (!gate.hasUrl && !gate.known && !gate.assignment), JSON.stringify(s));
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
      if (classifyString(dex.bytes, dex.ids.strings[s]) === STRING_CLASS.contextual) {
        const gate = stringGate(dex.string(s));
        assert.ok(!gate || (!gate.hasUrl && !gate.known && !gate.assignment), dex.string(s));
      }
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

/** The resource filter as first written (bigram and trigram tables): the automaton must agree with it. */
function referenceResourceMayMatch(b: Uint8Array, start: number, end: number, utf16: boolean): boolean {
  const heads = KNOWN_PREFIX.source.split('|').map((alt) => {
    let head = '';
    for (const c of alt) {
      if (head.length === 3 || /[\\[\](){}.*+?^$|]/.test(c)) break;
      head += c;
    }
    return head;
  });
  const step = utf16 ? 2 : 1;
  const chars = (end - start) / step;
  const text: number[] = [];
  for (let p = start; p < end; p += step) text.push(utf16 && b[p + 1] !== 0 ? 0x80 : b[p]);
  for (let i = 0; i < text.length; i++) {
    if (text[i] === 0x3a || text[i] === 0x3d) return true;
    for (const h of heads) {
      let k = 0;
      while (k < h.length && i + k < text.length && text[i + k] === h.charCodeAt(k)) k++;
      if (k === h.length) return true;
    }
  }
  const hostChars = /^[a-z0-9.:-]*$/;
  const s = String.fromCharCode(...text.map((x) => (x >= 0x80 ? 0x80 : x)));
  return chars >= 4 && chars <= 253 && hostChars.test(s) && s.includes('.');
}

test('resource byte filter: heads and hosts at their edges, in UTF-8 and UTF-16', () => {
  for (const [s, want] of [
    ['eyJ', true], // a head of three
    ['ey\u00e9J', false], // the head broken by a non-ASCII character
    ['xey', false],
    ['SG', true], // a head of two
    ['S\u00e9G', false],
    ['a=b', true],
    ['a\u00e9:', true],
    ['a.bc', true], // a bare host of 4 characters
    ['a.b', false], // too short
    ['a.bC', false], // upper case is no host character
    ['abcd', false], // no dot
    [`${'a'.repeat(250)}.co`, true], // 253 characters
    [`${'a'.repeat(251)}.co`, false], // 254
    ['a\u00e9.bcd', false],
  ] as const) {
    assert.equal(resMay(s, false), want, `utf-8 ${s}`);
    assert.equal(resMay(s, true), want, `utf-16 ${s}`);
  }
  // A UTF-16 unit whose low byte is ASCII but high byte is not zero is no ASCII character.
  const b = utf16Of('eyJ');
  b[3] = 0x01; // 'y' → U+0179
  assert.equal(resourceStringMayMatch(b, 0, b.length, true), false);
  b[3] = 0x00;
  assert.equal(resourceStringMayMatch(b, 0, b.length, true), true);
});

test('property: the resource byte filter agrees with the bigram/trigram reference on any bytes', () => {
  const byte = fc.oneof(
    fc.constantFrom(...'eyJkKAISGhoxglit_-=:.0aZ'.split('').map((c) => c.charCodeAt(0))),
    fc.integer({ min: 0, max: 255 }),
  );
  fc.assert(
    fc.property(fc.array(byte, { minLength: 0, maxLength: 40 }), fc.boolean(), (xs, utf16) => {
      const b = Uint8Array.from(utf16 && xs.length % 2 === 1 ? xs.slice(1) : xs);
      assert.equal(
        resourceStringMayMatch(b, 0, b.length, utf16),
        referenceResourceMayMatch(b, 0, b.length, utf16),
        JSON.stringify([...b]),
      );
    }),
    { numRuns: 30000, seed: 0x5eed },
  );
});
