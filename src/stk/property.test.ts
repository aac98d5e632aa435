/** Property tests (fixed seeds): build→decode identity over every SPI/KIc/KID combination; hostile bytes give typed errors only. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDfslabError } from '../core/errors.js';
import { buildCommandPacket, decodeCommandPacket } from './command.js';
import { toHex } from './hex.js';
import { decodeSecuredPacket } from './input.js';
import { buildResponsePacket, decodeResponsePacket } from './response.js';
import { buildDeliverTpdus, parseTpdu } from './sms.js';
import type { ChecksumKind, CounterMode } from './spi.js';
import { decodeSpi, encodeKic, encodeKid, encodeSpi } from './spi.js';

const KEY_LEN: Record<string, number> = {
  'des-cbc': 8,
  'des-ecb': 8,
  '3des-2key': 16,
  '3des-3key': 24,
  'aes-cbc': 16,
  'aes-cmac': 16,
};
const KIC_ALGS = ['des-cbc', '3des-2key', '3des-3key', 'des-ecb', 'aes-cbc'];
const KID_ALGS: Record<'none' | 'rc' | 'cc', string[]> = {
  none: ['implicit'],
  rc: ['crc16', 'crc32'],
  cc: ['des-cbc', '3des-2key', '3des-3key', 'aes-cmac'],
};
const COUNTERS: CounterMode[] = ['none', 'present', 'higher', 'one-higher'];

function key(alg: string, seed: number): Uint8Array {
  return new Uint8Array(KEY_LEN[alg] ?? 16).map((_, i) => (i * 37 + seed * 11 + 5) & 0xff);
}

test('build → decode is the identity for every SPI octet-1, KIc and KID combination (and every SPI octet 2 on the PoR)', () => {
  const rnd = fc.sample(
    fc.tuple(
      fc.uint8Array({ maxLength: 48 }),
      fc.integer({ min: 0, max: 2 ** 40 - 1 }),
      fc.uint8Array({ minLength: 3, maxLength: 3 }),
    ),
    { seed: 4242, numRuns: 2000 },
  );
  let n = 0;
  for (const checksum of ['none', 'rc', 'cc'] as const) {
    for (const ciphered of [false, true]) {
      for (const counter of COUNTERS) {
        for (const kicAlg of KIC_ALGS) {
          for (const kidAlg of KID_ALGS[checksum]) {
            for (let spi2 = 0; spi2 < 0x40; spi2 += ciphered ? 1 : 7) {
              const [data, cntr, tar] = rnd[n++ % rnd.length];
              const por = decodeSpi(0, spi2);
              const porKind: ChecksumKind = por.porChecksum === 'ds' ? 'none' : por.porChecksum;
              const porKidAlg =
                porKind === 'none'
                  ? 'implicit'
                  : porKind === 'rc'
                    ? 'crc32'
                    : kidAlg === 'implicit' || kidAlg.startsWith('crc')
                      ? 'aes-cmac'
                      : kidAlg;
              const kidOctet = encodeKid(
                checksum === 'none' ? porKidAlg : kidAlg,
                3,
                checksum === 'none' ? (porKind === 'rc' ? 'rc' : 'cc') : checksum,
              );
              const spi = { ...por, porChecksum: porKind, checksum, ciphered, counter };
              const [s1, s2] = encodeSpi(spi);
              const keys = { kic: key(kicAlg, n), kid: key(checksum === 'none' ? porKidAlg : kidAlg, n + 1) };
              const kicOctet = encodeKic(kicAlg, 2);
              const pkt = buildCommandPacket({
                spi: [s1, s2],
                kic: kicOctet,
                kid: kidOctet,
                tar,
                cntr,
                data,
                keys,
              });
              const d = decodeCommandPacket(pkt, keys);
              const ctx = `SPI ${s1.toString(16)} ${s2.toString(16)} KIc ${kicAlg} KID ${kidAlg}`;
              assert.deepEqual(
                [d.spiBytes[0], d.spiBytes[1], d.kic.raw, d.kid.raw, d.tar, d.cntr, toHex(d.data!)],
                [s1, s2, kicOctet, kidOctet, toHex(tar).toUpperCase(), cntr, toHex(data)],
                ctx,
              );
              assert.equal(d.readable, true, ctx);
              assert.deepEqual(d.anomalies, [], ctx);
              if (checksum !== 'none') assert.equal(d.verification?.status, 'ok', ctx);
              // The PoR the card would send back, secured as SPI octet 2 asks.
              if (checksum !== 'none' && porKind !== 'none' && porKind !== checksum) continue; // one KID octet cannot name both
              const security = { spi: d.spi, kic: kicOctet, kid: kidOctet };
              const porBytes = buildResponsePacket({
                security,
                tar,
                cntr,
                status: 0,
                data: data.subarray(0, 20),
                keys,
              });
              const r = decodeResponsePacket(porBytes, security, keys);
              assert.deepEqual(
                [r.status, r.cntr, toHex(r.data!), r.state === 'ciphered'],
                [0, cntr, toHex(data.subarray(0, 20)), false],
                `PoR ${ctx}`,
              );
              if (porKind !== 'none') assert.equal(r.verification?.status, 'ok', `PoR ${ctx}`);
            }
          }
        }
      }
    }
  }
  assert.ok(n > 1000);
});

const SEEDS = [
  buildCommandPacket({
    spi: [0x16, 0x39],
    kic: 0x11,
    kid: 0x11,
    tar: 'B00010',
    cntr: 5,
    data: new Uint8Array(30).fill(0xa5),
    keys: { kic: key('des-cbc', 1), kid: key('des-cbc', 2) },
  }),
  buildCommandPacket({
    spi: [0x02, 0x21],
    kic: 0x00,
    kid: 0x35,
    tar: '505348',
    data: new Uint8Array(12),
    keys: { kid: key('3des-2key', 1) },
  }),
  new Uint8Array(Buffer.from('027100001c12b000118bb989492c632529326a2f4681feb37c825bc9021c9f6d0b', 'hex')),
  ...buildDeliverTpdus({
    packet: new Uint8Array(
      Buffer.from('00201506193535b00011ae733256918d050b87c94fbfe12e4dc402f262c41cf67f2f', 'hex'),
    ),
  }),
];
const KEYS = { kic: key('des-cbc', 1), kid: key('des-cbc', 2) };

function onlyTyped(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (isDfslabError(e)) return true;
    throw e;
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), v: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('huge' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 20 }) }),
);

test('mutated packets and TPDUs: decoding returns or throws a DfslabError (with and without keys)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: SEEDS.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (i, muts) => {
        let b = new Uint8Array(SEEDS[i]);
        for (const m of muts) {
          const at = b.length ? m.at % b.length : 0;
          if (m.kind === 'truncate') b = b.slice(0, at);
          else if (m.kind === 'flip' && b.length) b[at] ^= m.v;
          else if (m.kind === 'huge' && b.length > at + 1) b.set([0xff, 0xff], at);
          else if (m.kind === 'splice')
            b = new Uint8Array([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
        }
        for (const as of ['auto', 'command', 'response', 'tpdu'] as const) {
          onlyTyped(() => decodeSecuredPacket(b, { as }));
          onlyTyped(() =>
            decodeSecuredPacket(b, {
              as,
              keys: KEYS,
              security: { spi: decodeSpi(0x16, 0x39), kic: 0x11, kid: 0x11 },
            }),
          );
        }
        onlyTyped(() => parseTpdu(b));
        return true;
      },
    ),
    { seed: 20261125, numRuns: 3000 },
  );
});

test('random bytes never crash the codec', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      onlyTyped(() => decodeSecuredPacket(b));
      onlyTyped(() => decodeCommandPacket(b, KEYS));
      onlyTyped(() =>
        decodeResponsePacket(
          b,
          { spi: decodeSpi(0x06, 0x19), kic: 0x22, kid: 0x22 },
          { kic: key('aes-cbc', 1), kid: key('aes-cmac', 2) },
        ),
      );
      return true;
    }),
    { seed: 777, numRuns: 3000 },
  );
});

test('malformed packets give FormatErrors with a reason', () => {
  const bad: [string, RegExp][] = [
    ['', /truncated header/],
    ['0020', /truncated header/],
    ['00ff1506193535b00011ae73', /CPL 255 exceeds/],
    ['000c0c06193535b0001100000000', /CHL 12 is below/],
    ['000d2006193535b000110000000000', /CHL 32 exceeds CPL/],
    ['00100d00193535b000110000000000', /CPL 16 exceeds/],
  ];
  for (const [hex, re] of bad) {
    assert.throws(
      () => decodeCommandPacket(new Uint8Array(Buffer.from(hex, 'hex'))),
      (e: unknown) => isDfslabError(e) && e.name === 'FormatError' && re.test(e.message),
      hex,
    );
  }
  // Ciphered part not a whole number of blocks, with a key given.
  assert.throws(
    () =>
      decodeCommandPacket(new Uint8Array(Buffer.from('00110d04193535b00011000000000000000000', 'hex')), KEYS),
    { name: 'FormatError' },
  );
  assert.throws(() => decodeResponsePacket(new Uint8Array(Buffer.from('0271000009', 'hex'))), {
    name: 'FormatError',
  });
});
