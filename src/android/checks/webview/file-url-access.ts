import { defineAndroidCheck } from '../../audit/context.js';
import { siteEvidence } from '../crypto/lib/sites.js';
import { setter, sitesSettingTrue } from './lib/settings.js';

const UNIVERSAL = setter('setAllowUniversalAccessFromFileURLs');
const FILE_URLS = setter('setAllowFileAccessFromFileURLs');

/**
 * With these on, a file:// page's scripts can read other files (FromFileURLs) or any origin
 * (Universal): one HTML file an attacker gets into the app's storage steals its private files
 * and session cookies.
 */
export default defineAndroidCheck({
  id: 'AND-WEBVIEW-004',
  name: 'webview-file-url-access',
  title: 'WebView lets file:// pages read files or other origins',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-PLATFORM-2'], cwe: [200, 940], figi: [] },
  needs: ['dex'],
  messages: {
    universal:
      'WebSettings.setAllowUniversalAccessFromFileURLs(true) in {where}: scripts in file:// pages can read any origin.',
    fileUrls:
      'WebSettings.setAllowFileAccessFromFileURLs(true) in {where}: scripts in file:// pages can read other local files.',
  },
  remediation:
    'Remove both calls (they default to false since API 16) and load local content through androidx.webkit.WebViewAssetLoader over https:// instead of file://.',
  run(ctx, report) {
    for (const s of sitesSettingTrue(ctx, [UNIVERSAL, FILE_URLS])) {
      const universal = s.call.api === UNIVERSAL;
      report({
        messageId: universal ? 'universal' : 'fileUrls',
        data: { where: s.where },
        evidence: siteEvidence(ctx, s),
        ...(universal ? {} : { severity: 'medium' as const }),
      });
    }
  },
});
