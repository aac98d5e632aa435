import { defineAndroidCheck } from '../../audit/context.js';
import { alternatives, formatValue, type Value } from '../../code/index.js';
import { constantStrings } from '../crypto/lib/apis.js';
import { isGoogleSdk } from '../shared/libraries.js';
import { siteEvidence, sitesWithValues } from '../crypto/lib/sites.js';
import { setter, sitesSettingTrue, webViewApis } from './lib/settings.js';

/** Name and proto; the class is WebView or any WebView subclass of the app (see webViewApis). */
const ADD_JS_INTERFACE = 'addJavascriptInterface(Ljava/lang/Object;Ljava/lang/String;)V';
/** Before API 17 every public method of the object (and getClass()) is callable from JavaScript. */
const SAFE_SINCE_SDK = 17;

function typeOf(v: Value | undefined): string {
  if (!v) return '?';
  const types = alternatives(v).map((a) =>
    a.kind === 'new' || a.kind === 'this' || a.kind === 'param' ? a.type : formatValue(a),
  );
  return [...new Set(types)].join(' | ');
}

/**
 * A Java object exposed to a WebView with JavaScript on can be called by any script the page
 * runs: a page loaded over HTTP, an injected ad or an XSS then drives the wallet's Java code.
 */
export default defineAndroidCheck({
  id: 'AND-WEBVIEW-002',
  name: 'webview-javascript-interface',
  title: 'Java object exposed to JavaScript in a WebView',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-PLATFORM-2'], cwe: [749], figi: [] },
  needs: ['dex'],
  messages: {
    exposed:
      'addJavascriptInterface({type}, "{name}") in {where}, with setJavaScriptEnabled(true) in {jsWhere}: page scripts can call the @JavascriptInterface methods of {type}.',
    reflection:
      'addJavascriptInterface({type}, "{name}") in {where}, with setJavaScriptEnabled(true) in {jsWhere}, and minSdkVersion {minSdk} < 17: on those versions any page script can reach every public method through reflection (remote code execution).',
  },
  remediation:
    'Do not expose Java objects to pages you do not fully control. If a bridge is needed: load only https:// pages of your own origin (check the URL in shouldOverrideUrlLoading), annotate only the minimum methods with @JavascriptInterface, validate every argument, never expose payment or PIN functions, raise minSdkVersion to at least 17, and prefer WebViewCompat.addWebMessageListener with an allowed-origin list.',
  run(ctx, report) {
    const js = sitesSettingTrue(ctx, [setter('setJavaScriptEnabled')]);
    if (js.length === 0) return;
    for (const s of sitesWithValues(ctx, webViewApis(ctx, [ADD_JS_INTERFACE]), isGoogleSdk)) {
      const sameClass = js.find((j) => j.cls === s.cls);
      const jsSite = sameClass ?? js[0];
      const data = {
        type: typeOf(s.values.args[1]),
        name: constantStrings(s.values.args[2]).join('|') || '?',
        where: s.where,
        jsWhere: jsSite.where,
        minSdk: ctx.minSdk,
      };
      const evidence = [siteEvidence(ctx, s), siteEvidence(ctx, jsSite)];
      const confidence = sameClass ? 'high' : 'medium';
      if (ctx.minSdk < SAFE_SINCE_SDK)
        report({ messageId: 'reflection', data, evidence, severity: 'critical', confidence });
      else report({ messageId: 'exposed', data, evidence, confidence });
    }
  },
});
