import { defineAndroidCheck } from '../../audit/context.js';
import { describeCert, signerEvidence, signers } from './lib/signers.js';

/**
 * With several signers, every key must sign every update and any one of them leaking is enough
 * for a same-signature attack on permissions declared by the app. Rare in store apps.
 */
export default defineAndroidCheck({
  id: 'AND-SIGN-008',
  name: 'multiple-signers',
  title: 'APK has more than one signer',
  severity: 'low',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-2'], cwe: [347], figi: [] },
  needs: ['signing'],
  messages: {
    several:
      "The {scheme} signature has {count} signers ({certs}): each of those keys is part of the app's identity and must be guarded like the release key; Android also refuses key rotation for multi-signer apps.",
  },
  remediation:
    'Sign releases with a single key unless a platform requirement says otherwise; if a second signer was added by a build or store tool by mistake, re-sign with the release key only.',
  run(ctx, report) {
    const signing = ctx.apk.signing;
    if (!signing) return;
    const refs = signers(signing);
    // v3/v3.1 carry one signer per platform range by design; several v2 or v1 signers are the case.
    for (const scheme of ['v2', 'v1'] as const) {
      const of = refs.filter((r) => r.scheme === scheme);
      if (of.length < 2) continue;
      const certs = of
        .map((r) => (r.signer.certificates[0] ? describeCert(r.signer.certificates[0]) : '?'))
        .join('; ');
      report({
        messageId: 'several',
        data: { scheme: scheme === 'v1' ? 'v1 (JAR)' : 'v2', count: of.length, certs },
        evidence: of.map((r) =>
          signerEvidence(ctx.apk, r, r.signer.certificates[0]?.subject ?? 'no certificate'),
        ),
      });
      return;
    }
  },
});
