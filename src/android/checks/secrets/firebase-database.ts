import { defineAndroidCheck } from '../../audit/context.js';
import { scanApp } from './lib/app-scan.js';
import { evidenceFor, placesText } from './lib/evidence.js';
import type { AppUrl } from './lib/types.js';

const RTDB_HOST = /^[a-z0-9-]+(-default-rtdb)?(\.[a-z0-9-]+)?\.(firebaseio\.com|firebasedatabase\.app)$/;

/**
 * Firebase Realtime Database URLs. Databases whose rules allow public reads (`".read": true`)
 * have leaked whole customer tables; this offline audit cannot query the database, so the
 * finding is an instruction to test it.
 */
export default defineAndroidCheck({
  id: 'AND-ENDPOINT-002',
  name: 'firebase-database-url',
  title: 'Firebase Realtime Database used by the app',
  severity: 'info',
  confidence: 'high',
  refs: { masvs: ['MASVS-STORAGE-1', 'MASVS-AUTH-1'], cwe: [], figi: [] },
  needs: ['dex'],
  messages: {
    rtdb: 'The app uses the Firebase Realtime Database https://{host} (in {where}). dfslab works offline and did not query it: check by hand that GET https://{host}/.json without credentials is refused (401/403 "Permission denied").',
  },
  remediation:
    'Review the database rules in the Firebase console: no ".read"/".write": true at any path; require request.auth and scope each user to their own node (e.g. "$uid": {".read": "auth.uid === $uid"}). Test with `curl https://<db>/.json` (expect "Permission denied"), and keep money-moving logic on your backend, not in client-writable paths.',
  run(ctx, report) {
    const byHost = new Map<string, AppUrl[]>();
    for (const u of scanApp(ctx).urls) {
      if (!RTDB_HOST.test(u.url.host)) continue;
      const list = byHost.get(u.url.host) ?? [];
      list.push(u);
      byHost.set(u.url.host, list);
    }
    for (const [host, list] of [...byHost].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const sources = list.flatMap((u) => u.sources);
      report({
        messageId: 'rtdb',
        data: { host, where: placesText(ctx, sources) },
        evidence: evidenceFor(ctx, sources, list[0].url.url),
      });
    }
  },
});
