/** STK-003: single DES keys (56 bits) for ciphering or the cryptographic checksum. */
import { hex2, isSingleDes } from '../spi.js';
import {
  PROCESSED,
  SRLABS_SIMTESTER,
  TS_102_225,
  commandEvidence,
  defineStkCheck,
  firstPerKey,
  profileEvidence,
  tarLabel,
} from './lib.js';

/** The card holds and accepted the DES keyset: processed, or got as far as the counter (02/03). */
const ACCEPTED = new Set([...PROCESSED, 0x02, 0x03]);

export default defineStkCheck({
  id: 'STK-003',
  name: 'single-des',
  title: 'SIM OTA keys use single DES',
  description:
    'Single DES (KIc/KID algorithm DES-CBC or DES-ECB) has a 56-bit key: one known plaintext/ciphertext or MAC pair (e.g. a signed PoR) lets an attacker recover the key (Nohl, 2013) and then sign any OTA command.',
  severity: 'high',
  confidence: 'high',
  refs: {
    masvs: [],
    cwe: [327, 326],
    figi: ['FIGI-USSD-3.5', 'FIGI-USSD-3.8'],
    other: [TS_102_225, SRLABS_SIMTESTER],
  },
  messages: {
    profile: 'Profile row for TAR {tar} accepts single DES ({which} {alg}).',
    capture: 'TAR {tar} accepted a command secured with a single-DES key ({which} {octet}: {alg}).',
  },
  remediation:
    'Rotate the OTA keysets to 3DES 3-key or AES (KIc/KID 0x9 / 0x2) and disable DES keysets on the card.',
  run(ctx, report) {
    if (ctx.source === 'profile') {
      for (const e of ctx.profile.entries) {
        const kic = e.kicAlgorithms.find(isSingleDes);
        const kid = e.kidAlgorithms.find(isSingleDes);
        if (kic)
          report({
            messageId: 'profile',
            data: { tar: tarLabel(e.tar), which: 'KIc', alg: kic },
            evidence: profileEvidence(e, 'KIc', kic === 'des-ecb' ? '0d' : '01'),
          });
        if (kid)
          report({
            messageId: 'profile',
            data: { tar: tarLabel(e.tar), which: 'KID', alg: kid },
            evidence: profileEvidence(e, 'KID', '01'),
          });
      }
      return;
    }
    const uses = ctx.capture.exchanges.flatMap((x) => {
      const c = x.command;
      const st = x.response?.status;
      if (!c || st === undefined || !ACCEPTED.has(st)) return [];
      const out: { x: typeof x; which: 'KIc' | 'KID'; octet: number; alg: string }[] = [];
      if (c.spi.ciphered && isSingleDes(c.kic.algorithm))
        out.push({ x, which: 'KIc', octet: c.kic.raw, alg: c.kic.algorithm });
      if (c.spi.checksum === 'cc' && isSingleDes(c.kid.algorithm))
        out.push({ x, which: 'KID', octet: c.kid.raw, alg: c.kid.algorithm });
      return out;
    });
    for (const u of firstPerKey(uses, (u) => `${u.x.command?.tar}/${u.which}`)) {
      report({
        messageId: 'capture',
        data: { tar: tarLabel(u.x.command?.tar ?? ''), which: u.which, octet: hex2(u.octet), alg: u.alg },
        evidence: commandEvidence(u.x, u.which),
      });
    }
  },
});
