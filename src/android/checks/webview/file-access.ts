import { defineAndroidCheck } from '../../audit/context.js';
import { siteEvidence } from '../crypto/lib/sites.js';
import { setter, sitesSettingTrue } from './lib/settings.js';

/**
 * setAllowFileAccess(true) lets the WebView open file:// URLs, so a page or an intent-supplied
 * URL can read files the app can read. (It is already the default below targetSdk 30; an explicit
 * true is the developer's decision and what we report.)
 */
export default defineAndroidCheck({
  id: 'AND-WEBVIEW-003',
  name: 'webview-file-access',
  title: 'WebView file:// access enabled',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-PLATFORM-2'], cwe: [200], figi: [] },
  needs: ['dex'],
  messages: {
    enabled: 'WebSettings.setAllowFileAccess(true) in {where}: the WebView can load file:// URLs.',
  },
  remediation:
    'Call setAllowFileAccess(false) and serve bundled pages through androidx.webkit.WebViewAssetLoader (https://appassets.androidplatform.net/…) instead of file:// URLs.',
  run(ctx, report) {
    for (const s of sitesSettingTrue(ctx, [setter('setAllowFileAccess')]))
      report({ messageId: 'enabled', data: { where: s.where }, evidence: siteEvidence(ctx, s) });
  },
});
