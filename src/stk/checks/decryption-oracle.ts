/** STK-007: the PoR echoes in clear what the card deciphered from an unauthenticated command. */
import { toHex, writeUint } from '../hex.js';
import {
  SRLABS_SIMTESTER,
  commandEvidence,
  defineStkCheck,
  firstPerKey,
  porInClear,
  responseEvidence,
  tarLabel,
} from './lib.js';

export default defineStkCheck({
  id: 'STK-007',
  name: 'por-decryption-oracle',
  title: 'PoR reveals deciphered command data in clear',
  description:
    'The command was ciphered and not authenticated (its checksum failed), yet the card returned an unciphered PoR carrying the counter (and data) it deciphered: an attacker who sends chosen ciphertext learns its decryption under the card key.',
  severity: 'high',
  confidence: 'medium',
  refs: { masvs: [], cwe: [200], figi: ['FIGI-USSD-3.5'], other: [SRLABS_SIMTESTER] },
  messages: {
    confirmed:
      'TAR {tar}: PoR (status {status}) echoes in clear the counter {cntr} deciphered from a command that failed authentication.',
    likely:
      'TAR {tar}: PoR (status {status}) to a ciphered command is in clear and carries a non-zero counter {cntr} (probably the deciphered CNTR).',
  },
  remediation:
    'Answer commands that fail authentication with a PoR that echoes nothing deciphered (zero counter, no data) or send no PoR.',
  run(ctx, report) {
    if (ctx.source !== 'capture') return;
    const hits = ctx.capture.exchanges.flatMap((x) => {
      const c = x.command;
      const r = x.response;
      if (!c || !r || !c.spi.ciphered || !porInClear(r) || r.cntr === undefined) return [];
      const failed = r.status !== 0x00 || c.verification?.status === 'mismatch';
      if (!failed) return [];
      if (c.readable && c.cntr !== undefined)
        return r.cntr === c.cntr && r.cntr !== 0 ? [{ x, messageId: 'confirmed' }] : [];
      return r.cntr !== 0 ? [{ x, messageId: 'likely' }] : [];
    });
    for (const { x, messageId } of firstPerKey(hits, (h) => h.x.command?.tar)) {
      report({
        messageId,
        data: {
          tar: tarLabel(x.command?.tar ?? ''),
          status: x.response?.statusText ?? '',
          cntr: toHex(writeUint(x.response?.cntr ?? 0, 5)),
        },
        confidence: messageId === 'confirmed' ? 'high' : 'medium',
        evidence: [responseEvidence(x, 'CNTR'), commandEvidence(x, 'ciphered part')],
      });
    }
  },
});
