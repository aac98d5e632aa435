import type { ManifestEvidence } from '../../../core/findings.js';
import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import { allDomainConfigs, domainNames, nscEvidence, valueOf } from './lib/nsc.js';

/** Android 9: cleartext is blocked by default for apps targeting API 28+. */
const ANDROID_9 = 28;
/** Domain names that look like an API, payment or login host: cleartext there is reported high. */
const SENSITIVE_HOST =
  /(^|[.-])(api|pay|payments?|wallet|bank|banking|money|auth|login|sso|account|accounts|secure|transfer|checkout|mpesa|momo|cash)([.-]|$)/i;
/** Android 7: the network security config exists (and then overrides usesCleartextTraffic). */
const ANDROID_7 = 24;

/**
 * Cleartext HTTP permitted by configuration (FIGI T3.x-cleartext): anything the app sends over
 * http:// (session tokens, balances, PINs) can be read and changed on the network.
 */
export default defineAndroidCheck({
  id: 'AND-NETCFG-001',
  name: 'cleartext-traffic',
  title: 'Cleartext HTTP traffic permitted',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-1'], cwe: [319], figi: ['FIGI-APP-T3.x-cleartext', 'FIGI-APP-T3.1'] },
  needs: ['manifest'],
  messages: {
    manifestAttr:
      '<application> sets android:usesCleartextTraffic="true"{nsc}: the platform lets the app open http:// connections to every host.',
    manifestAttrShadowed:
      '<application> sets android:usesCleartextTraffic="true"; the network security config overrides it on Android 7+, but it still applies on Android 6 (minSdkVersion {min}).',
    nscBase:
      'The network security config ({file}) sets cleartextTrafficPermitted="true" in <base-config>: http:// is allowed to every host not listed in a stricter domain-config.',
    nscDomain:
      'The network security config ({file}) permits cleartext HTTP to {domains}: traffic to these hosts can be read and changed on the network.',
    nscDomainSensitive:
      'The network security config ({file}) permits cleartext HTTP to {domains}, which look like API, payment or login hosts: credentials, tokens and transfers to them can be read and changed on the network.',
    implicitDefault:
      'The app targets API {target} (below 28) and nothing sets cleartext off{where}: the platform default permits http:// to every host.',
  },
  remediation:
    'Remove android:usesCleartextTraffic="true", and in res/xml/network_security_config.xml set <base-config cleartextTrafficPermitted="false"> with no domain-config re-enabling cleartext. Serve every API, web view and download over HTTPS, and target API 28 or later.',
  run(ctx, report) {
    const m = ctx.manifest;
    const app = m?.application;
    if (!m || !app) return;
    const nsc = ctx.networkSecurityConfig;
    const attr = app.usesCleartextTraffic;
    const attrOn = attr !== undefined && valueOf(attr) === true;
    const base = nsc?.config.baseConfig?.cleartextTrafficPermitted;
    const baseOn = base !== undefined && valueOf(base) === true;
    if (attrOn && attr) {
      if (!nsc) report({ messageId: 'manifestAttr', data: { nsc: '' }, evidence: manifestEvidence(attr) });
      else if (baseOn)
        report({
          messageId: 'manifestAttr',
          data: { nsc: ' (and the network security config agrees)' },
          evidence: manifestEvidence(attr),
        });
      else if (ctx.minSdk < ANDROID_7)
        report({
          messageId: 'manifestAttrShadowed',
          data: { min: ctx.minSdk },
          evidence: manifestEvidence(attr),
          severity: 'low',
        });
    }
    if (nsc && base && baseOn)
      report({ messageId: 'nscBase', data: { file: nsc.path }, evidence: nscEvidence(nsc, base) });
    for (const d of nsc ? allDomainConfigs(nsc.config.domainConfigs) : []) {
      const c = d.cleartextTrafficPermitted;
      if (!c || valueOf(c) !== true || !nsc) continue;
      const evidence: ManifestEvidence[] = [
        nscEvidence(nsc, c),
        ...d.domains.slice(0, 4).map((x) => nscEvidence(nsc, x.at)),
      ];
      const sensitive = d.domains.some((x) => SENSITIVE_HOST.test(x.name));
      report({
        messageId: sensitive ? 'nscDomainSensitive' : 'nscDomain',
        data: { file: nsc.path, domains: domainNames(d) },
        evidence,
        severity: sensitive ? 'high' : 'medium',
      });
    }
    // Implicit platform default: cleartext allowed below targetSdk 28 unless something turns it off.
    if (ctx.targetSdk >= ANDROID_9 || attrOn || baseOn) return;
    if (nsc ? base !== undefined : attr !== undefined) return; // explicitly false
    const evidence = nsc
      ? nscEvidence(nsc, nsc.config.baseConfig?.at ?? nsc.config.at, 'cleartextTrafficPermitted')
      : manifestEvidence(app.at, 'android:usesCleartextTraffic');
    report({
      messageId: 'implicitDefault',
      data: {
        target: ctx.targetSdk,
        where: nsc
          ? ` (the network security config has no ${nsc.config.baseConfig ? 'cleartextTrafficPermitted on <base-config>' : '<base-config>'})`
          : ' (no android:usesCleartextTraffic, no network security config)',
      },
      evidence,
      severity: 'medium',
    });
  },
});
