/**
 * Signs of certificate pinning in the code (for AND-NETCFG-005). A heuristic over call sites and
 * strings, deliberately generous: any sign of pinning suppresses the "no pinning" finding.
 */
import type { AuditContext } from '../../../audit/context.js';
import { classMethods, forEachReferencedString, siteMethod, type CodeSite } from '../../../dex/index.js';
import { callSites } from '../../../dex/index.js';

export type PinSignal = { what: string; site?: CodeSite };

/** Pinning APIs: OkHttp 3/4 and 2, and a KeyStore built from bundled certificates (custom trust store). */
const PIN_APIS: readonly [string, string][] = [
  [
    'Lokhttp3/CertificatePinner$Builder;->add(Ljava/lang/String;[Ljava/lang/String;)Lokhttp3/CertificatePinner$Builder;',
    'OkHttp CertificatePinner.Builder.add',
  ],
  [
    'Lokhttp3/OkHttpClient$Builder;->certificatePinner(Lokhttp3/CertificatePinner;)Lokhttp3/OkHttpClient$Builder;',
    'OkHttpClient.Builder.certificatePinner',
  ],
  [
    'Lcom/squareup/okhttp/CertificatePinner$Builder;->add(Ljava/lang/String;[Ljava/lang/String;)Lcom/squareup/okhttp/CertificatePinner$Builder;',
    'OkHttp 2 CertificatePinner.Builder.add',
  ],
  [
    'Ljava/security/KeyStore;->setCertificateEntry(Ljava/lang/String;Ljava/security/cert/Certificate;)V',
    'KeyStore.setCertificateEntry (custom trust store)',
  ],
];
const GET_PUBLIC_KEY = [
  'Ljava/security/cert/X509Certificate;->getPublicKey()Ljava/security/PublicKey;',
  'Ljava/security/cert/Certificate;->getPublicKey()Ljava/security/PublicKey;',
];
const TRUSTKIT = 'Lcom/datatheorem/android/trustkit/TrustKit;';
/** OkHttp pin strings ('sha256/<base64 of 32 bytes>', 'sha1/<base64 of 20 bytes>'), also in obfuscated apps. */
const PIN_STRING = /^sha(256\/[A-Za-z0-9+/]{43}=|1\/[A-Za-z0-9+/]{27}=)$/;

export function codePinning(ctx: AuditContext): PinSignal | undefined {
  const code = ctx.code;
  if (!code) return undefined;
  for (const [api, what] of PIN_APIS) {
    const s = ctx.calls(api)[0];
    if (s) return { what, site: s };
  }
  for (const api of GET_PUBLIC_KEY) {
    for (const s of callSites(code, api)) {
      if (siteMethod(code, s).includes('->checkServerTrusted('))
        return { what: 'a checkServerTrusted that reads the server public key', site: s };
    }
  }
  if (classMethods(code, TRUSTKIT).length) return { what: 'TrustKit' };
  let pin: PinSignal | undefined;
  forEachReferencedString(code, (value, sites) => {
    if (value.length < 40 || !PIN_STRING.test(value)) return false;
    pin = { what: `a pin string (${value.slice(0, 12)}…)`, site: sites()[0] };
    return true;
  });
  return pin;
}
