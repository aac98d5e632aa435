/** Calls that ask Google (SafetyNet, Play Integrity) or the hardware (key attestation) whether the device and app are genuine. */
import type { AuditContext } from '../../../audit/context.js';
import { libraryCallSignal, type Signal } from './signals.js';

export function integritySignal(ctx: AuditContext): Signal | undefined {
  return (
    libraryCallSignal(
      ctx,
      'Lcom/google/android/play/core/integrity/',
      ['requestIntegrityToken', 'prepareIntegrityToken', 'request'],
      'Play Integrity API call',
    ) ??
    libraryCallSignal(ctx, 'Lcom/google/android/gms/safetynet/', ['attest'], 'SafetyNet attest call') ??
    libraryCallSignal(
      ctx,
      'Landroid/security/keystore/KeyGenParameterSpec$Builder;',
      ['setAttestationChallenge'],
      'key attestation (setAttestationChallenge)',
    )
  );
}
