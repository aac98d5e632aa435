import { defineAndroidCheck } from '../../audit/context.js';
import type { Evidence } from '../../../core/findings.js';
import { classesImplementing, resolveMethod, trivialBody, type ClassRef } from '../../code/index.js';
import { ACC } from '../../dex/index.js';
import { methodValues, siteEvidence } from '../crypto/lib/sites.js';
import { handleEvidence, instantiations, sitesPassing, withSubclasses } from './lib/handles.js';

const TRUST_MANAGER_TYPES = ['Ljavax/net/ssl/X509TrustManager;', 'Ljavax/net/ssl/X509ExtendedTrustManager;'];
const CHECK_SERVER = 'checkServerTrusted';
const CHECK_SERVER_PROTO = '([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V';

/** APIs that install a trust manager → index of the trust manager (or array of them) among the arguments. */
const INSTALLERS: Record<string, number> = {
  'Ljavax/net/ssl/SSLContext;->init([Ljavax/net/ssl/KeyManager;[Ljavax/net/ssl/TrustManager;Ljava/security/SecureRandom;)V': 2,
  'Lokhttp3/OkHttpClient$Builder;->sslSocketFactory(Ljavax/net/ssl/SSLSocketFactory;Ljavax/net/ssl/X509TrustManager;)Lokhttp3/OkHttpClient$Builder;': 2,
};

function uniqueClasses(ctx: Parameters<typeof handleEvidence>[0]): ClassRef[] {
  const dexes = ctx.dex.map((d) => d.dex);
  const seen = new Map<string, ClassRef>();
  for (const t of TRUST_MANAGER_TYPES)
    for (const c of classesImplementing(dexes, t)) seen.set(c.descriptor, c);
  return [...seen.values()].filter((c) => (c.classDef.accessFlags & (ACC.interface | ACC.abstract)) === 0);
}

/**
 * An X509TrustManager whose checkServerTrusted returns without throwing and without asking
 * another trust manager accepts any certificate: anyone on the network (public Wi-Fi, a rogue
 * base station) reads and changes the wallet's API traffic, PINs and transfers included.
 */
export default defineAndroidCheck({
  id: 'AND-NET-001',
  name: 'trust-all-trust-manager',
  title: 'TrustManager accepts every server certificate',
  severity: 'critical',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-1'], cwe: [295], figi: ['FIGI-APP-T3.2'] },
  needs: ['dex'],
  messages: {
    installed:
      '{method} returns without throwing ({body}) and {cls} is installed by {installer} in {where}: every server certificate is accepted.',
    instantiated: '{method} returns without throwing ({body}); {cls} is instantiated in {where}.',
    unused: '{method} returns without throwing ({body}); no instantiation of {cls} was found in the code.',
  },
  remediation:
    'Delete the custom TrustManager and use the platform default (SSLContext.init(null, null, null), or no sslSocketFactory override in OkHttp). For a private CA or pinning, declare it in res/xml/network_security_config.xml (<trust-anchors>, <pin-set>) or use OkHttp CertificatePinner; a custom checkServerTrusted must delegate to the default X509TrustManager and throw CertificateException on failure.',
  run(ctx, report) {
    const dexes = ctx.dex.map((d) => d.dex);
    const done = new Set<string>();
    for (const c of uniqueClasses(ctx)) {
      const m = resolveMethod(dexes, c.descriptor, CHECK_SERVER, CHECK_SERVER_PROTO);
      if (!m || done.has(m.descriptor)) continue;
      const body = trivialBody(m.dex, m.method);
      if (!body) continue;
      done.add(m.descriptor);
      const types = withSubclasses(ctx, m.cls);
      const first = handleEvidence(ctx, m, methodValues(m.dex, m.method)?.returns[0]?.offset ?? 0);
      if (!first) continue;
      const bodyText =
        body.kind === 'empty'
          ? 'empty body'
          : `only ${body.calls.map((d) => d.slice(0, d.indexOf('('))).join(', ')}`;
      const data = { method: m.descriptor, body: bodyText, cls: m.cls };
      const installed = sitesPassing(ctx, INSTALLERS, types);
      if (installed.length > 0) {
        const s = installed[0];
        const installer = s.call.api.includes('SSLContext')
          ? 'SSLContext.init'
          : 'OkHttpClient.Builder.sslSocketFactory';
        const evidence: Evidence[] = [first, ...installed.map((i) => siteEvidence(ctx, i))];
        report({ messageId: 'installed', data: { ...data, installer, where: s.where }, evidence });
        continue;
      }
      const news = instantiations(ctx, types);
      if (news.length > 0) {
        const evidence: Evidence[] = [first, ...news.map((n) => ctx.dexEvidence(n.site))];
        report({
          messageId: 'instantiated',
          data: { ...data, where: news[0].where },
          evidence,
          severity: 'high',
        });
        continue;
      }
      report({ messageId: 'unused', data, evidence: first, severity: 'high', confidence: 'medium' });
    }
  },
});
