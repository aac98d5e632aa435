import { defineAndroidCheck } from '../../audit/context.js';
import { possibleInts } from '../../code/index.js';
import { isGoogleSdk } from '../shared/libraries.js';
import { siteEvidence, sitesWithValues } from '../crypto/lib/sites.js';
import { WEB_SETTINGS } from './lib/settings.js';

const SET_MIXED = `${WEB_SETTINGS}->setMixedContentMode(I)V`;
/** WebSettings.MIXED_CONTENT_ALWAYS_ALLOW. */
const ALWAYS_ALLOW = 0;

/**
 * MIXED_CONTENT_ALWAYS_ALLOW lets an https:// page pull scripts and frames over plain HTTP: one
 * injected script then runs with the secure page's origin (its cookies, its JavaScript bridge).
 */
export default defineAndroidCheck({
  id: 'AND-WEBVIEW-008',
  name: 'webview-mixed-content',
  title: 'WebView allows HTTP content in HTTPS pages',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-1', 'MASVS-PLATFORM-2'], cwe: [319], figi: ['FIGI-APP-T3.1'] },
  needs: ['dex'],
  messages: {
    always:
      'WebSettings.setMixedContentMode(MIXED_CONTENT_ALWAYS_ALLOW) in {where}: https:// pages may load scripts and frames over plain HTTP.',
  },
  remediation:
    'Leave the default (MIXED_CONTENT_NEVER_ALLOW since API 21) or set it explicitly: setMixedContentMode(WebSettings.MIXED_CONTENT_NEVER_ALLOW); serve every sub-resource of your pages over https://.',
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, [SET_MIXED], isGoogleSdk)) {
      const v = s.values.args[1];
      const modes = v ? possibleInts(v) : undefined;
      if (modes?.some((m) => Number(m) === ALWAYS_ALLOW))
        report({ messageId: 'always', data: { where: s.where }, evidence: siteEvidence(ctx, s) });
    }
  },
});
