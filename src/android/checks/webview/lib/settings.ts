/** WebSettings boolean setters: the sites where a constant `true` reaches them. */
import type { AuditContext } from '../../../audit/context.js';
import { constantInt, subclassesOf } from '../../../code/index.js';
import { isGoogleSdk } from '../../shared/libraries.js';
import { sitesWithValues, type ValueSite } from '../../crypto/lib/sites.js';

export const WEB_SETTINGS = 'Landroid/webkit/WebSettings;';

/** `Landroid/webkit/WebSettings;->setX(Z)V` for a setter name. */
export function setter(name: string, cls = WEB_SETTINGS): string {
  return `${cls}->${name}(Z)V`;
}

/**
 * Sites of the given boolean setters where the argument is the constant true on every path
 * (a boolean from a parameter, a field or BuildConfig.DEBUG=false does not count).
 */
export function sitesSettingTrue(ctx: AuditContext, apis: readonly string[], isStatic = false): ValueSite[] {
  return sitesWithValues(ctx, apis, isGoogleSdk).filter((s) => {
    const v = s.values.args[isStatic ? 0 : 1];
    const n = v ? constantInt(v) : undefined;
    return n !== undefined && Number(n) === 1;
  });
}

export const WEBVIEW = 'Landroid/webkit/WebView;';

/**
 * `Landroid/webkit/WebView;->name(proto)` plus the same method referenced through every WebView
 * subclass the APK defines (a call on a `MyWebView` receiver names `LMyWebView;` in the DEX).
 */
export function webViewApis(ctx: AuditContext, nameAndProtos: readonly string[]): string[] {
  const classes = [
    WEBVIEW,
    ...subclassesOf(
      ctx.dex.map((d) => d.dex),
      WEBVIEW,
    ).map((c) => c.descriptor),
  ];
  return classes.flatMap((c) => nameAndProtos.map((m) => `${c}->${m}`));
}
