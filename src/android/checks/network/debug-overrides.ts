import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import type { ManifestEvidence } from '../../../core/findings.js';
import { nscEvidence, valueOf } from './lib/nsc.js';

/**
 * <debug-overrides> trust anchors apply only when the app is debuggable. In a release they are
 * inert, but they show which test CAs the build trusts; combined with android:debuggable="true"
 * they are live.
 */
export default defineAndroidCheck({
  id: 'AND-NETCFG-003',
  name: 'debug-overrides',
  title: 'Network security config has debug overrides',
  severity: 'info',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-1', 'MASVS-CODE-4'], cwe: [295], figi: ['FIGI-APP-T3.2'] },
  needs: ['manifest'],
  messages: {
    inert:
      'The network security config ({file}) has <debug-overrides>{anchors}; it applies only to debuggable builds, so this release ignores it — check that the published build is not debuggable.',
    active:
      'The network security config ({file}) has <debug-overrides>{anchors} and the app is debuggable: the extra trust anchors apply to every connection of this build.',
  },
  remediation:
    'Keep <debug-overrides> for test CAs only, and make sure the store build sets no android:debuggable. Better: keep the debug network config in src/debug/res/xml so the release APK never contains it.',
  run(ctx, report) {
    const nsc = ctx.networkSecurityConfig;
    const d = nsc?.config.debugOverrides;
    if (!nsc || !d) return;
    const srcs = (d.trustAnchors?.certificates ?? []).map((c) => valueOf(c.src) ?? '?');
    const anchors = srcs.length ? ` trusting ${srcs.map((s) => `src="${s}"`).join(', ')}` : '';
    const debuggable = ctx.manifest?.application?.debuggable;
    const evidence: ManifestEvidence[] = [nscEvidence(nsc, d.at)];
    if (debuggable && valueOf(debuggable) === true) {
      evidence.push(manifestEvidence(debuggable));
      report({
        messageId: 'active',
        data: { file: nsc.path, anchors },
        evidence,
        severity: srcs.includes('user') ? 'high' : 'medium',
      });
      return;
    }
    report({ messageId: 'inert', data: { file: nsc.path, anchors }, evidence });
  },
});
