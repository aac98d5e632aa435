import { isDfslabError } from '../../../core/errors.js';
import { defineAndroidCheck } from '../../audit/context.js';
import { absenceEvidence } from '../storage/lib/app-code.js';
import { integritySignal } from './lib/integrity.js';

/**
 * The app never asks for an integrity attestation, so its server cannot tell the genuine app on a
 * genuine device from a repackaged app, a bot or an emulator farm.
 */
export default defineAndroidCheck({
  id: 'AND-RESILIENCE-004',
  name: 'no-integrity-attestation',
  title: 'No app or device integrity attestation (resilience)',
  // Absence of a defence-in-depth control, MASVS-RESILIENCE only: low.
  severity: 'low',
  confidence: 'medium',
  refs: { masvs: ['MASVS-RESILIENCE-2'], cwe: [345], figi: [] },
  needs: ['dex'],
  tags: ['resilience', 'control-absent'],
  messages: {
    absent:
      'Resilience: no integrity attestation found — app code never calls the Play Integrity API (IntegrityManager.requestIntegrityToken / StandardIntegrityManager), SafetyNet attest, or key attestation (setAttestationChallenge){bundled}.',
  },
  remediation:
    'Request a Play Integrity token (standard requests before each login and payment, with a request hash of the transaction) and verify the verdicts on the server: app recognised, certificate matches, device integrity. Refuse or step up payments when they fail. SafetyNet Attestation is shut down; migrate to Play Integrity.',
  run(ctx, report) {
    if (!ctx.code) return;
    if (integritySignal(ctx)) return;
    // The library classes in the APK without a call from app code do not attest anything.
    const bundled = ctx.dex.some((d) =>
      d.dex.classDefs.some((cd) => {
        try {
          const t = d.dex.type(cd.classIdx);
          return (
            t.startsWith('Lcom/google/android/play/core/integrity/') ||
            t.startsWith('Lcom/google/android/gms/safetynet/SafetyNet')
          );
        } catch (e) {
          if (!isDfslabError(e)) throw e;
          return false;
        }
      }),
    );
    report({
      messageId: 'absent',
      data: {
        bundled: bundled
          ? ' (the SafetyNet or Play Integrity library is bundled but app code never calls it)'
          : '',
      },
      evidence: absenceEvidence(
        ctx,
        'searched calls from app code (libraries excluded) to Play Integrity, SafetyNet attest and KeyGenParameterSpec.Builder.setAttestationChallenge',
      ),
    });
  },
});
