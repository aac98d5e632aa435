import { defineAndroidCheck } from '../../audit/context.js';
import { siteEvidence, sitesWithValues } from '../crypto/lib/sites.js';

const GET_INSECURE =
  'Landroid/net/SSLCertificateSocketFactory;->getInsecure(ILandroid/net/SSLSessionCache;)Ljavax/net/ssl/SSLSocketFactory;';

/** The platform's documented "no checks at all" factory: no certificate and no hostname validation. */
export default defineAndroidCheck({
  id: 'AND-NET-003',
  name: 'insecure-ssl-socket-factory',
  title: 'SSLCertificateSocketFactory.getInsecure() disables TLS checks',
  severity: 'critical',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-1'], cwe: [295], figi: ['FIGI-APP-T3.2'] },
  needs: ['dex'],
  messages: {
    insecure:
      'SSLCertificateSocketFactory.getInsecure(…) in {where}: sockets from this factory accept any certificate for any host.',
  },
  remediation:
    'Use SSLCertificateSocketFactory.getDefault(…) or, better, the default SSLSocketFactory of HttpsURLConnection/OkHttp; put test CAs in a debug-only network_security_config (<debug-overrides>) instead of disabling checks in code.',
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, [GET_INSECURE]))
      report({ messageId: 'insecure', data: { where: s.where }, evidence: siteEvidence(ctx, s) });
  },
});
