import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  bareHost,
  charsetOf,
  extractUrls,
  isLocalHost,
  isNamespaceUrl,
  looksRandom,
  redact,
  scanNamedValue,
  scanText,
  secretNameKind,
  shannonEntropy,
  snippetAround,
} from './index.js';
import { fakeChars, fakeHex } from './testing.js';

test('redact shows 4 + 2 characters and the length, never the middle', () => {
  assert.equal(redact('abcdefghijklmnop'), 'abcd…op (16 chars)');
  assert.equal(redact('short1'), 's… (6 chars)');
  const s = fakeChars(40);
  assert.ok(!redact(s).includes(s.slice(4, 38)));
});

test('entropy and charsets', () => {
  assert.equal(shannonEntropy(''), 0);
  assert.equal(shannonEntropy('aaaa'), 0);
  assert.equal(shannonEntropy('abcd'), 2);
  assert.equal(charsetOf('deadbeef00'), 'hex');
  assert.equal(charsetOf('Ab9z'), 'alnum');
  assert.equal(charsetOf('Ab9+/=='), 'base64');
  assert.equal(charsetOf('a b'), 'other');
  assert.ok(looksRandom(fakeChars(32)));
  assert.ok(looksRandom(fakeHex(40)));
  for (const s of [
    'abcdefghijklmnopqrstuvwxyz',
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    '00000000000000000000000000000000',
    'getApplicationContextForUser',
    'Lcom/example/app/MainActivity;',
    'The quick brown fox jumps over',
    fakeChars(12),
  ]) {
    assert.equal(looksRandom(s), false, s);
  }
});

test('secret names: camelCase, snake_case and resource names; labels and messages are not secrets', () => {
  const yes: [string, string][] = [
    ['password', 'password'],
    ['DB_PASSWORD', 'password'],
    ['userPwd', 'password'],
    ['string/admin_password', 'password'],
    ['apiKey', 'key'],
    ['API_KEY', 'key'],
    ['x-api-key', 'key'],
    ['consumerKey', 'key'],
    ['clientSecret', 'secret'],
    ['AES_KEY', 'secret'],
    ['mpesaPasskey', 'secret'],
    ['authToken', 'token'],
    ['Authorization', 'token'],
  ];
  for (const [name, kind] of yes) assert.equal(secretNameKind(name), kind, name);
  const no = [
    'password_hint',
    'forgotPassword',
    'string/password_toggle_content_description',
    'enterPasswordLabel',
    'PASSWORD_LENGTH',
    'keyboard',
    'monkey',
    'bypass',
    'compass',
    'passenger',
    'tokenUrl',
    'apiKeyHeaderName',
    'secret_question',
    'username',
    'KEY',
  ];
  for (const name of no) assert.equal(secretNameKind(name), undefined, name);
});

test('named values: password-like or random under a secret name; placeholders, labels and code are not', () => {
  const random = fakeChars(32, undefined, 99);
  assert.equal(scanNamedValue('Dinesh@123$', ['password'])?.kind, 'password');
  assert.equal(scanNamedValue('s3cr3tPass!', ['DB_PASSWORD'])?.kind, 'password');
  assert.equal(scanNamedValue(random, ['apiKey'])?.kind, 'high-entropy');
  assert.equal(scanNamedValue(random, ['mpesa_consumer_secret'])?.detector, 'mpesa-daraja-credential');
  assert.equal(scanNamedValue(random, ['consumerKey'])?.detector, 'oauth-consumer-credential');
  assert.equal(scanNamedValue(fakeHex(32), ['TWILIO_AUTH_TOKEN'])?.provider, 'Twilio');
  assert.equal(scanNamedValue(random, ['Authorization'])?.kind, 'high-entropy');
  assert.equal(scanNamedValue(`Bearer ${random}`, ['Authorization'])?.secret, random);
  const negatives: [string, string][] = [
    [random, 'userName'], // no secret name
    ['Password:', 'string/password'], // a UI label
    ['Enter your password', 'password'],
    ['YOUR_API_KEY', 'apiKey'],
    ['changeme', 'password'],
    ['%s', 'password'],
    ['${API_KEY}', 'apiKey'],
    ['remember_me', 'password'],
    ['com.example.app.PasswordActivity', 'password'],
    ['123e4567-e89b-12d3-a456-426614174000', 'apiKey'], // UUID
    ['shortKey1', 'apiKey'], // keys must look random
    ['https://api.example.net/token', 'access_token'],
    ['', 'password'],
    ['UTF-8', 'encryptPassword'],
    ['AES/CBC/PKCS5Padding', 'passwordCipher'],
    ['PBKDF2WithHmacSHA256', 'password'],
    ['SHA-256', 'hashPassword'],
  ];
  for (const [v, name] of negatives) assert.equal(scanNamedValue(v, [name]), undefined, `${name}=${v}`);
});

test('assignments in text: properties, JSON, query strings', () => {
  const pw = 'Kx' + '9#pLm2';
  const key = fakeChars(32, undefined, 5);
  const text = `db.password=${pw}\n{"api_key": "${key}", "title": "Hello"}\nurl?user=a&password=${pw}x\nhint_password=Some`;
  const hits = scanText(text);
  assert.deepEqual(
    hits.map((h) => [h.kind, h.name, h.secret]),
    [
      ['password', 'db.password', pw],
      ['high-entropy', 'api_key', key],
      ['password', 'password', `${pw}x`],
    ],
  );
  for (const h of hits) assert.equal(text.slice(h.index, h.index + h.secret.length), h.secret);
  assert.deepEqual(scanText('password=\npassword: ${PASSWORD}\nsecret = "YOUR_SECRET"'), []);
});

test('credentials in URLs', () => {
  const pw = 'Tr' + '0ub4dor&3';
  const [hit] = scanText(`ftp://admin:${pw}@files.bank.example.net/upload`);
  assert.equal(hit.kind, 'url-credentials');
  assert.equal(hit.secret, pw);
  assert.equal(hit.name, 'admin');
  for (const u of [
    'https://user:password@host.net/',
    'https://%s:%s@host.net',
    'https://{user}:{pass}@host.net',
    'https://user@host.net/',
    'mailto:a@b.c',
  ]) {
    assert.deepEqual(
      scanText(u).filter((h) => h.kind === 'url-credentials'),
      [],
      u,
    );
  }
});

test('URL extraction: schemes, hosts, ports, trailing punctuation, templates', () => {
  const urls = extractUrls(
    'see http://api.bank.co.ke:8080/v1/pay?x=1, wss://rt.bank.net/ws) and ftp://10.0.0.5/f.',
  );
  assert.deepEqual(
    urls.map((u) => [u.scheme, u.host, u.port, u.url]),
    [
      ['http', 'api.bank.co.ke', 8080, 'http://api.bank.co.ke:8080/v1/pay?x=1'],
      ['wss', 'rt.bank.net', undefined, 'wss://rt.bank.net/ws'],
      ['ftp', '10.0.0.5', undefined, 'ftp://10.0.0.5/f'],
    ],
  );
  assert.deepEqual(extractUrls('http://%s/api and "http://" + host and file:///sdcard/x'), []);
  assert.equal(extractUrls('HTTP://EXAMPLE.ORG/')[0].host, 'example.org');
  assert.ok(isNamespaceUrl(extractUrls('http://schemas.android.com/apk/res/android')[0]));
  assert.ok(isNamespaceUrl(extractUrls('http://www.w3.org/2001/XMLSchema')[0]));
  assert.ok(!isNamespaceUrl(extractUrls('http://api.bank.net/v1')[0]));
  assert.ok(isLocalHost('10.0.2.2') && isLocalHost('localhost') && isLocalHost('127.0.0.1'));
  assert.ok(!isLocalHost('10.0.2.3'));
});

test('the scanner stays fast: 40,000 mixed strings in well under a second', () => {
  const strings: string[] = [];
  for (let i = 0; i < 40000; i++) {
    const k = i % 5;
    strings.push(
      k === 0
        ? `Lcom/example/pkg${i}/Class${i};`
        : k === 1
          ? `method${i}Name`
          : k === 2
            ? `https://h${i}.example.net/p`
            : k === 3
              ? fakeChars(24, undefined, i + 1)
              : `Some message ${i}`,
    );
  }
  const t0 = performance.now();
  let n = 0;
  for (const s of strings) {
    n += scanText(s).length + extractUrls(s).length;
  }
  const ms = performance.now() - t0;
  assert.equal(n, 8000);
  assert.ok(ms < 1500, `${ms} ms`);
});

test('bare hosts: names and IPs, not package names or file names', () => {
  assert.equal(bareHost('api.bank.co.ke')?.host, 'api.bank.co.ke');
  assert.equal(bareHost('api.bank.co.ke:8443')?.port, 8443);
  assert.equal(bareHost('41.90.1.2')?.host, '41.90.1.2');
  for (const v of [
    'com.example.app',
    'io.flutter.app',
    'config.json',
    'index.html',
    'co.ke',
    '999.1.1.1',
    'Api.Bank.com',
    'v1.2',
    'a.b',
  ]) {
    assert.equal(bareHost(v), undefined, v);
  }
});

test('snippets replace the secret by its redaction and flatten lines', () => {
  const text = 'line1\nkey = SECRETVALUE123456\nline3';
  const at = text.indexOf('SECRET');
  assert.equal(snippetAround(text, at, 17, redact('SECRETVALUE123456'), 6), 'key = SECR…56 (17 chars) line3');
});

test('property: scanning arbitrary text never throws, and every hit points at its secret', () => {
  const pieces = fc.constantFrom(
    'password=',
    'api_key: "',
    '-----BEGIN RSA PRIV' + 'ATE KEY-----\n',
    'https://u:',
    '@h.net/',
    'eyJ',
    'AK' + 'IA',
    'sk' + '_live_',
    '"',
    ' ',
    '\n',
    '.',
    ':',
  );
  const text = fc
    .array(fc.oneof(pieces, fc.string({ maxLength: 40 }), fc.constant(fakeChars(24))), { maxLength: 30 })
    .map((a) => a.join(''));
  fc.assert(
    fc.property(text, (t) => {
      for (const h of scanText(t)) {
        assert.equal(t.slice(h.index, h.index + h.secret.length), h.secret);
        if (h.secret.length >= 12) assert.ok(!h.redacted.includes(h.secret));
      }
      for (const u of extractUrls(t)) assert.equal(t.slice(u.index, u.index + u.url.length), u.url);
    }),
    { seed: 20261125, numRuns: 400 },
  );
});
