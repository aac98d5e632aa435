import { defineAndroidCheck } from '../../audit/context.js';
import { absenceEvidence } from '../storage/lib/app-code.js';
import { integritySignal } from './lib/integrity.js';
import { stringPrefilter } from '../../dex/lookups.js';
import { nativeSignal, stringSignal } from './lib/signals.js';

/** Build property values and device files that only emulators have. */
const EMULATOR_STRING =
  /goldfish|ranchu|sdk_gphone|google_sdk|generic_x86|vbox86|genymotion|qemu|bluestacks|nox(?:player|vm)|android sdk built for|^generic$|^generic\/|^unknown\/sdk|^emulator$/i;
/** Matches are under 200 characters; each alternative above holds one of these pairs (ignoring case). */
const EMULATOR_PREFILTER = stringPrefilter(200, [
  'df', // goldfish
  'hu', // ranchu
  'dk', // sdk_gphone, google_sdk, android sdk built for, unknown/sdk
  'x8', // generic_x86, vbox86
  'ym', // genymotion
  'qe', // qemu
  'ks', // bluestacks
  'xp', // noxplayer
  'xv', // noxvm
  'ic', // generic
  'mu', // emulator
]);
const EMULATOR_NATIVE = ['goldfish', 'ranchu', 'qemu', 'vbox86', 'genymotion'];

/**
 * No emulator detection: fraud farms and automated attacks run banking apps in emulators, where
 * hooking and instrumentation are trivial.
 */
export default defineAndroidCheck({
  id: 'AND-RESILIENCE-002',
  name: 'no-emulator-detection',
  title: 'No emulator detection (resilience)',
  severity: 'low',
  confidence: 'medium',
  refs: { masvs: ['MASVS-RESILIENCE-1'], cwe: [693], figi: [] },
  needs: ['dex'],
  tags: ['resilience', 'needs-dynamic', 'control-absent'],
  messages: {
    absent:
      'Resilience: no emulator detection found — no goldfish / ranchu / sdk_gphone / generic / qemu / Genymotion checks in app code or native libraries, and no Play Integrity or SafetyNet attestation.',
  },
  remediation:
    'Use the Play Integrity API device verdict (MEETS_DEVICE_INTEGRITY fails on emulators) checked on the server; local checks of Build.FINGERPRINT / HARDWARE ("generic", "goldfish", "ranchu") and /dev/qemu_pipe add a cheap first signal. Treat a detected emulator as high risk for payments.',
  run(ctx, report) {
    if (!ctx.code) return;
    const found =
      stringSignal(
        ctx,
        EMULATOR_PREFILTER,
        (s) => s.length < 200 && EMULATOR_STRING.test(s),
        'emulator check string',
      ) ??
      integritySignal(ctx) ??
      nativeSignal(ctx, EMULATOR_NATIVE, 'emulator check string');
    if (found) return;
    report({
      messageId: 'absent',
      evidence: absenceEvidence(
        ctx,
        'searched app code (libraries excluded) for emulator build properties and device files, integrity attestation calls, and native libraries for the same strings',
      ),
    });
  },
});
