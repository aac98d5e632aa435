/** Test helper: a class calling one boolean WebSettings / WebView setter with a constant or a parameter. */
import { smaliClass, smaliMethod } from '../../crypto/lib/smali-fixtures.js';

/** `value` 1/0 passes a constant; 'param' passes the method's boolean parameter (unknown value). */
export function setterCall(api: string, value: 0 | 1 | 'param', isStatic = false): Record<string, string> {
  const load = value === 'param' ? 'move v0, p1' : `const/4 v0, ${value}`;
  const call = isStatic ? `invoke-static {v0}, ${api}` : `invoke-virtual {p0, v0}, ${api}`;
  const recv = isStatic ? 'Landroid/webkit/WebView;' : 'Landroid/webkit/WebSettings;';
  return smaliClass('Lorg/x/Web;', [
    smaliMethod('public static', `configure(${recv}Z)V`, 3, `${load}\n${call}\nreturn-void`),
  ]);
}
