import { defineAndroidCheck } from '../../audit/context.js';
import { alternatives, constantText, type Value } from '../../code/index.js';
import { constantStrings } from '../crypto/lib/apis.js';
import { siteEvidence, sitesWithValues } from '../crypto/lib/sites.js';

const SSL_CONTEXT_GET_INSTANCE = [
  'Ljavax/net/ssl/SSLContext;->getInstance(Ljava/lang/String;)Ljavax/net/ssl/SSLContext;',
  'Ljavax/net/ssl/SSLContext;->getInstance(Ljava/lang/String;Ljava/lang/String;)Ljavax/net/ssl/SSLContext;',
  'Ljavax/net/ssl/SSLContext;->getInstance(Ljava/lang/String;Ljava/security/Provider;)Ljavax/net/ssl/SSLContext;',
];
const SET_PROTOCOLS = [
  'Ljavax/net/ssl/SSLSocket;->setEnabledProtocols([Ljava/lang/String;)V',
  'Ljavax/net/ssl/SSLEngine;->setEnabledProtocols([Ljava/lang/String;)V',
];

/** Versions with known breaks (POODLE, BEAST) or no modern cipher suites; deprecated by RFC 8996. */
const OBSOLETE = new Set(['SSL', 'SSLV2', 'SSLV3', 'TLSV1', 'TLSV1.1']);

/** The constant strings of a String[] value, when every element is known. */
function arrayStrings(v: Value | undefined): string[] | undefined {
  if (!v) return undefined;
  const out: string[] = [];
  for (const a of alternatives(v)) {
    if (a.kind !== 'array' || !a.elements) return undefined;
    for (const e of a.elements) {
      const t = constantText(e);
      if (t === undefined) return undefined;
      out.push(t);
    }
  }
  return out;
}

/**
 * SSLContext.getInstance("TLSv1") or an enabled-protocol list of SSLv3/TLS 1.0/1.1 only lets an
 * attacker who can downgrade the connection use their known weaknesses. On Android "SSL" is an
 * alias of "TLS" (modern versions stay enabled), so it is reported with low confidence.
 */
export default defineAndroidCheck({
  id: 'AND-NET-004',
  name: 'weak-tls-protocol',
  title: 'Obsolete SSL/TLS protocol version requested',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-NETWORK-1'], cwe: [327, 757], figi: ['FIGI-APP-T3.2'] },
  needs: ['dex'],
  messages: {
    context: 'SSLContext.getInstance("{protocol}") in {where}: requests the obsolete protocol {protocol}.',
    alias:
      'SSLContext.getInstance("{protocol}") in {where}: names an SSL protocol (Android maps it to TLS, but the intent is an obsolete version).',
    enabled: 'setEnabledProtocols({protocols}) in {where}: only obsolete protocol versions are enabled.',
  },
  remediation:
    'Call SSLContext.getInstance("TLS") (or "TLSv1.3"/"TLSv1.2") and do not restrict enabled protocols below TLS 1.2; with OkHttp use ConnectionSpec.MODERN_TLS or RESTRICTED_TLS. Make sure the server also refuses TLS 1.0/1.1.',
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, SSL_CONTEXT_GET_INSTANCE)) {
      for (const protocol of constantStrings(s.values.args[0])) {
        const p = protocol.trim().toUpperCase();
        if (!OBSOLETE.has(p)) continue;
        if (p === 'SSL')
          report({
            messageId: 'alias',
            data: { protocol, where: s.where },
            evidence: siteEvidence(ctx, s),
            severity: 'low',
            confidence: 'low',
          });
        else
          report({
            messageId: 'context',
            data: { protocol, where: s.where },
            evidence: siteEvidence(ctx, s),
          });
      }
    }
    for (const s of sitesWithValues(ctx, SET_PROTOCOLS)) {
      const list = arrayStrings(s.values.args[1]);
      if (!list || list.length === 0 || !list.every((p) => OBSOLETE.has(p.trim().toUpperCase()))) continue;
      report({
        messageId: 'enabled',
        data: { protocols: JSON.stringify(list), where: s.where },
        evidence: siteEvidence(ctx, s),
        confidence: 'high',
      });
    }
  },
});
