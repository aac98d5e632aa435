import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import { allDomainConfigs, anchorsWithSrc, domainNames, nscEvidence } from './lib/nsc.js';

/** Android 7: apps targeting 24+ stop trusting user-installed CAs by default. */
const ANDROID_7 = 24;

/**
 * Trusting user-installed CAs (FIGI T3.2): anyone who can get a CA certificate onto the phone
 * (a "security" profile, a shared device, malware with a social-engineering prompt, a proxy
 * tool) reads and changes the wallet's TLS traffic.
 */
export default defineAndroidCheck({
  id: 'AND-NETCFG-002',
  name: 'user-ca-trusted',
  title: 'User-installed CA certificates trusted',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-1'], cwe: [295], figi: ['FIGI-APP-T3.2'] },
  needs: ['manifest'],
  messages: {
    base: 'The network security config ({file}) trusts user-installed CAs (<certificates src="user"/>) in <base-config>: a CA the user (or malware) adds to the device can intercept every TLS connection of the app.',
    domain:
      'The network security config ({file}) trusts user-installed CAs for {domains}: a CA added to the device can intercept TLS to these hosts.',
    implicit:
      'The app targets API {target} (below 24) and {where}: the platform default trusts user-installed CAs for every connection.',
  },
  remediation:
    'Remove <certificates src="user"/> from <base-config> and every <domain-config>; if testers need a proxy, put it inside <debug-overrides> (only honoured when android:debuggable="true"). Target API 24 or later, and pin the wallet API hosts (<pin-set> or OkHttp CertificatePinner).',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m?.application) return;
    const nsc = ctx.networkSecurityConfig;
    if (nsc) {
      const base = nsc.config.baseConfig;
      for (const c of anchorsWithSrc(base?.trustAnchors, 'user'))
        report({ messageId: 'base', data: { file: nsc.path }, evidence: nscEvidence(nsc, c.src ?? c.at) });
      for (const d of allDomainConfigs(nsc.config.domainConfigs)) {
        for (const c of anchorsWithSrc(d.trustAnchors, 'user'))
          report({
            messageId: 'domain',
            data: { file: nsc.path, domains: domainNames(d) },
            evidence: nscEvidence(nsc, c.src ?? c.at),
            severity: 'medium',
          });
      }
    }
    if (ctx.targetSdk >= ANDROID_7 || (nsc && nsc.config.baseConfig?.trustAnchors)) return;
    const where = nsc
      ? 'its network security config has no <trust-anchors> in <base-config>'
      : 'there is no network security config';
    const evidence = nsc
      ? nscEvidence(nsc, nsc.config.baseConfig?.at ?? nsc.config.at)
      : manifestEvidence(m.sdk.targetAttr ?? m.application.at);
    report({ messageId: 'implicit', data: { target: ctx.targetSdk, where }, evidence, severity: 'medium' });
  },
});
