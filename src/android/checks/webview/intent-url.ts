import { defineAndroidCheck, type AuditContext } from '../../audit/context.js';
import { constantText, type InvokeValue, type Value } from '../../code/index.js';
import { argValues } from '../crypto/lib/resolve.js';
import { isGoogleSdk } from '../shared/libraries.js';
import { siteEvidence, sitesWithValues } from '../crypto/lib/sites.js';
import { setter, sitesSettingTrue, webViewApis } from './lib/settings.js';

const LOADERS = [
  'loadUrl(Ljava/lang/String;)V',
  'loadUrl(Ljava/lang/String;Ljava/util/Map;)V',
  'postUrl(Ljava/lang/String;[B)V',
];
const INTENT = 'Landroid/content/Intent;->';

/** `getStringExtra("url")`, `getDataString()`, `getData().toString()`, `getData().getQueryParameter("url")`, `getExtras().getString("url")` → a label, else undefined. */
function intentSource(v: Value): string | undefined {
  if (v.kind !== 'invoke') return undefined;
  const key = (a: InvokeValue): string => {
    const k = a.args[1] ? constantText(a.args[1]) : undefined;
    return k === undefined ? '…' : JSON.stringify(k);
  };
  if (v.method.startsWith(`${INTENT}getStringExtra(`)) return `Intent.getStringExtra(${key(v)})`;
  if (v.method.startsWith(`${INTENT}getDataString(`)) return 'Intent.getDataString()';
  const recv = v.args[0];
  if (
    v.method === 'Landroid/net/Uri;->toString()Ljava/lang/String;' &&
    recv?.kind === 'invoke' &&
    recv.method.startsWith(`${INTENT}getData(`)
  )
    return 'Intent.getData().toString()';
  if (
    v.method.startsWith('Landroid/net/Uri;->getQueryParameter(') &&
    recv?.kind === 'invoke' &&
    recv.method.startsWith(`${INTENT}getData(`)
  )
    return `Intent.getData().getQueryParameter(${key(v)})`;
  if (
    v.method.startsWith('Landroid/os/Bundle;->getString(') &&
    recv?.kind === 'invoke' &&
    recv.method.startsWith(`${INTENT}getExtras(`)
  )
    return `Intent.getExtras().getString(${key(v)})`;
  return undefined;
}

/** The exported activity (without a permission) whose code this is: the class or its outer class. */
function exportedActivity(ctx: AuditContext, cls: string): string | undefined {
  const dotted = cls.slice(1, -1).replace(/\//g, '.');
  const outer = dotted.includes('$') ? dotted.slice(0, dotted.indexOf('$')) : dotted;
  const c = ctx.manifest?.components.find(
    (x) =>
      (x.kind === 'activity' || x.kind === 'activity-alias') &&
      (x.name === outer || x.targetActivity?.value === outer),
  );
  return c && c.exported.effective && !c.effectivePermission ? c.name : undefined;
}

/**
 * A WebView that opens whatever URL the launching intent carries is a browser any app on the
 * phone can point at a phishing page inside the wallet's own screen (and at its JavaScript bridge).
 */
export default defineAndroidCheck({
  id: 'AND-WEBVIEW-007',
  name: 'webview-intent-url',
  title: 'WebView loads a URL taken from the launching intent',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-PLATFORM-2', 'MASVS-CODE-4'], cwe: [940], figi: [] },
  needs: ['dex', 'manifest'],
  messages: {
    exported:
      'WebView.loadUrl({source}) in {where}: {activity} is exported without a permission, so any app can choose the page{js}.',
    internal:
      'WebView.loadUrl({source}) in {where}: the page comes from the intent that started this code{js}.',
  },
  remediation:
    'Do not load URLs received in intents. If the screen must show a server page, pass an identifier and build the https:// URL in the app, or check the parsed URL (scheme https and an allow-listed host) before loadUrl; make the activity android:exported="false" unless other apps must open it.',
  run(ctx, report) {
    const js = sitesSettingTrue(ctx, [setter('setJavaScriptEnabled')]);
    for (const s of sitesWithValues(ctx, webViewApis(ctx, LOADERS), isGoogleSdk)) {
      // The URL may be kept in a field first (onCreate stores the extra, onResume loads it).
      const source = argValues(ctx, s, 1)
        .map((r) => intentSource(r.value))
        .find((x) => x !== undefined);
      if (!source) continue;
      const jsOn = js.some((j) => j.cls === s.cls);
      const data = { source, where: s.where, js: jsOn ? ', with JavaScript enabled' : '' };
      const activity = exportedActivity(ctx, s.cls);
      if (activity)
        report({
          messageId: 'exported',
          data: { ...data, activity },
          evidence: siteEvidence(ctx, s),
          severity: 'high',
          confidence: 'high',
        });
      else report({ messageId: 'internal', data, evidence: siteEvidence(ctx, s) });
    }
  },
});
