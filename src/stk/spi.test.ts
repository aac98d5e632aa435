/** SPI/KIc/KID naming, PoR status names, TAR lookup, the SMS envelope details. Worked values: notes §3.2–3.4. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCommandPacket } from './command.js';
import { parseHex, toHex } from './hex.js';
import { decodeSecuredPacket } from './input.js';
import { buildResponsePacket } from './response.js';
import { parseTpdu } from './sms.js';
import { decodeKic, decodeKid, decodeSpi, describeSpi, encodeKic, encodeKid, encodeSpi } from './spi.js';
import { POR_STATUS, porStatusName } from './status.js';
import { isBrowserTar, isManagementTar, lookupTar } from './tar.js';

test('SPI worked values (notes §3.2)', () => {
  assert.deepEqual(decodeSpi(0x06, 0x19), {
    checksum: 'cc',
    ciphered: true,
    counter: 'none',
    por: 'always',
    porChecksum: 'cc',
    porCiphered: true,
    porViaSubmit: false,
    reserved1: 0,
    reserved2: 0,
  });
  assert.equal(decodeSpi(0x06, 0x09).porCiphered, false);
  assert.equal(decodeSpi(0x06, 0x01).porChecksum, 'none');
  const s = decodeSpi(0x02, 0x21);
  assert.deepEqual([s.checksum, s.ciphered, s.porViaSubmit, s.por], ['cc', false, true, 'always']);
  const none = decodeSpi(0x00, 0x00);
  assert.deepEqual([none.checksum, none.counter, none.por], ['none', 'none', 'none']);
  assert.deepEqual(
    [0x00, 0x08, 0x10, 0x18].map((b) => decodeSpi(b, 0).counter),
    ['none', 'present', 'higher', 'one-higher'],
  );
  assert.deepEqual(
    [0, 1, 2, 3].map((b) => decodeSpi(0, b).por),
    ['none', 'always', 'on-error', 'reserved'],
  );
  assert.match(describeSpi(decodeSpi(0xe0, 0xc0)).join('\n'), /reserved bits set: e0 c0/);
  for (let a = 0; a < 256; a++)
    for (const b of [0x00, 0x15, 0x3f]) assert.deepEqual(encodeSpi(decodeSpi(a, b)), [a, b & 0xff]);
});

test('KIc / KID algorithm fields (notes §3.2)', () => {
  assert.deepEqual(decodeKic(0x35), { raw: 0x35, keyIndex: 3, algorithm: '3des-2key' });
  assert.equal(decodeKic(0x22).algorithm, 'aes-cbc');
  assert.equal(decodeKic(0x11).algorithm, 'des-cbc');
  assert.equal(decodeKic(0x19).algorithm, '3des-3key');
  assert.equal(decodeKic(0x1d).algorithm, 'des-ecb');
  assert.equal(decodeKic(0x10).algorithm, 'implicit');
  assert.equal(decodeKic(0x13).algorithm, 'proprietary');
  assert.equal(decodeKid(0x22, 'cc').algorithm, 'aes-cmac');
  assert.equal(decodeKid(0x1d, 'cc').algorithm, 'reserved'); // DES-ECB not allowed for CC
  assert.equal(decodeKid(0x01, 'rc').algorithm, 'crc16');
  assert.equal(decodeKid(0x05, 'rc').algorithm, 'crc32');
  assert.equal(encodeKic('3des-2key', 3), 0x35);
  assert.equal(encodeKid('aes-cmac', 2, 'cc'), 0x22);
  assert.equal(encodeKid('crc32', 0, 'rc'), 0x05);
  assert.throws(() => encodeKic('rot13', 1), { name: 'InputError' });
  assert.throws(() => encodeKic('aes-cbc', 16), { name: 'InputError' });
});

test('PoR status codes 00–0C are named; others are reserved', () => {
  assert.equal(Object.keys(POR_STATUS).length, 13);
  assert.equal(porStatusName(0x09), 'tar-unknown');
  assert.equal(porStatusName(0x0a), 'insufficient-security-level');
  assert.equal(porStatusName(0x42), 'reserved');
});

test('known TARs and ranges', () => {
  assert.equal(lookupTar('b00011')?.name, 'USIM RFM');
  assert.ok(isManagementTar('000000') && isManagementTar('B0ABCD'));
  assert.ok(
    isBrowserTar('505348') && isBrowserTar('534054') && isBrowserTar('000005') && isBrowserTar('BFFF42'),
  );
  assert.ok(!isBrowserTar('00000A') && !isManagementTar('ABCDEF'));
  assert.equal(lookupTar('ABCDEF'), undefined);
});

test('a PoR sent by SMS-SUBMIT (SPI octet 2 b6) is unwrapped and verified', () => {
  const cmd = decodeCommandPacket(
    parseHex('00201506093535b00011c49ac91ab8159ba5b83a54fb6385e0a5e31694f8b215fafc'),
  );
  const keys = {
    kic: parseHex('300102030405060708090a0b0c0d0e0f'),
    kid: parseHex('301102030405060708090a0b0c0d0e0f'),
  };
  const security = { spi: { ...cmd.spi, porViaSubmit: true }, kic: 0x35, kid: 0x35 };
  const por = buildResponsePacket({ security, tar: 'B00011', status: 0, data: parseHex('016132'), keys });
  // pySim vector 2's PoR (notes §3.6): the same bytes whatever the transport.
  assert.equal(toHex(por), '027100001612b0001100000000000000b5bcd6353a421fae016132');
  const submit = parseHex(`4100048121437ff6${por.length.toString(16).padStart(2, '0')}${toHex(por)}`);
  const t = parseTpdu(submit);
  assert.equal(t.mti, 'submit');
  assert.equal(t.address, '1234');
  assert.ok(t.responsePacket);
  const d = decodeSecuredPacket(submit, { security, keys });
  assert.equal(d.kind, 'response');
  assert.equal(d.envelope, 'tpdu');
  assert.equal(d.packet.verification?.status, 'ok');
});

test('anomalies: trailing bytes, CHL not matching the KID, PCNTR larger than the data, non-8-bit DCS', () => {
  const p = decodeCommandPacket(parseHex('00150d00193535b0000000000000000000a40000023f00ffff'));
  assert.deepEqual(
    p.anomalies.map((a) => a.code),
    ['trailing-bytes'],
  );
  const chl = decodeCommandPacket(parseHex('00151102193535b0000000000000000000a40000023f00'));
  assert.ok(chl.anomalies.some((a) => a.code === 'chl-mismatch'));
  const pc = decodeCommandPacket(parseHex('00150d00193535b000000000000000ff00a40000023f00'));
  assert.ok(pc.anomalies.some((a) => a.code === 'pcntr-too-large'));
  const implicit = decodeCommandPacket(parseHex('00100d04003035b000000011223344556677'), {
    kic: parseHex('0123456789abcdef'),
  });
  assert.equal(implicit.readable, false);
  assert.ok(implicit.anomalies.some((a) => a.code === 'cannot-decipher'));
  const t = parseTpdu(parseHex('400881214365877f0022705200000000030270000102'));
  assert.ok(t.anomalies.some((a) => a.code === 'not-8bit-dcs'));
});
