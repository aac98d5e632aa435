import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configToString, readConfig } from './config.js';
import { config } from './testing/build.js';

function name(fields: Record<number, number>, size = 64): string {
  const b = config(fields); // 64 bytes written; `size` is what the header declares
  return configToString(readConfig(b, new DataView(b.buffer), 0, size, b.length));
}

test('the default configuration has an empty qualifier', () => {
  assert.equal(name({}), '');
});

test('locales: two-letter, region, packed three-letter, BCP 47 with script', () => {
  assert.equal(name({ 8: 0x66, 9: 0x72 }), 'fr');
  assert.equal(name({ 8: 0x66, 9: 0x72, 10: 0x43, 11: 0x41 }), 'fr-rCA');
  // "fil" packed: first=f(5) second=i(8) third=l(11): b0 = 0x80 | (11 << 2) | (8 >> 3), b1 = ((8 & 7) << 5) | 5
  assert.equal(name({ 8: 0x80 | (11 << 2) | 1, 9: 5 }), 'fil');
  // region "419" packed with base '0': 4, 1, 9
  assert.equal(name({ 8: 0x65, 9: 0x73, 10: 0x80 | (9 << 2) | 0, 11: (1 << 5) | 4 }), 'es-r419');
  // sr with script Latn → b+sr+Latn
  assert.equal(name({ 8: 0x73, 9: 0x72, 36: 0x4c, 37: 0x61, 38: 0x74, 39: 0x6e }), 'b+sr+Latn');
  // ... unless the script is marked as computed; a variant or numbering system forces the b+ form.
  assert.equal(name({ 8: 0x73, 9: 0x72, 36: 0x4c, 37: 0x61, 38: 0x74, 39: 0x6e, 52: 1 }), 'sr');
  assert.equal(
    name({ 8: 0x64, 9: 0x65, 10: 0x44, 11: 0x45, 40: 0x31, 41: 0x39, 42: 0x30, 43: 0x31 }),
    'b+de+DE+1901',
  );
  assert.equal(name({ 8: 0x61, 9: 0x72, 53: 0x61, 54: 0x72, 55: 0x61, 56: 0x62 }), 'b+ar+u+nu+arab');
});

test('qualifiers come out in aapt order', () => {
  assert.equal(name({ 4: 310 & 0xff, 5: 310 >> 8, 6: 4 }), 'mcc310-mnc4');
  assert.equal(name({ 24: 21 }), 'v21');
  assert.equal(name({ 14: 0x40, 15: 0x01, 24: 4 }), 'xhdpi-v4'); // 320
  assert.equal(name({ 29: 0x20 }), 'night');
  assert.equal(name({ 12: 2 }), 'land');
  assert.equal(name({ 30: 0x58, 31: 0x02, 24: 13 }), 'sw600dp-v13');
  assert.equal(name({ 28: 0x80 | 0x03, 14: 0xf0, 24: 17 }), 'ldrtl-large-hdpi-v17');
  assert.equal(name({ 29: 0x06, 48: 0x02 }), 'round-watch');
  assert.equal(name({ 49: 0x0a }), 'widecg-highdr');
  assert.equal(name({ 13: 3, 16: 1, 17: 2, 18: 0x0a }), 'finger-keyshidden-nokeys-navhidden-dpad');
  assert.equal(name({ 14: 0xff, 15: 0xff }), 'nodpi');
  assert.equal(name({ 14: 0xfe, 15: 0xff }), 'anydpi');
  assert.equal(name({ 14: 100 }), '100dpi');
  assert.equal(name({ 20: 0x40, 21: 0x01, 22: 0xe0, 23: 0x01 }), '320x480');
  assert.equal(name({ 8: 0x66, 9: 0x72, 19: 2 }), 'fr-feminine');
});

test('fields past a small config size read as zero', () => {
  // A 28-byte config (Android 1.x) cannot carry uiMode; the byte after it is not read.
  assert.equal(name({ 24: 4, 29: 0x20 }, 28), 'v4');
});
