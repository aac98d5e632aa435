import { defineAndroidCheck } from '../../audit/context.js';
import { scanApp } from './lib/app-scan.js';
import { evidenceFor, whereOf } from './lib/evidence.js';
import { moreText, secretsOfKind } from './lib/select.js';

/** Google API keys are client keys by design: a finding only to restrict them, not a leak. */
const CLIENT_KEYS = new Set(['google-api-key']);
/** Identifiers that only become a credential with their secret next to them. */
const MEDIUM = new Set(['twilio-api-key', 'mailgun-api-key']);

/** Payment and cloud keys in an APK are in the hands of every user of the app, and of every attacker. */
export default defineAndroidCheck({
  id: 'AND-SECRET-002',
  name: 'hard-coded-api-key',
  title: 'Cloud or payment API key embedded in the app',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-STORAGE-1', 'MASVS-AUTH-1'], cwe: [798], figi: ['FIGI-APP-T2.x-local'] },
  needs: ['dex'],
  messages: {
    key: '{label} for {provider} ({redacted}) in {where}{more}: whoever extracts it can call {provider} as the app.',
    named:
      '{label} for {provider} ({redacted}) in {where}{more}: a random-looking value under a credential name, readable by anyone who unzips the APK.',
    client:
      'Google API key {redacted} in {where}{more}: a client key anyone can extract; unless it is restricted (Android app package + signing certificate, and only the APIs the app needs) it can be used — and billed — from anywhere.',
  },
  remediation:
    "Never ship server credentials (payment secret keys, M-Pesa/Daraja consumer secrets and passkeys, AWS, Twilio, SendGrid, GitHub tokens) in the app: move the calls that need them to your backend and have the app call the backend with the user's own session. Revoke and rotate every key found here — it is already public. Keys meant for clients (Google Maps/Firebase) must be restricted to the app's package and signing certificate in the provider console.",
  run(ctx, report) {
    const mpesaHost = scanApp(ctx).urls.some((u) => /(^|\.)safaricom\.co\.ke$/.test(u.url.host));
    for (const s of secretsOfKind(ctx, ['api-key'])) {
      const { hit } = s;
      const provider =
        hit.detector === 'oauth-consumer-credential' && mpesaHost
          ? 'M-Pesa Daraja (Safaricom)'
          : (hit.provider ?? 'an API');
      const data = {
        label: hit.label,
        provider,
        redacted: hit.redacted,
        where: whereOf(ctx, s.sources[0]),
        more: moreText(s.sources.length),
      };
      const evidence = evidenceFor(ctx, s.sources, hit.redacted);
      if (CLIENT_KEYS.has(hit.detector)) {
        report({ messageId: 'client', data, evidence, severity: 'low' });
      } else if (hit.detector === 'oauth-consumer-credential' && !mpesaHost) {
        report({ messageId: 'named', data, evidence, severity: 'medium', confidence: 'medium' });
      } else {
        const named = hit.name !== undefined && hit.index === 0 && hit.confidence !== 'high';
        report({
          messageId: named ? 'named' : 'key',
          data,
          evidence,
          ...(MEDIUM.has(hit.detector) ? { severity: 'medium' as const } : {}),
          ...(hit.confidence !== 'high' ? { confidence: hit.confidence } : {}),
        });
      }
    }
  },
});
