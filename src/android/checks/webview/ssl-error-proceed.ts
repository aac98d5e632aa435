import { defineAndroidCheck } from '../../audit/context.js';
import { methodCallsOnReceiver, reachedOnEveryPath, resolveMethod, subclassesOf } from '../../code/index.js';
import { isGoogleSdk } from '../shared/libraries.js';
import { methodValues } from '../crypto/lib/sites.js';
import { handleEvidence } from '../network-code/lib/handles.js';

const WEBVIEW_CLIENT = 'Landroid/webkit/WebViewClient;';
const ON_SSL_ERROR_PROTO =
  '(Landroid/webkit/WebView;Landroid/webkit/SslErrorHandler;Landroid/net/http/SslError;)V';
const PROCEED = 'Landroid/webkit/SslErrorHandler;->proceed()V';
/** onReceivedSslError(view, handler, error): the handler is parameter 1. */
const HANDLER_PARAM = 1;

/** Proceeding on an SSL error shows the page over a connection anyone in the middle can read and rewrite. */
export default defineAndroidCheck({
  id: 'AND-WEBVIEW-001',
  name: 'webview-ssl-error-proceed',
  title: 'WebView ignores TLS certificate errors',
  severity: 'critical',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-1', 'MASVS-PLATFORM-2'], cwe: [295], figi: ['FIGI-APP-T3.2'] },
  needs: ['dex'],
  messages: {
    always:
      '{method} calls SslErrorHandler.proceed() at 0x{offset} on every path: any certificate error is ignored.',
    conditional:
      '{method} calls SslErrorHandler.proceed() at 0x{offset} on some paths: some certificate errors are ignored.',
  },
  remediation:
    'Do not override onReceivedSslError, or call handler.cancel() in it. Fix the server certificate instead; for a private CA use network_security_config <trust-anchors>, which WebView honours.',
  run(ctx, report) {
    const dexes = ctx.dex.map((d) => d.dex);
    const done = new Set<string>();
    for (const c of subclassesOf(dexes, WEBVIEW_CLIENT)) {
      if (isGoogleSdk(c.descriptor)) continue;
      const m = resolveMethod(dexes, c.descriptor, 'onReceivedSslError', ON_SSL_ERROR_PROTO);
      if (!m || done.has(m.descriptor)) continue;
      done.add(m.descriptor);
      const calls = methodCallsOnReceiver(m.dex, m.method, PROCEED, HANDLER_PARAM);
      const mv = methodValues(m.dex, m.method);
      if (calls.length === 0 || !mv) continue;
      const offsets = calls.map((x) => x.offset);
      const evidence = offsets.map((o) => handleEvidence(ctx, m, o)).filter((e) => e !== undefined);
      if (evidence.length === 0) continue;
      const data = { method: m.descriptor, offset: offsets[0].toString(16) };
      if (reachedOnEveryPath(mv, offsets)) report({ messageId: 'always', data, evidence });
      else report({ messageId: 'conditional', data, evidence, confidence: 'medium' });
    }
  },
});
