import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../core/findings.js';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { FAKE, fakeChars } from '../../secrets/testing.js';
import check from './api-key.js';
import { constString, smaliClass, sput, stringsXml } from './lib/smali.js';

const CLS = 'org/dfslab/fixture/Payments';

function byDetector(f: Finding[], text: string): Finding {
  const found = f.find((x) => x.message.includes(text));
  assert.ok(found, `no finding mentions ${text}: ${f.map((x) => x.message).join(' | ')}`);
  return found;
}

test('AND-SECRET-002 hard-coded-api-key', async (t) => {
  const daraja = fakeChars(32, undefined, 77);
  // An ELF-looking binary with the key between NULs, as the NDK "hide the key in C" pattern leaves it.
  const native = Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
    Buffer.alloc(40),
    Buffer.from(`\0${FAKE.sendgrid}\0`),
    Buffer.alloc(16),
  ]);
  const config = `{\n  "flutterwave": { "secret": "${FAKE.flutterwave}" }\n}\n`;
  const [pos, neg] = await auditFixtures(t, check, [
    {
      smali: smaliClass(
        CLS,
        [{ name: 'STRIPE', value: FAKE.stripe }, { name: 'DEMO' }],
        [constString(0, FAKE.aws), constString(1, FAKE.demoWallet), sput(1, CLS, 'DEMO')],
      ),
      res: stringsXml({ google_api_key: FAKE.google, mpesa_consumer_secret: daraja }),
      files: {
        'assets/payments.json': config,
        'lib/arm64-v8a/libkeys.so': native,
        'lib/armeabi-v7a/libkeys.so': native,
      },
    },
    {
      smali: smaliClass(
        CLS,
        [{ name: 'STRIPE', value: FAKE.stripeTest }],
        [constString(0, 'sk' + '_live_'), constString(1, 'AKIAIOSFODNN7EXAMPLE')],
      ),
      res: stringsXml({ stripe_key: 'sk' + '_live_YOUR_KEY_HERE_REPLACE_ME', consumer_key_hint: daraja }),
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 7, f.map((x) => x.message).join('\n'));
  const sendgrid = byDetector(f, 'SendGrid');
  assert.deepEqual(
    sendgrid.evidence.map((e) => e.kind === 'file' && [e.file, e.byteOffset]),
    [['lib/arm64-v8a/libkeys.so', 49]],
  );

  const aws = byDetector(f, 'AWS access key id');
  assert.equal(aws.severity, 'high');
  const ev = aws.evidence[0];
  assert.equal(ev.kind, 'dex');
  if (ev.kind === 'dex') {
    assert.equal(ev.class, `L${CLS};`);
    assert.equal(ev.bytecodeOffset, 0);
  }

  const stripe = f.filter((x) => x.message.includes('for Stripe'));
  assert.equal(stripe.length, 1);
  assert.equal(stripe[0].evidence[0].kind, 'file');
  assert.match(JSON.stringify(stripe[0].evidence[0]), /Payments;->STRIPE = \\"sk_l…/);
  const demo = byDetector(f, 'live secret key (sk_live_ prefix)');
  assert.equal(demo.evidence[0].kind, 'dex');

  const google = byDetector(f, 'Google API key');
  assert.equal(google.severity, 'low');
  const gev = google.evidence[0];
  assert.equal(gev.kind, 'file');
  if (gev.kind === 'file') {
    assert.equal(gev.file, 'resources.arsc');
    assert.ok(typeof gev.byteOffset === 'number' && gev.byteOffset > 0);
    assert.match(gev.snippet ?? '', /^@string\/google_api_key \[default\] = "AIza…/);
  }

  const flw = byDetector(f, 'Flutterwave');
  const fev = flw.evidence[0];
  if (fev.kind === 'file') assert.equal(fev.byteOffset, config.indexOf('FLWSECK'));

  const mpesa = byDetector(f, 'M-Pesa Daraja');
  assert.equal(mpesa.confidence, 'medium');

  for (const x of f) {
    const text = JSON.stringify(x);
    for (const secret of [
      FAKE.sendgrid,
      FAKE.aws,
      FAKE.stripe,
      FAKE.google,
      FAKE.flutterwave,
      FAKE.demoWallet,
      daraja,
    ]) {
      assert.ok(!text.includes(secret), 'no full secret in a finding');
    }
  }
  assert.deepEqual(
    findingsOf(neg, check.id).map((x) => x.message),
    [],
  );
});
