/** STK-006: the card acted on a command whose checksum was wrong or a dummy (SIMtester "unprotected TAR"). */
import { isManagementTar } from '../tar.js';
import {
  SRLABS_SIMTESTER,
  commandEvidence,
  defineStkCheck,
  firstPerKey,
  nonZero,
  porInClear,
  responseEvidence,
  tarLabel,
} from './lib.js';

/** PoR statuses after which the card got past (or skipped) the checksum: OK, CNTR low, CNTR high. */
const PAST_CHECKSUM = new Set([0x00, 0x02, 0x03]);

export default defineStkCheck({
  id: 'STK-006',
  name: 'checksum-not-verified',
  title: 'Card processes commands whose cryptographic checksum is wrong',
  description:
    'The card answered a command with a wrong or all-zero CC with an unciphered PoR of status 00, 02 or 03: it processed the command or checked its counter without verifying the MAC, so the TAR is effectively unprotected.',
  severity: 'critical',
  confidence: 'high',
  refs: { masvs: [], cwe: [347, 306], figi: ['FIGI-USSD-3.5'], other: [SRLABS_SIMTESTER] },
  messages: {
    mismatch:
      'TAR {tar} answered a command whose {kind} does not verify (sent {received}, expected {computed}) with PoR status {status}.',
    dummy: 'TAR {tar} answered a command with an all-zero {kind} with PoR status {status}.',
  },
  remediation:
    'Fix the card OS/applet configuration so the checksum is verified before the counter and before any processing; answer with status 01 and no CC.',
  run(ctx, report) {
    if (ctx.source !== 'capture') return;
    const hits = ctx.capture.exchanges.flatMap((x) => {
      const c = x.command;
      const r = x.response;
      if (!c || !r || !porInClear(r) || r.status === undefined || !PAST_CHECKSUM.has(r.status)) return [];
      if (c.spi.checksum !== 'cc' && c.spi.checksum !== 'ds') return [];
      if (c.verification?.status === 'mismatch') return [{ x, messageId: 'mismatch' }];
      if (c.checksum && !nonZero(c.checksum)) return [{ x, messageId: 'dummy' }];
      return [];
    });
    for (const { x, messageId } of firstPerKey(hits, (h) => h.x.command?.tar)) {
      const c = x.command;
      report({
        messageId,
        data: {
          tar: tarLabel(c?.tar ?? ''),
          kind: (c?.spi.checksum ?? '').toUpperCase(),
          received: c?.verification?.received ?? '',
          computed: c?.verification?.computed ?? '',
          status: x.response?.statusText ?? '',
        },
        confidence: messageId === 'mismatch' ? 'high' : 'medium',
        severity: isManagementTar(c?.tar ?? '') || messageId === 'mismatch' ? 'critical' : 'high',
        evidence: [commandEvidence(x, c?.spi.checksum === 'ds' ? 'DS' : 'CC'), responseEvidence(x, 'STATUS')],
      });
    }
  },
});
