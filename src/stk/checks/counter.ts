/** STK-004: RAM/RFM targets that do not check the replay counter (or accepted a replay). */
import { toHex } from '../hex.js';
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
  id: 'STK-004',
  name: 'counter-not-checked',
  title: 'Remote applet or file management does not enforce the replay counter',
  description:
    'SPI counter modes 00 (no counter) and 01 (counter present, not checked) let anyone replay a captured, correctly signed RAM/RFM command (e.g. re-install an applet or rewrite a file).',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: [], cwe: [294], figi: ['FIGI-USSD-3.5'], other: [TS_102_225] },
  messages: {
    profile:
      'Profile row for RAM/RFM TAR {tar} requires counter mode "{counter}": replayed commands are accepted.',
    capture: 'RAM/RFM TAR {tar} processed a command with SPI {spi} (counter mode "{counter}").',
    replayed:
      'TAR {tar} processed the same command packet {times} times (counter {cntr}): a replay was accepted.',
  },
  remediation:
    'Set the counter mode to 10 (CNTR higher) or 11 (CNTR one higher) in the minimum security level of every RAM/RFM TAR.',
  run(ctx, report) {
    if (ctx.source === 'profile') {
      for (const e of ctx.profile.entries) {
        if (!isManagementTar(e.tar) || (e.counter !== 'none' && e.counter !== 'present')) continue;
        report({
          messageId: 'profile',
          data: { tar: tarLabel(e.tar), counter: e.counter },
          evidence: profileEvidence(e, 'SPI1 counter', e.counter === 'none' ? '00' : '08'),
        });
      }
      return;
    }
    const processed = ctx.capture.exchanges.filter(
      (x) => x.command && x.response?.status !== undefined && PROCESSED.has(x.response.status),
    );
    const weak = processed.filter(
      (x) =>
        x.command &&
        isManagementTar(x.command.tar) &&
        (x.command.spi.counter === 'none' || x.command.spi.counter === 'present'),
    );
    for (const x of firstPerKey(weak, (h) => h.command?.tar)) {
      report({
        messageId: 'capture',
        data: { tar: tarLabel(x.command?.tar ?? ''), spi: spiHex(x), counter: x.command?.spi.counter ?? '' },
        evidence: [commandEvidence(x, 'SPI counter'), responseEvidence(x, 'STATUS')],
      });
    }
    const byBytes = new Map<string, typeof processed>();
    for (const x of processed) {
      const k = x.command ? toHex(x.command.raw) : '';
      const g = byBytes.get(k);
      if (g) g.push(x);
      else byBytes.set(k, [x]);
    }
    for (const group of byBytes.values()) {
      if (group.length < 2) continue;
      const x = group[1];
      report({
        messageId: 'replayed',
        data: {
          tar: tarLabel(x.command?.tar ?? ''),
          times: group.length,
          cntr: x.command?.cntr ?? 'ciphered',
        },
        severity: isManagementTar(x.command?.tar ?? '') ? 'critical' : 'high',
        evidence: [commandEvidence(x, 'replay'), responseEvidence(x, 'STATUS')],
      });
    }
  },
});
