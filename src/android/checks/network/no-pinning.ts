import type { Evidence } from '../../../core/findings.js';
import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import type { NscTrustAnchors } from '../../manifest/index.js';
import { allDomainConfigs, nscEvidence, valueOf } from './lib/nsc.js';
import { codePinning } from './lib/pinning.js';

const INTERNET = 'android.permission.INTERNET';

/** Trust anchors made only of bundled certificates (no system or user store): CA pinning. */
function bundledOnly(t: NscTrustAnchors | undefined): boolean {
  if (!t?.certificates.length) return false;
  return t.certificates.every((c) => {
    const src = valueOf(c.src);
    return src !== undefined && src !== 'system' && src !== 'user';
  });
}

/**
 * No certificate pinning found (FIGI T3.3, a test static analysis can only fail, never pass):
 * the app trusts every CA of the device's store for its API, so a mis-issued or coerced
 * certificate (or one a user installs, if user CAs are trusted) intercepts its traffic.
 */
export default defineAndroidCheck({
  id: 'AND-NETCFG-005',
  name: 'no-certificate-pinning',
  title: 'No certificate pinning found',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-NETWORK-2'], cwe: [295], figi: ['FIGI-APP-T3.3'] },
  needs: ['manifest'],
  tags: ['control-absent'],
  messages: {
    none: 'No certificate pinning was found: {nsc}, and the code has no OkHttp CertificatePinner, TrustKit, pin strings, custom trust store or public-key check in checkServerTrusted.',
  },
  remediation:
    "Pin the wallet's API hosts: a <domain-config> with a <pin-set> (at least two SHA-256 SPKI pins, one a backup key, and an expiration date you will renew) in res/xml/network_security_config.xml, or OkHttp CertificatePinner. Plan pin rotation with the backend team before shipping.",
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m?.application || !m.usesPermissions.some((p) => p.name === INTERNET)) return; // no network, nothing to pin
    const nsc = ctx.networkSecurityConfig;
    const today = new Date().toISOString().slice(0, 10);
    if (nsc) {
      for (const d of allDomainConfigs(nsc.config.domainConfigs)) {
        const pins = d.pinSet;
        if (!pins?.pins.length) continue;
        const exp = valueOf(pins.expiration);
        if (!exp || exp >= today) return; // live pins (expired ones: AND-NETCFG-006)
      }
      // Trust anchors limited to bundled certificates (no system, no user store) pin a CA.
      if (
        bundledOnly(nsc.config.baseConfig?.trustAnchors) ||
        allDomainConfigs(nsc.config.domainConfigs).some((d) => bundledOnly(d.trustAnchors))
      )
        return;
    }
    if (codePinning(ctx)) return;
    const evidence: Evidence[] = [
      nsc
        ? nscEvidence(nsc, nsc.config.at)
        : manifestEvidence(m.application.at, 'android:networkSecurityConfig'),
    ];
    evidence.push({
      kind: 'text',
      text: `searched: NSC <pin-set>/bundled trust anchors; DEX: okhttp3 and com.squareup.okhttp CertificatePinner, OkHttpClient.Builder.certificatePinner, KeyStore.setCertificateEntry, TrustKit classes, sha256/ and sha1/ pin strings, getPublicKey() in checkServerTrusted (${ctx.dex.length} DEX file(s))`,
    });
    const confidence = ctx.dex.length && !ctx.code ? 'low' : 'medium'; // DEX present but unreadable: code not searched
    report({
      messageId: 'none',
      confidence,
      data: {
        nsc: nsc
          ? `the network security config (${nsc.path}) has no live <pin-set> and no bundled trust anchors`
          : 'there is no network security config',
      },
      evidence,
    });
  },
});
