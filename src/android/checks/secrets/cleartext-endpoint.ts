import { defineAndroidCheck } from '../../audit/context.js';
import { isExampleHost, isLocalHost, isNamespaceUrl, redactIn } from '../../secrets/index.js';
import { scanApp } from './lib/app-scan.js';
import { cleartextPermitted } from './lib/cleartext-policy.js';
import { evidenceFor, isLibrary, placesText } from './lib/evidence.js';
import type { AppUrl } from './lib/types.js';

/** URLs listed per host in the message. */
const SHOWN_URLS = 3;

/**
 * http:// endpoints in the app's own code, resources and files. Anyone on the path (public
 * Wi-Fi, a rogue base station, the ISP) reads and rewrites what goes over them.
 */
export default defineAndroidCheck({
  id: 'AND-ENDPOINT-001',
  name: 'cleartext-endpoint',
  title: 'Plain http:// endpoint in the app',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-NETWORK-1'], cwe: [319], figi: ['FIGI-APP-T3.1'] },
  needs: ['dex'],
  messages: {
    permitted:
      'http://{host} ({count} URL{s}: {urls}) in {where}: the platform lets this traffic go out unencrypted.',
    blocked:
      'http://{host} ({count} URL{s}: {urls}) in {where}: the network security policy blocks cleartext to this host, so the request fails instead of leaking — switch it to https://.',
  },
  remediation:
    'Serve every endpoint over https:// (TLS 1.2+) and change the URLs in the app; then set android:usesCleartextTraffic="false" (or cleartextTrafficPermitted="false" in the network security config) so a forgotten http:// URL fails instead of leaking. For a mobile-money app this includes image, help and terms pages: a rewritten page can phish the PIN.',
  run(ctx, report) {
    const byHost = new Map<string, AppUrl[]>();
    for (const u of scanApp(ctx).urls) {
      const { url } = u;
      if (url.scheme !== 'http' || !url.host || isNamespaceUrl(url)) continue;
      // Loopback and emulator aliases (10.0.2.2) never cross a network; example.com is documentation.
      if (isLocalHost(url.host) || isExampleHost(url.host)) continue;
      // Bundled libraries' URLs are not the developer's to change (the cleartext policy checks
      // cover them); strings no code loads are dead.
      const sources = u.sources.filter((s) => !isLibrary(s) && s.kind !== 'dex-data');
      if (sources.length === 0) continue;
      const list = byHost.get(url.host) ?? [];
      list.push({ url, sources });
      byHost.set(url.host, list);
    }
    for (const [host, list] of [...byHost].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      list.sort((a, b) => (a.url.url < b.url.url ? -1 : 1));
      const shown = list
        .slice(0, SHOWN_URLS)
        .map((u) => redactIn(u.url.url, u.url.userinfo ? [u.url.userinfo.password] : []));
      const urls = shown.join(', ') + (list.length > SHOWN_URLS ? ', …' : '');
      const sources = list.flatMap((u) => u.sources);
      const permitted = cleartextPermitted(ctx, host);
      report({
        messageId: permitted === false ? 'blocked' : 'permitted',
        data: {
          host,
          count: list.length,
          s: list.length > 1 ? 's' : '',
          urls,
          where: placesText(ctx, sources),
        },
        evidence: list
          .slice(0, 5)
          .flatMap((u, i) => evidenceFor(ctx, u.sources, shown[i] ?? u.url.url).slice(0, 1)),
        ...(permitted === false ? { severity: 'low' as const } : {}),
      });
    }
  },
});
