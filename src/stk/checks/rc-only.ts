/** STK-002: a TAR protected only by a redundancy check (CRC), which anyone can compute. */
import { isManagementTar } from '../tar.js';
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
  id: 'STK-002',
  name: 'redundancy-check-only',
  title: 'SIM OTA target accepts a redundancy check instead of a cryptographic checksum',
  description:
    'An RC (CRC16/CRC32) detects transmission errors but carries no key: an attacker computes it like the operator does.',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: [], cwe: [345, 306], figi: ['FIGI-USSD-3.5'], other: [TS_102_225] },
  messages: {
    profile: 'Profile row for TAR {tar} requires only a redundancy check (RC), no cryptographic checksum.',
    capture:
      'TAR {tar} processed a command secured only by a redundancy check (SPI {spi}, {alg}): PoR status {status}.',
  },
  remediation:
    'Set the minimum security level of the TAR to a cryptographic checksum (CC) with 3DES 2/3-key or AES-CMAC.',
  run(ctx, report) {
    if (ctx.source === 'profile') {
      for (const e of ctx.profile.entries) {
        if (e.checksum !== 'rc') continue;
        report({
          messageId: 'profile',
          data: { tar: tarLabel(e.tar) },
          severity: isManagementTar(e.tar) ? 'critical' : 'high',
          evidence: profileEvidence(e, 'SPI1', '01'),
        });
      }
      return;
    }
    const hits = ctx.capture.exchanges.filter(
      (x) =>
        x.command?.spi.checksum === 'rc' &&
        x.response?.status !== undefined &&
        PROCESSED.has(x.response.status),
    );
    for (const x of firstPerKey(hits, (h) => h.command?.tar)) {
      const tar = x.command?.tar ?? '';
      report({
        messageId: 'capture',
        data: {
          tar: tarLabel(tar),
          spi: spiHex(x),
          alg: x.command?.kid.algorithm ?? '',
          status: x.response?.statusText ?? '',
        },
        severity: isManagementTar(tar) ? 'critical' : 'high',
        evidence: [commandEvidence(x, 'SPI'), responseEvidence(x, 'STATUS')],
      });
    }
  },
});
