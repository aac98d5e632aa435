import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BALANCE_PATTERN,
  maskSecret,
  menuOptions,
  recognisePrompt,
  screenSize,
  showsSecret,
} from './screen.js';

describe('screenSize', () => {
  it('counts GSM-7 septets, extension characters twice', () => {
    assert.deepEqual(screenSize('a'.repeat(182)), { encoding: 'gsm7', units: 182, limit: 182, fits: true });
    assert.equal(screenSize('a'.repeat(183)).fits, false);
    assert.equal(screenSize('€'.repeat(91)).units, 182);
    assert.equal(screenSize('{'.repeat(92)).fits, false);
    assert.equal(screenSize('Ä é ñ £').encoding, 'gsm7');
  });
  it('switches to UCS-2 (80 characters) for anything outside GSM-7', () => {
    assert.deepEqual(screenSize('ş'.repeat(80)), { encoding: 'ucs2', units: 80, limit: 80, fits: true });
    assert.equal(screenSize('ş'.repeat(81)).fits, false);
    assert.equal(screenSize('😀').units, 2, 'a surrogate pair is two UCS-2 units');
  });
});

describe('recognisePrompt', () => {
  const cases: [string, string][] = [
    ['Welcome\n1. Balance\n2. Send money\n3. Airtime', 'choice'],
    ['Send KES 10 to 0700?\n1. Confirm\n2. Cancel', 'confirm'],
    ['Enter PIN:', 'pin'],
    ['Wrong PIN. Enter PIN:', 'pin'],
    ['Enter your 4-digit M-PIN', 'pin'],
    ['Enter amount:', 'amount'],
    ['How much do you want to send?', 'amount'],
    ['Enter recipient phone number:', 'phone'],
    ['Enter mobile number', 'phone'],
    ['Enter your name', 'text'],
    ['', 'none'],
  ];
  for (const [text, kind] of cases)
    it(`${JSON.stringify(text)} → ${kind}`, () => assert.equal(recognisePrompt(text).kind, kind));
  it('reads option keys and labels', () => {
    assert.deepEqual(menuOptions('Menu\n1. Balance\n2) Send\n0: Back\nfooter'), [
      { key: '1', label: 'Balance' },
      { key: '2', label: 'Send' },
      { key: '0', label: 'Back' },
    ]);
  });
});

describe('secrets and balances', () => {
  it('finds a PIN only as a separate number', () => {
    assert.equal(showsSecret('PIN 4821 OK', '4821'), true);
    assert.equal(showsSecret('Balance KES 148210', '4821'), false);
    assert.equal(showsSecret('anything', ''), false);
  });
  it('spots balances', () => {
    assert.ok(BALANCE_PATTERN.test('Your balance is KES 10,000.00'));
    assert.ok(BALANCE_PATTERN.test('Bal: GHS 20'));
    assert.ok(!BALANCE_PATTERN.test('Enter PIN:'));
  });
});

describe('maskSecret', () => {
  it('masks the PIN only where it stands alone', () => {
    assert.equal(maskSecret('text=2*0700*10*4821&x=1', '4821'), 'text=2*0700*10*<PIN>&x=1');
    assert.equal(maskSecret('4821 then 14821 and 48210', '4821'), '<PIN> then 14821 and 48210');
    assert.equal(maskSecret('"4821"', '4821', '#'), '"#"');
    assert.equal(maskSecret('4821', undefined), '4821');
  });
});
