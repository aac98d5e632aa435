/** STK-001: a TAR that processes commands with no RC, CC or DS at all. */
import { isBrowserTar, isManagementTar } from '../tar.js';
import {
  PROCESSED,
  TS_102_225,
  commandEvidence,
  defineStkCheck,
  firstPerKey,
  profileEvidence,
  responseEvidence,
  spiHex,
  tarLabel,
} from './lib.js';

export default defineStkCheck({
  id: 'STK-001',
  name: 'no-security-required',
  title: 'SIM OTA target accepts commands without any security',
  description:
    'The card processes secured packets for this TAR with SPI "no RC, CC or DS": anyone who can send a binary SMS to the subscriber can drive the application (RAM/RFM: install applets, rewrite files).',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: [], cwe: [306], figi: ['FIGI-USSD-3.5'], other: [TS_102_225] },
  needs: [],
  messages: {
    profile: 'Profile row for TAR {tar} requires no RC, CC or DS (minimum security level 0).',
    capture: 'TAR {tar} processed a command sent with SPI {spi} (no RC, CC or DS): PoR status {status}.',
  },
  remediation:
    'Require a cryptographic checksum (SPI CC, 3DES 2/3-key or AES-CMAC) and a counter on every TAR; configure the minimum security level in the card profile and reject lower SPIs with status 0A.',
  run(ctx, report) {
    if (ctx.source === 'profile') {
      for (const e of ctx.profile.entries) {
        if (e.checksum !== 'none' || isBrowserTar(e.tar)) continue;
        report({
          messageId: 'profile',
          data: { tar: tarLabel(e.tar) },
          severity: isManagementTar(e.tar) ? 'critical' : 'high',
          evidence: profileEvidence(e, 'SPI1', '00'),
        });
      }
      return;
    }
    const hits = ctx.capture.exchanges.filter(
      (x) =>
        x.command &&
        x.command.spi.checksum === 'none' &&
        !isBrowserTar(x.command.tar) &&
        x.response?.status !== undefined &&
        PROCESSED.has(x.response.status),
    );
    for (const x of firstPerKey(hits, (h) => h.command?.tar)) {
      const tar = x.command?.tar ?? '';
      report({
        messageId: 'capture',
        data: { tar: tarLabel(tar), spi: spiHex(x), status: x.response?.statusText ?? '' },
        severity: isManagementTar(tar) ? 'critical' : 'high',
        evidence: [commandEvidence(x, 'SPI'), responseEvidence(x, 'STATUS')],
      });
    }
  },
});
