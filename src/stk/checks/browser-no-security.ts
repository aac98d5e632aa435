/** STK-008: S@T Browser or WIB reachable without security (Simjacker, WIBattack). */
import { lookupTar, isBrowserTar } from '../tar.js';
import {
  PROCESSED,
  SRLABS_SIMTESTER,
  commandEvidence,
  defineStkCheck,
  firstPerKey,
  profileEvidence,
  responseEvidence,
  spiHex,
  tarLabel,
} from './lib.js';

export default defineStkCheck({
  id: 'STK-008',
  name: 'sim-browser-no-security',
  title: 'S@T Browser or WIB applet reachable without security (Simjacker / WIBattack)',
  description:
    'The S@T Browser or Wireless Internet Browser accepts binary SMS with no RC/CC/DS: an attacker makes the SIM send SMS, place calls, open URLs or report the location (Simjacker, AdaptiveMobile 2019; WIBattack, Ginno Security Lab 2019).',
  severity: 'critical',
  confidence: 'high',
  refs: {
    masvs: [],
    cwe: [306, 940],
    figi: ['FIGI-USSD-3.5'],
    other: [
      SRLABS_SIMTESTER,
      {
        name: 'SRLabs: SIMjacker – next frontier in mobile espionage (2019)',
        url: 'https://www.srlabs.de/blog-post/sim-based-attacks',
      },
    ],
  },
  messages: {
    profile: 'Profile row for {browser} TAR {tar} requires no security ({checksum}).',
    capture: '{browser} TAR {tar} accepted a command with SPI {spi}: {outcome}.',
  },
  remediation:
    'Set the minimum security level of S@T/WIB TARs to CC with a counter, or remove/disable the browser applets; ask the network to filter OTA SMS (PID 0x7F) from outside.',
  run(ctx, report) {
    if (ctx.source === 'profile') {
      for (const e of ctx.profile.entries) {
        if (!isBrowserTar(e.tar) || (e.checksum !== 'none' && e.checksum !== 'rc')) continue;
        report({
          messageId: 'profile',
          data: {
            browser: lookupTar(e.tar)?.name ?? 'browser',
            tar: e.tar,
            checksum: e.checksum === 'none' ? 'no RC, CC or DS' : 'RC only',
          },
          evidence: profileEvidence(e, 'SPI1', e.checksum === 'none' ? '00' : '01'),
        });
      }
      return;
    }
    const hits = ctx.capture.exchanges.filter((x) => {
      const c = x.command;
      if (!c || !isBrowserTar(c.tar) || (c.spi.checksum !== 'none' && c.spi.checksum !== 'rc')) return false;
      return x.executed === true || (x.response?.status !== undefined && PROCESSED.has(x.response.status));
    });
    for (const x of firstPerKey(hits, (h) => h.command?.tar)) {
      const tar = x.command?.tar ?? '';
      report({
        messageId: 'capture',
        data: {
          browser: lookupTar(tar)?.name ?? 'browser',
          tar: tarLabel(tar),
          spi: spiHex(x),
          outcome: x.executed ? 'the card executed it' : `PoR status ${x.response?.statusText ?? ''}`,
        },
        evidence: x.response
          ? [commandEvidence(x, 'SPI'), responseEvidence(x, 'STATUS')]
          : commandEvidence(x, 'SPI'),
      });
    }
  },
});
