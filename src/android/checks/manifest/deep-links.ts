import type { ManifestEvidence } from '../../../core/findings.js';
import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import type { IntentFilter } from '../../manifest/index.js';
import { shortName, valueOf } from './lib/util.js';

const VIEW = 'android.intent.action.VIEW';
const BROWSABLE = 'android.intent.category.BROWSABLE';
const WEB = new Set(['http', 'https']);
/** Schemes the platform owns: not a deep link another app could claim to steal data. */
const NON_LINK = new Set(['file', 'content', 'android.resource', 'tel', 'mailto', 'sms', 'smsto', 'geo']);
/** Hosts or paths that carry money movement or credentials. */
const SENSITIVE =
  /(pay|transfer|send|wallet|checkout|otp|auth|login|token|callback|redirect|reset|money|cash|withdraw|top-?up|confirm|kyc|pin)/i;
const MAX_LISTED = 8;

type Uris = { schemes: string[]; uris: string[] };

/** The URI patterns a filter matches (Android combines every scheme, host and path of its <data> elements). */
function uriPatterns(f: IntentFilter): Uris {
  const schemes = new Set<string>();
  const hosts = new Set<string>();
  const paths = new Set<string>();
  for (const d of f.data) {
    const s = valueOf(d.scheme);
    if (s) schemes.add(s.toLowerCase());
    const h = valueOf(d.host);
    if (h) hosts.add(h + (valueOf(d.port) ? `:${valueOf(d.port)}` : ''));
    const p =
      valueOf(d.path) ??
      (valueOf(d.pathPrefix) !== undefined ? `${valueOf(d.pathPrefix)}*` : undefined) ??
      valueOf(d.pathPattern) ??
      valueOf(d.pathAdvancedPattern);
    const suffix = valueOf(d.pathSuffix);
    if (p !== undefined) paths.add(p);
    else if (suffix !== undefined) paths.add(`*${suffix}`);
  }
  const uris: string[] = [];
  for (const s of schemes)
    for (const h of hosts.size ? hosts : ['*'])
      for (const p of paths.size ? paths : [''])
        uris.push(`${s}://${h}${p && !p.startsWith('/') && !p.startsWith('*') ? '/' : ''}${p}`);
  return { schemes: [...schemes], uris };
}

function listed(uris: string[]): string {
  return uris.length > MAX_LISTED
    ? `${uris.slice(0, MAX_LISTED).join(', ')} (+${uris.length - MAX_LISTED} more)`
    : uris.join(', ');
}

/**
 * Browsable deep links: web links (http/https) that Android does not verify as belonging to the
 * app, and custom schemes any other app can also register.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-009',
  name: 'deep-links',
  title: 'Deep links another app can claim',
  severity: 'low',
  confidence: 'medium',
  refs: { masvs: ['MASVS-PLATFORM-1'], cwe: [940], figi: [] },
  needs: ['manifest'],
  messages: {
    unverifiedAppLink:
      'Activity {name} opens web links {uris} without android:autoVerify="true": Android never verifies the domain belongs to the app, so another app can declare the same links (a chooser on Android 11 and lower; the browser on Android 12+), and the links reach the activity unauthenticated.',
    customScheme:
      'Activity {name} handles the custom-scheme links {uris}: any app can register the same scheme and receive them, and any web page or app can open them with attacker-chosen parameters.',
    sensitiveCustomScheme:
      'Activity {name} handles custom-scheme links on payment or credential paths ({uris}): another app registering the same scheme can receive payment callbacks, OAuth codes or tokens sent there, and any web page can trigger them with forged parameters.',
  },
  remediation:
    'Use verified Android App Links: https only, android:autoVerify="true" on the intent filter and a /.well-known/assetlinks.json on each host. Do not carry tokens, OAuth codes or payment results in custom-scheme links (use PKCE and app links). Treat every deep-link parameter as untrusted: require the user to confirm amounts and payees, and re-authenticate before a transfer.',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m) return;
    for (const c of m.components) {
      if ((c.kind !== 'activity' && c.kind !== 'activity-alias') || !c.exported.effective) continue;
      for (const f of c.intentFilters) {
        if (
          !f.actions.some((a) => valueOf(a) === VIEW) ||
          !f.categories.some((x) => valueOf(x) === BROWSABLE)
        )
          continue;
        const { schemes, uris } = uriPatterns(f);
        const name = shortName(m, c);
        const filterEv: ManifestEvidence = f.autoVerify
          ? manifestEvidence(f.autoVerify)
          : manifestEvidence(f.at);
        const web = uris.filter((u) => WEB.has(u.slice(0, u.indexOf(':'))));
        const custom = uris.filter(
          (u) => !WEB.has(u.slice(0, u.indexOf(':'))) && !NON_LINK.has(u.slice(0, u.indexOf(':'))),
        );
        const firstData = f.data.find((d) => d.scheme);
        const evidence: ManifestEvidence[] = [filterEv];
        if (firstData?.scheme) evidence.push(manifestEvidence(firstData.scheme));
        if (web.length && valueOf(f.autoVerify) !== true && web.some((u) => !u.includes('://*'))) {
          report({ messageId: 'unverifiedAppLink', data: { name, uris: listed(web) }, evidence });
        }
        if (custom.length && schemes.length) {
          const sensitive = custom.some((u) => SENSITIVE.test(u.slice(u.indexOf('://') + 3)));
          report({
            messageId: sensitive ? 'sensitiveCustomScheme' : 'customScheme',
            data: { name, uris: listed(custom) },
            evidence,
            severity: sensitive ? 'medium' : 'low',
          });
        }
      }
    }
  },
});
