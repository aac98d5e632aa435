/** STK-005: a PoR with a cryptographic checksum in clear, to a failed or unauthenticated command. */
import { isSingleDes } from '../spi.js';
import {
  SRLABS_SIMTESTER,
  TS_102_225,
  defineStkCheck,
  firstPerKey,
  nonZero,
  porInClear,
  profileEvidence,
  responseEvidence,
  tarLabel,
} from './lib.js';

export default defineStkCheck({
  id: 'STK-005',
  name: 'signed-por-on-failure',
  title: 'Card signs its PoR for a command it did not authenticate (key-cracking material)',
  description:
    'A PoR whose CC is returned in clear, over predictable plaintext, for a command that failed its own security check or carried none, gives an attacker a MAC of known data under the card key on demand. With DES keys this is enough to recover the key (SRLabs, 2013).',
  severity: 'high',
  confidence: 'high',
  refs: {
    masvs: [],
    cwe: [200, 327],
    figi: ['FIGI-USSD-3.5', 'FIGI-USSD-3.8'],
    other: [SRLABS_SIMTESTER, TS_102_225],
  },
  messages: {
    failed:
      'TAR {tar} answered a failed command (PoR status {status}) with a PoR carrying CC {cc} in clear{des}.',
    unauthenticated:
      'TAR {tar} answered a command with no cryptographic checksum (SPI {spi}) with a PoR carrying CC {cc} in clear{des}.',
    profile: 'Profile row for TAR {tar} says the card returns a signed PoR on errors{des}.',
  },
  remediation:
    'Configure the card to answer failed or unauthenticated commands with an unsigned PoR (or none), and move off DES keys.',
  run(ctx, report) {
    if (ctx.source === 'profile') {
      for (const e of ctx.profile.entries) {
        if (!e.signedPorOnError) continue;
        const des = e.kidAlgorithms.some(isSingleDes);
        report({
          messageId: 'profile',
          data: { tar: tarLabel(e.tar), des: des ? ' with a single-DES KID' : '' },
          severity: des ? 'critical' : 'high',
          evidence: profileEvidence(e, 'PoR CC', '01'),
        });
      }
      return;
    }
    const hits = ctx.capture.exchanges.flatMap((x) => {
      const r = x.response;
      const c = x.command;
      if (!r || !c || !porInClear(r) || !nonZero(r.checksum)) return [];
      const failed = r.status !== 0x00 || c.verification?.status === 'mismatch';
      const unauth = c.spi.checksum === 'none' || c.spi.checksum === 'rc';
      if (!failed && !unauth) return [];
      return [{ x, messageId: failed ? 'failed' : 'unauthenticated' }];
    });
    for (const { x, messageId } of firstPerKey(hits, (h) => `${h.x.command?.tar}/${h.messageId}`)) {
      const c = x.command;
      const r = x.response;
      const des = !!c && isSingleDes(c.kid.algorithm) && c.spi.porChecksum === 'cc';
      report({
        messageId,
        data: {
          tar: tarLabel(c?.tar ?? ''),
          status: r?.statusText ?? '',
          spi: c ? c.spiBytes.map((b) => b.toString(16).padStart(2, '0')).join('') : '',
          cc: r?.checksum ? Buffer.from(r.checksum).toString('hex') : '',
          des: des ? ' under a single-DES key' : '',
        },
        severity: des ? 'critical' : 'high',
        evidence: responseEvidence(x, messageId === 'failed' ? 'CC on error' : 'CC'),
      });
    }
  },
});
