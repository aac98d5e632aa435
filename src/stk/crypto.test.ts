import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aesCmac, cbcDecrypt, cbcEncrypt, cbcMac, crc16, crc32, ecbEncrypt } from './crypto.js';
import { parseHex, toHex } from './hex.js';

const H = parseHex;

// RFC 4493 §4 test vectors (AES-128 key, four message lengths).
const RFC4493_KEY = H('2b7e151628aed2a6abf7158809cf4f3c');
const RFC4493_MSG = H(
  '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710',
);
for (const [len, tag] of [
  [0, 'bb1d6929e95937287fa37d129b756746'],
  [16, '070a16b46b4d4144f79bdd9dd04a287c'],
  [40, 'dfa66747de9ae63030ca32611497c827'],
  [64, '51f0bebf7e3b9d92fc49741779363cfe'],
] as const) {
  test(`AES-CMAC: RFC 4493 example with a ${len}-byte message`, () => {
    assert.equal(toHex(aesCmac(RFC4493_KEY, RFC4493_MSG.subarray(0, len))), tag);
  });
}

test('AES-CMAC: a changed message or key changes the tag', () => {
  const m = RFC4493_MSG.slice(0, 40);
  m[39] ^= 1;
  assert.notEqual(toHex(aesCmac(RFC4493_KEY, m)), 'dfa66747de9ae63030ca32611497c827');
});

test('single DES via 3DES with K1=K2=K3: FIPS 81 example (key 0123456789abcdef, "Now is t")', () => {
  // FIPS PUB 81, appendix B, ECB example first block.
  assert.equal(toHex(ecbEncrypt('des', H('0123456789abcdef'), H('4e6f772069732074'))), '3fa40e8a984d4815');
});

test('CBC round trip for every block cipher, zero IV', () => {
  const data = H('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff');
  for (const [alg, key] of [
    ['des', H('0123456789abcdef')],
    ['3des-2key', H('300102030405060708090a0b0c0d0e0f')],
    ['3des-3key', H('300102030405060708090a0b0c0d0e0f1011121314151617')],
    ['aes', H('200102030405060708090a0b0c0d0e0f')],
  ] as const) {
    const c = cbcEncrypt(alg, key, data);
    assert.notEqual(toHex(c), toHex(data));
    assert.equal(toHex(cbcDecrypt(alg, key, c)), toHex(data));
  }
});

test('3DES 2-key equals 3-key with K3 = K1', () => {
  const k = H('300102030405060708090a0b0c0d0e0f');
  const k3 = H('300102030405060708090a0b0c0d0e0f3001020304050607');
  const d = H('0011223344556677');
  assert.equal(toHex(cbcMac('3des-2key', k, d)), toHex(cbcMac('3des-3key', k3, d)));
});

test('CBC-MAC zero-pads to the block and keeps the last block', () => {
  const k = H('0123456789abcdef');
  const d = H('01020304050607080910');
  const full = cbcEncrypt('des', k, H('01020304050607080910000000000000'));
  assert.equal(toHex(cbcMac('des', k, d)), toHex(full.subarray(8)));
});

test('wrong key lengths are InputErrors', () => {
  assert.throws(() => cbcEncrypt('3des-2key', H('0011'), new Uint8Array(8)), { name: 'InputError' });
  assert.throws(() => cbcEncrypt('aes', H('0011'), new Uint8Array(16)), { name: 'InputError' });
  assert.throws(() => cbcEncrypt('des', H('0123456789abcdef'), new Uint8Array(7)), { name: 'InputError' });
});

test('CRC16 (ISO/IEC 13239, X.25) and CRC32 check values over "123456789"', () => {
  // Catalogue check values: CRC-16/IBM-SDLC 0x906E, CRC-32/ISO-HDLC 0xCBF43926.
  const s = new TextEncoder().encode('123456789');
  assert.equal(crc16(s), 0x906e);
  assert.equal(crc32(s), 0xcbf43926);
});
