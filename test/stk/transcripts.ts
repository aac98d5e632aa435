/** The tester's probe set and the weak/strong simulated cards shared by the STK end-to-end tests. */
import { buildCommandPacket, buildDeliverTpdus, parseHex, toHex } from '../../src/stk/index.js';
import { SimCard, type CardPolicy } from './sim-card.js';

const DES = { kic: parseHex('0123456789abcdef'), kid: parseHex('fedcba9876543210') };
const AES = {
  kic: parseHex('200102030405060708090a0b0c0d0e0f'),
  kid: parseHex('201102030405060708090a0b0c0d0e0f'),
};
// S@T probe payload (SETUP CALL to +12345678900) as listed in the notes §3.4 (SIMtester data).
const SAT_PROBE = '42230121020744382E3130353105160604313035312D0C1003830607912143658709F02B00';
const SELECT = parseHex('00a40000023f00');

export const WEAK: CardPolicy = {
  keys: DES,
  kic: 0x11,
  kid: 0x11,
  tars: {
    B00000: { minChecksum: 'none', counterCheck: false, verifyChecksum: true },
    B00010: { minChecksum: 'rc', counterCheck: false, verifyChecksum: true },
    B00011: { minChecksum: 'cc', counterCheck: false, verifyChecksum: false },
    '000000': { minChecksum: 'cc', counterCheck: true, verifyChecksum: true },
    '505348': { minChecksum: 'none', counterCheck: false, verifyChecksum: true },
  },
  signPorOnError: true,
  echoDecryptedOnError: true,
};

export const STRONG: CardPolicy = {
  keys: AES,
  kic: 0x22,
  kid: 0x22,
  tars: {
    B00000: { minChecksum: 'cc', counterCheck: true, verifyChecksum: true },
    B00010: { minChecksum: 'cc', counterCheck: true, verifyChecksum: true },
    B00011: { minChecksum: 'cc', counterCheck: true, verifyChecksum: true },
    '000000': { minChecksum: 'cc', counterCheck: true, verifyChecksum: true },
  },
  signPorOnError: false,
  echoDecryptedOnError: false,
};

/** The tester's probes for a card whose keyset (octets and keys) the tester holds. */
export function probes(card: CardPolicy): Uint8Array[] {
  const own = { kic: card.kic, kid: card.kid, keys: card.keys };
  const legit = (tar: string, cntr: number) =>
    buildCommandPacket({ spi: [0x16, 0x19], ...own, tar, cntr, data: SELECT });
  const legitRam = legit('B00000', 1);
  return [
    legitRam,
    legitRam, // replay of the same packet
    legit('B00010', 1),
    buildCommandPacket({ spi: [0x00, 0x01], kic: 0, kid: 0, tar: 'B00000', data: SELECT }), // no security
    buildCommandPacket({ spi: [0x01, 0x01], kic: 0, kid: 0x05, tar: 'B00010', data: SELECT }), // RC (CRC32) only
    buildCommandPacket({
      spi: [0x16, 0x09],
      ...own,
      tar: '000000',
      cntr: 5,
      data: SELECT,
      forceChecksum: new Uint8Array(8),
    }), // dummy CC, ciphered
    buildCommandPacket({
      spi: [0x12, 0x09],
      ...own,
      tar: 'B00011',
      cntr: 9,
      data: SELECT,
      forceChecksum: new Uint8Array(8),
    }), // dummy CC
    buildCommandPacket({ spi: [0x00, 0x01], kic: 0, kid: 0, tar: '505348', data: parseHex(SAT_PROBE) }), // S@T, no security
    buildCommandPacket({ spi: [0x16, 0x19], ...own, tar: 'ABCDEF', cntr: 3, data: SELECT }), // unknown TAR
  ];
}

export function transcript(card: CardPolicy, withKeys: boolean): string {
  const sim = new SimCard(card);
  const exchanges = probes(card).map((p, i) => {
    const tpdu = buildDeliverTpdus({ packet: p, ref: i })[0];
    const por = sim.receive(p);
    return { command: toHex(tpdu), response: por ? toHex(por) : null, note: `probe ${i + 1}` };
  });
  const keys = withKeys ? { kic: toHex(card.keys.kic), kid: toHex(card.keys.kid) } : undefined;
  return JSON.stringify(
    { format: 'dfslab-stk-capture', name: 'simulated card', ...(keys ? { keys } : {}), exchanges },
    null,
    2,
  );
}
