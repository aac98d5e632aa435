import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanKnownFormats, scanText } from './index.js';
import { FAKE, fakeChars, fakeHex, fakeJwt, fakePem } from './testing.js';

const detectorsOf = (text: string): string[] => scanText(text).map((h) => h.detector);

test('known formats: each fake credential is found by its detector, with its provider', () => {
  const cases: [string, string, string | undefined][] = [
    [FAKE.aws, 'aws-access-key-id', 'AWS'],
    [FAKE.google, 'google-api-key', 'Google'],
    [FAKE.stripe, 'stripe-secret-key', 'Stripe'],
    [FAKE.stripeRestricted, 'stripe-secret-key', 'Stripe'],
    [FAKE.paystack, 'paystack-secret-key', 'Paystack'],
    [FAKE.flutterwave, 'flutterwave-secret-key', 'Flutterwave'],
    [FAKE.slack, 'slack-token', 'Slack'],
    [FAKE.github, 'github-token', 'GitHub'],
    [FAKE.mailgun, 'mailgun-api-key', 'Mailgun'],
    [FAKE.sendgrid, 'sendgrid-api-key', 'SendGrid'],
    [FAKE.twilioSk, 'twilio-api-key', 'Twilio'],
    [FAKE.fcm, 'firebase-server-key', 'Firebase (Google)'],
    [FAKE.demoWallet, 'live-secret-key', 'a payment provider (Stripe-style sk_live_ key)'],
  ];
  for (const [secret, detector, provider] of cases) {
    for (const text of [secret, `key = "${secret}";`, `Authorization: Bearer ${secret}\n`]) {
      const hits = scanKnownFormats(text);
      assert.equal(
        hits.length,
        1,
        `${detector} in ${JSON.stringify(text.slice(0, 30))}: ${hits.map((h) => h.detector).join()}`,
      );
      assert.equal(hits[0].detector, detector);
      assert.equal(hits[0].provider, provider);
      assert.equal(hits[0].secret, secret);
      assert.equal(text.indexOf(secret), hits[0].index);
      assert.ok(!hits[0].redacted.includes(secret.slice(4, -2)), 'the redaction hides the middle');
    }
  }
});

test('known formats: look-alikes are not reported', () => {
  const negatives = [
    'AKIAIOSFODNN7EXAMPLE', // AWS documentation example
    'XAKIA' + fakeChars(16, 'ABCDEFGHJKLMNPQRSTUVWXYZ234567', 3), // no boundary
    'AK' + 'IA' + 'abc', // too short
    FAKE.stripeTest, // test-mode key
    'sk' + '_live_', // prefix alone (a constant of an SDK)
    'sk' + '_live_YOUR_SECRET_KEY_HERE_PLEASE', // placeholder
    'FLW' + 'SECK_TEST-' + fakeHex(32), // Flutterwave test key
    'key-' + 'abcdefabcdefabcdefabcdefabcdefab', // hex-looking word, no digit
    'key-value',
    'SK' + 'ILL_LEVEL',
    'AI' + 'za' + 'Sy', // truncated
    '-----BEGIN RSA PRIV' + 'ATE KEY-----', // a PEM header constant of a parser
    '-----BEGIN PUBLIC KEY-----\n' + fakeChars(64) + '\n-----END PUBLIC KEY-----', // public key
    '-----BEGIN CERTIFICATE-----\n' + fakeChars(64) + '\n-----END CERTIFICATE-----',
    'eyJhbGciOiJIUzI1NiJ9.notjson.sig', // not a JWT
    'eyJ' + fakeChars(20) + '.eyJ' + fakeChars(20) + '.' + fakeChars(10), // base64 but not JSON
  ];
  for (const n of negatives) assert.deepEqual(detectorsOf(n), [], n.slice(0, 40));
});

test('PEM private keys: every type, with \\n or \\r\\n, and the header alone is not one', () => {
  for (const type of ['', 'RSA ', 'EC ', 'DSA ', 'OPENSSH ', 'ENCRYPTED ']) {
    for (const eol of ['\n', '\r\n', '\\n']) {
      const pem = fakePem(type, 5, eol);
      const hits = scanText(`prefix ${pem} suffix`);
      assert.equal(hits.length, 1, `${type}/${JSON.stringify(eol)}`);
      assert.equal(hits[0].kind, 'private-key');
      assert.match(hits[0].redacted, new RegExp(`^-----BEGIN ${type}PRIVATE KEY----- … \\(\\d+ chars\\)$`));
      assert.equal(hits[0].index, 7);
    }
  }
  // A key cut short (no END line) is still key material.
  assert.equal(scanText(fakePem('RSA ', 3).split('-----END')[0]).length, 1);
});

test('JWTs are decoded: alg, exp, claim names; invalid JSON is not a JWT', () => {
  const jwt = fakeJwt({ sub: 'user-1', role: 'merchant', exp: 4102444800 });
  const [hit] = scanText(`Bearer ${jwt}`);
  assert.equal(hit.kind, 'jwt');
  assert.equal(hit.jwt?.alg, 'HS256');
  assert.equal(hit.jwt?.exp, '2100-01-01T00:00:00.000Z');
  assert.deepEqual(hit.jwt?.claims, ['sub', 'role', 'exp']);
  assert.equal(hit.jwt?.unsigned, false);
  const none = scanText(fakeJwt({ admin: true }, 'none'));
  assert.equal(none[0].jwt?.unsigned, true);
  assert.equal(none[0].jwt?.exp, undefined);
});

test('a text with several credentials reports each once, in order', () => {
  const text = `{"aws":"${FAKE.aws}","stripe":"${FAKE.stripe}","jwt":"${fakeJwt({ a: 1 })}"}`;
  assert.deepEqual(detectorsOf(text), ['aws-access-key-id', 'stripe-secret-key', 'jwt']);
});
