import { defineAndroidCheck } from '../../audit/context.js';
import { alternatives, constantText, type Value } from '../../code/index.js';
import { isGoogleSdk } from '../shared/libraries.js';
import { siteEvidence, sitesWithValues } from '../crypto/lib/sites.js';
import { setter, sitesSettingTrue, webViewApis } from './lib/settings.js';

/** WebView navigation calls; the URL is the first parameter (argument 1 after the receiver). */
const LOADERS = ['loadUrl(Ljava/lang/String;)V', 'loadUrl(Ljava/lang/String;Ljava/util/Map;)V'];
/** APIs that return a directory on shared (external) storage, writable by other apps on older Android. */
const EXTERNAL_DIRS = [
  'Landroid/os/Environment;->getExternalStorageDirectory()',
  'Landroid/os/Environment;->getExternalStoragePublicDirectory(',
  'Landroid/content/Context;->getExternalFilesDir(',
  'Landroid/content/Context;->getExternalCacheDir(',
];
/** A constant path on shared storage. */
const EXTERNAL_PATH = /^(file:\/\/)?\/(sdcard|mnt\/sdcard|storage\/emulated|storage\/sdcard)/i;
/** Depth bound when looking through concatenations and File/String calls for the directory. */
const MAX_DEPTH = 4;

/** True when the value (a concatenation part, a File.toString() …) comes from shared storage. */
function fromExternal(v: Value, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  for (const alt of alternatives(v)) {
    if (alt.kind === 'invoke') {
      if (EXTERNAL_DIRS.some((d) => matchesApi(alt.method, d))) return true;
      if (alt.args.some((a) => fromExternal(a, depth + 1))) return true;
    } else if (alt.kind === 'concat') {
      if (alt.parts.some((p) => fromExternal(p, depth + 1))) return true;
    } else if (alt.kind === 'new' && alt.args) {
      if (alt.args.some((a) => fromExternal(a, depth + 1))) return true;
    } else {
      const text = constantText(alt);
      if (text !== undefined && EXTERNAL_PATH.test(text)) return true;
    }
  }
  return false;
}

/** Environment methods match on the class; Context methods on any receiver class (Activity, …). */
function matchesApi(method: string, api: string): boolean {
  if (api.startsWith('Landroid/os/Environment;')) return method.startsWith(api);
  return method.includes(api.slice(api.indexOf('->')));
}

/** The leading constant text of a URL value ('' when it starts with a non-constant part). */
function prefixOf(v: Value): string {
  const whole = constantText(v);
  if (whole !== undefined) return whole;
  if (v.kind !== 'concat') return '';
  let s = '';
  for (const p of v.parts) {
    const t = constantText(p);
    if (t === undefined) break;
    s += t;
  }
  return s;
}

/**
 * A WebView with JavaScript on that loads a file:// page from shared storage: any app allowed to
 * write there (or a user with a file manager) replaces the page and runs script inside the app's
 * WebView, with its cookies, its JavaScript bridges and file:// access to the app's own data.
 */
export default defineAndroidCheck({
  id: 'AND-WEBVIEW-009',
  name: 'webview-external-file-url',
  title: 'WebView runs JavaScript from a file on shared storage',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-PLATFORM-2', 'MASVS-STORAGE-1'], cwe: [829, 94], figi: [] },
  needs: ['dex'],
  messages: {
    external:
      'WebView.loadUrl("{url}") in {where} loads a page from shared storage, and {class} enables JavaScript: any app that can write there injects script into the WebView.',
  },
  remediation:
    'Never render a page another app can write. Keep generated pages (statements, receipts) in internal storage (Context.getFilesDir) and serve them through androidx.webkit.WebViewAssetLoader, or render the data natively; leave setJavaScriptEnabled off for local content and setAllowFileAccess(false).',
  run(ctx, report) {
    const jsClasses = new Set(sitesSettingTrue(ctx, [setter('setJavaScriptEnabled')]).map((s) => s.cls));
    if (jsClasses.size === 0) return;
    for (const s of sitesWithValues(ctx, webViewApis(ctx, LOADERS), isGoogleSdk)) {
      if (!jsClasses.has(s.cls)) continue;
      const v = s.values.args[1];
      if (!v) continue;
      for (const alt of alternatives(v)) {
        const prefix = prefixOf(alt);
        if (!/^file:/i.test(prefix) || !fromExternal(alt)) continue;
        const url = constantText(alt) ?? `${prefix}…`;
        report({
          messageId: 'external',
          data: { url, where: s.where, class: s.cls },
          evidence: siteEvidence(ctx, s),
        });
        break;
      }
    }
  },
});
