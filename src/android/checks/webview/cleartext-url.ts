import { defineAndroidCheck } from '../../audit/context.js';
import { alternatives, constantText } from '../../code/index.js';
import { isGoogleSdk } from '../shared/libraries.js';
import { siteEvidence, sitesWithValues } from '../crypto/lib/sites.js';
import { webViewApis } from './lib/settings.js';

/** WebView navigation calls; the URL is the first parameter (argument 1 after the receiver). */
const LOADERS = [
  'loadUrl(Ljava/lang/String;)V',
  'loadUrl(Ljava/lang/String;Ljava/util/Map;)V',
  'postUrl(Ljava/lang/String;[B)V',
];
/** Local development hosts are not traffic on a real network. */
const LOCAL = /^http:\/\/(localhost|127\.0\.0\.1|10\.0\.2\.2)([:/]|$)/i;

/** A page fetched over http:// can be replaced in transit: phishing a PIN inside the wallet's own screen. */
export default defineAndroidCheck({
  id: 'AND-WEBVIEW-006',
  name: 'webview-cleartext-url',
  title: 'WebView loads a page over plain HTTP',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-1', 'MASVS-PLATFORM-2'], cwe: [319], figi: ['FIGI-APP-T3.1'] },
  needs: ['dex'],
  messages: {
    http: 'WebView.{call}("{url}") in {where}: the page is fetched without TLS.',
  },
  remediation:
    'Serve the page over https:// and load that URL; set android:usesCleartextTraffic="false" so a forgotten http:// link fails instead of leaking.',
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, webViewApis(ctx, LOADERS), isGoogleSdk)) {
      const v = s.values.args[1];
      // Each constant the URL may be: a fallback http:// URL on one path is loaded on that path.
      const urls = v ? alternatives(v).map((a) => constantText(a)) : [];
      for (const url of new Set(urls)) {
        if (url === undefined) continue;
        if (!/^http:\/\//i.test(url) || LOCAL.test(url)) continue;
        const call = s.call.api.includes('postUrl') ? 'postUrl' : 'loadUrl';
        report({ messageId: 'http', data: { call, url, where: s.where }, evidence: siteEvidence(ctx, s) });
      }
    }
  },
});
