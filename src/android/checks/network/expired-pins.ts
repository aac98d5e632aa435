import { defineAndroidCheck } from '../../audit/context.js';
import { allDomainConfigs, domainNames, nscEvidence, valueOf } from './lib/nsc.js';

/**
 * A <pin-set> whose expiration date has passed: Android stops enforcing those pins after that
 * day (so that an app nobody updates keeps working), and the domains fall back to plain CA trust.
 */
export default defineAndroidCheck({
  id: 'AND-NETCFG-006',
  name: 'expired-pin-set',
  title: 'Certificate pins have expired',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-2'], cwe: [295], figi: ['FIGI-APP-T3.3'] },
  needs: ['manifest'],
  messages: {
    expired:
      'The <pin-set> for {domains} in {file} expired on {date}: Android no longer enforces these {count} pin(s), so the hosts are protected by CA trust only.',
    noBackup:
      'The <pin-set> for {domains} in {file} has a single pin: when that key is rotated the app cannot reach the host until it is updated; add a backup pin.',
  },
  remediation:
    'Renew the pins: ship a release whose <pin-set> carries current SPKI hashes (the live key plus a backup key) and an expiration date in the future, and put pin renewal on the release calendar before that date.',
  run(ctx, report) {
    const nsc = ctx.networkSecurityConfig;
    if (!nsc) return;
    const today = new Date().toISOString().slice(0, 10);
    for (const d of allDomainConfigs(nsc.config.domainConfigs)) {
      const ps = d.pinSet;
      if (!ps) continue;
      const exp = ps.expiration;
      const date = valueOf(exp);
      const data = { domains: domainNames(d), file: nsc.path, date: date ?? '', count: ps.pins.length };
      if (exp && date && /^\d{4}-\d{2}-\d{2}$/.test(date) && date < today) {
        report({ messageId: 'expired', data, evidence: nscEvidence(nsc, exp) });
        continue;
      }
      if (ps.pins.length === 1)
        report({ messageId: 'noBackup', data, evidence: nscEvidence(nsc, ps.pins[0].at), severity: 'info' });
    }
  },
});
