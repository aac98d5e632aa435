import { defineAndroidCheck, type AuditContext } from '../../audit/context.js';
import type { Evidence } from '../../../core/findings.js';
import { classesImplementing, methodAlwaysReturnsConst, resolveMethod } from '../../code/index.js';
import { ACC, fieldReaders, typeUsers, type CodeSite } from '../../dex/index.js';
import { insnAt, methodValues, siteEvidence, whereText } from '../crypto/lib/sites.js';
import { handleEvidence, sitesPassing, withSubclasses } from './lib/handles.js';

const VERIFIER_TYPES = [
  'Ljavax/net/ssl/HostnameVerifier;',
  'Lorg/apache/http/conn/ssl/X509HostnameVerifier;',
];
const VERIFY_PROTO = '(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z';
const ALLOW_ALL_FIELD =
  'Lorg/apache/http/conn/ssl/SSLSocketFactory;->ALLOW_ALL_HOSTNAME_VERIFIER:Lorg/apache/http/conn/ssl/X509HostnameVerifier;';
const ALLOW_ALL_CLASSES = [
  'Lorg/apache/http/conn/ssl/AllowAllHostnameVerifier;',
  'Lorg/apache/http/conn/ssl/NoopHostnameVerifier;',
];
const OP_NEW_INSTANCE = 0x22;
/** The Apache client's own classes define and wire these constants; only the app's uses count. */
const APACHE = 'Lorg/apache/http/';

/** Calls that install a hostname verifier → index of the verifier among the arguments. */
const INSTALLERS: Record<string, number> = {
  'Ljavax/net/ssl/HttpsURLConnection;->setHostnameVerifier(Ljavax/net/ssl/HostnameVerifier;)V': 1,
  'Ljavax/net/ssl/HttpsURLConnection;->setDefaultHostnameVerifier(Ljavax/net/ssl/HostnameVerifier;)V': 0,
  'Lokhttp3/OkHttpClient$Builder;->hostnameVerifier(Ljavax/net/ssl/HostnameVerifier;)Lokhttp3/OkHttpClient$Builder;': 1,
  'Lorg/apache/http/conn/ssl/SSLSocketFactory;->setHostnameVerifier(Lorg/apache/http/conn/ssl/X509HostnameVerifier;)V': 1,
};

function siteEvidenceAt(
  ctx: AuditContext,
  site: CodeSite,
): { evidence: Evidence; where: string; cls: string } | undefined {
  const entry = ctx.dex[site.part];
  const mv = methodValues(entry.dex, entry.dex.method(site.method));
  if (!mv || !mv.reachable[mv.cfg.at[site.offset]]) return undefined;
  const cls = mv.descriptor.slice(0, mv.descriptor.indexOf('->'));
  return {
    evidence: ctx.dexEvidence(site, insnAt(mv, entry.dex, site.offset) || undefined),
    where: whereText(mv.descriptor, site.offset),
    cls,
  };
}

/** A verifier that says yes to every host lets any valid certificate (for any domain) impersonate the wallet's API. */
export default defineAndroidCheck({
  id: 'AND-NET-002',
  name: 'permissive-hostname-verifier',
  title: 'Hostname verification disabled',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-1'], cwe: [297], figi: ['FIGI-APP-T3.2'] },
  needs: ['dex'],
  messages: {
    alwaysTrueInstalled: '{method} returns true on every path and {cls} is installed in {where}.',
    alwaysTrue: '{method} returns true on every path (no installation of {cls} found by value flow).',
    allowAllField:
      'SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER is read in {where}: hostnames are not checked.',
    allowAllClass: 'new {verifier} in {where}: hostnames are not checked.',
  },
  remediation:
    'Remove the custom HostnameVerifier and the ALLOW_ALL / AllowAllHostnameVerifier / NoopHostnameVerifier uses: HttpsURLConnection and OkHttp verify hostnames by default. If a host needs special handling, fix its certificate (subjectAltName) instead.',
  run(ctx, report) {
    const dexes = ctx.dex.map((d) => d.dex);
    const done = new Set<string>();
    for (const t of VERIFIER_TYPES) {
      for (const c of classesImplementing(dexes, t)) {
        if (
          (c.classDef.accessFlags & (ACC.interface | ACC.abstract)) !== 0 ||
          c.descriptor.startsWith(APACHE)
        )
          continue;
        const m = resolveMethod(dexes, c.descriptor, 'verify', VERIFY_PROTO);
        if (!m || done.has(m.descriptor) || methodAlwaysReturnsConst(m.dex, m.method) !== 1) continue;
        done.add(m.descriptor);
        const first = handleEvidence(ctx, m, methodValues(m.dex, m.method)?.returns[0]?.offset ?? 0);
        if (!first) continue;
        const installed = sitesPassing(ctx, INSTALLERS, withSubclasses(ctx, m.cls));
        if (installed.length > 0) {
          const evidence = [first, ...installed.map((s) => siteEvidence(ctx, s))];
          report({
            messageId: 'alwaysTrueInstalled',
            data: { method: m.descriptor, cls: m.cls, where: installed[0].where },
            evidence,
          });
        } else {
          report({
            messageId: 'alwaysTrue',
            data: { method: m.descriptor, cls: m.cls },
            evidence: first,
            confidence: 'medium',
          });
        }
      }
    }
    const code = ctx.code;
    if (!code) return;
    for (const site of fieldReaders(code, ALLOW_ALL_FIELD)) {
      const at = siteEvidenceAt(ctx, site);
      if (at && !at.cls.startsWith(APACHE))
        report({ messageId: 'allowAllField', data: { where: at.where }, evidence: at.evidence });
    }
    for (const verifier of ALLOW_ALL_CLASSES) {
      for (const site of typeUsers(code, verifier)) {
        if (site.opcode !== OP_NEW_INSTANCE) continue;
        const at = siteEvidenceAt(ctx, site);
        if (at && !at.cls.startsWith(APACHE))
          report({
            messageId: 'allowAllClass',
            data: { verifier: verifier.slice(1, -1).replace(/\//g, '.'), where: at.where },
            evidence: at.evidence,
          });
      }
    }
  },
});
