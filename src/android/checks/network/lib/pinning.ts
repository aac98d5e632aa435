/**
 * Signs of certificate pinning in the code (for AND-NETCFG-005). A heuristic over call sites and
 * strings, deliberately generous: any sign of pinning suppresses the "no pinning" finding.
 */
import type { AuditContext } from '../../../audit/context.js';
import { classMethods, siteMethod, type CodeSite } from '../../../dex/index.js';
import { stringPrefilter } from '../../../dex/lookups.js';
import { referencedStringsWhere } from '../../../dex/query.js';
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
/** A pin string has 51 or 33 characters and holds "a2" (sha256/) or "a1" (sha1/). */
const PIN_PREFILTER = stringPrefilter(52, ['a2', 'a1']);

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
  const hit = referencedStringsWhere(code, PIN_PREFILTER, (v) => v.length >= 40 && PIN_STRING.test(v))[0];
  if (!hit) return undefined;
  return { what: `a pin string (${hit.value.slice(0, 12)}…)`, site: hit.sites[0] };
}
