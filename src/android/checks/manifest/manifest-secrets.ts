import type { Severity } from '../../../core/findings.js';
import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import type { MetaData } from '../../manifest/index.js';
import { valueOf } from './lib/util.js';

/** meta-data names that announce a secret (not a public identifier such as an app id). */
const SECRET_NAME =
  /(secret|passw(or)?d|passwd|private[_.-]?key|auth[_.-]?token|access[_.-]?token|api[_.-]?secret|signing[_.-]?key|encryption[_.-]?key)/i;
/** Keys designed to ship inside APKs (restricted by package name and certificate on the server side). */
const PUBLIC_KEYS = new Set(['com.google.android.geo.API_KEY', 'com.google.android.maps.v2.API_KEY']);
/** Placeholder values a build did not substitute, or that are not secrets. */
const PLACEHOLDER = /^(\$\{.*\}|@.*|true|false|null|none|todo|changeme|xxx+|\s*)$/i;
const MIN_SECRET_LENGTH = 8;

function stringValue(md: MetaData): string | undefined {
  const v = md.value?.value;
  return v?.type === 'string' ? v.value : undefined;
}

function masked(s: string): string {
  return s.length <= 8 ? `${s.slice(0, 2)}…` : `${s.slice(0, 4)}…${s.slice(-2)} (${s.length} chars)`;
}

/**
 * Secrets placed in <meta-data> (often by a build script from gradle properties): anyone can read
 * them with `aapt dump xmltree`. API keys meant to ship in apps (Google Maps) are reported at info.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-019',
  name: 'manifest-secrets',
  title: 'Secret value in manifest meta-data',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-STORAGE-1', 'MASVS-CRYPTO-2'], cwe: [798], figi: [] },
  needs: ['manifest'],
  messages: {
    secret:
      '<meta-data android:name="{name}"> carries a value ({masked}) that its name marks as a secret: anyone with the APK reads it.',
    publicKey:
      '<meta-data android:name="{name}"> carries an API key ({masked}) designed to ship in apps: make sure it is restricted to this package and signing certificate in the provider console.',
  },
  remediation:
    'Do not put secrets in the manifest or resources: keep server credentials on the server, obtain per-user tokens after login, and restrict public API keys (Maps, Firebase) by package name and SHA-256 certificate fingerprint. Rotate any secret found here.',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m) return;
    const all: MetaData[] = [...(m.application?.metaData ?? []), ...m.components.flatMap((c) => c.metaData)];
    for (const md of all) {
      const name = valueOf(md.name);
      const value = stringValue(md);
      if (!name || !value || value.length < MIN_SECRET_LENGTH || PLACEHOLDER.test(value)) continue;
      let messageId: string;
      let severity: Severity;
      if (PUBLIC_KEYS.has(name)) {
        messageId = 'publicKey';
        severity = 'info';
      } else if (SECRET_NAME.test(name)) {
        messageId = 'secret';
        severity = 'medium';
      } else continue;
      const ev = manifestEvidence(md.value ?? md.at, 'android:value');
      ev.value = masked(value); // never copy the whole secret into reports
      report({ messageId, data: { name, masked: masked(value) }, evidence: ev, severity });
    }
  },
});
