import { defineAndroidCheck } from '../../audit/context.js';
import { siteEvidence } from '../crypto/lib/sites.js';
import { setter, sitesSettingTrue } from './lib/settings.js';

const SET_DEBUGGING = setter('setWebContentsDebuggingEnabled', 'Landroid/webkit/WebView;');

/** Remote debugging opens every WebView of the app to Chrome DevTools over an abstract socket any local app can reach. */
export default defineAndroidCheck({
  id: 'AND-WEBVIEW-005',
  name: 'webview-debugging-enabled',
  title: 'WebView remote debugging enabled',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-4', 'MASVS-PLATFORM-2'], cwe: [489], figi: [] },
  needs: ['dex'],
  messages: {
    enabled:
      'WebView.setWebContentsDebuggingEnabled(true) in {where}: WebView contents (DOM, cookies, tokens) can be inspected through DevTools.',
  },
  remediation:
    'Remove the call from release builds, or guard it with a build flag that is false in release: if (BuildConfig.DEBUG) WebView.setWebContentsDebuggingEnabled(true).',
  run(ctx, report) {
    for (const s of sitesSettingTrue(ctx, [SET_DEBUGGING], true))
      report({ messageId: 'enabled', data: { where: s.where }, evidence: siteEvidence(ctx, s) });
  },
});
