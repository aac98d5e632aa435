import type { Severity } from '../../../core/findings.js';
import { defineAndroidCheck } from '../../audit/context.js';
import type { NscTrustAnchors } from '../../manifest/index.js';
import { allDomainConfigs, domainNames, nscEvidence, valueOf } from './lib/nsc.js';

const SEVERITY_BY_SRC: Record<string, Severity> = { user: 'high', system: 'medium' };

/**
 * overridePins="true" on a trust anchor: a chain ending at that anchor bypasses every <pin-set>.
 * On the user store this undoes pinning for anyone who installs a CA; on the system store it
 * undoes it for every public CA, i.e. pinning does nothing.
 */
export default defineAndroidCheck({
  id: 'AND-NETCFG-004',
  name: 'override-pins',
  title: 'Trust anchors bypass certificate pins',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-2'], cwe: [295], figi: ['FIGI-APP-T3.3'] },
  needs: ['manifest'],
  messages: {
    override:
      'The network security config ({file}) sets overridePins="true" on <certificates src="{src}"/> in {scope}: any certificate chaining to {who} is accepted even where a <pin-set> applies, so pinning {effect}.',
    overrideNoPins:
      'The network security config ({file}) sets overridePins="true" on <certificates src="{src}"/> in {scope}, but the config has no <pin-set>: it has no effect today, and will silently disable pins added later.',
  },
  remediation:
    'Remove overridePins="true" from every <certificates> outside <debug-overrides>. If a proxy CA must bypass pins during testing, declare it only in <debug-overrides> of a debug build.',
  run(ctx, report) {
    const nsc = ctx.networkSecurityConfig;
    if (!nsc) return;
    const hasPins = allDomainConfigs(nsc.config.domainConfigs).some((d) => (d.pinSet?.pins.length ?? 0) > 0);
    const scan = (t: NscTrustAnchors | undefined, scope: string): void => {
      for (const c of t?.certificates ?? []) {
        if (!c.overridePins || valueOf(c.overridePins) !== true) continue;
        const src = valueOf(c.src) ?? '?';
        const who =
          src === 'user'
            ? 'a user-installed CA'
            : src === 'system'
              ? 'any public CA in the system store'
              : `the bundled certificate ${src}`;
        const effect =
          src === 'user'
            ? 'stops nobody who can add a CA to the phone'
            : src === 'system'
              ? 'has no effect'
              : 'is replaced by trust in that certificate';
        report({
          messageId: hasPins ? 'override' : 'overrideNoPins',
          data: { file: nsc.path, src, scope, who, effect },
          evidence: nscEvidence(nsc, c.overridePins),
          severity: hasPins ? (SEVERITY_BY_SRC[src] ?? 'low') : 'info',
        });
      }
    };
    scan(nsc.config.baseConfig?.trustAnchors, '<base-config>');
    for (const d of allDomainConfigs(nsc.config.domainConfigs))
      scan(d.trustAnchors, `the domain-config for ${domainNames(d)}`);
  },
});
