import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';

/**
 * Google Play's target API level requirement for new apps and updates, by the date it took
 * effect (https://developer.android.com/google/play/requirements/target-sdk). Past the last
 * entry the check keeps the last known level: it never guesses a future requirement.
 */
export const PLAY_TARGET_REQUIREMENTS: readonly { from: string; level: number }[] = [
  { from: '2018-11-01', level: 26 },
  { from: '2019-11-01', level: 28 },
  { from: '2020-11-02', level: 29 },
  { from: '2021-11-01', level: 30 },
  { from: '2022-11-01', level: 31 },
  { from: '2023-08-31', level: 33 },
  { from: '2024-08-31', level: 34 },
  { from: '2025-08-31', level: 35 },
];

/** Below Android 7.0 behaviour the app trusts user CAs and (below 28) allows cleartext by default. */
const NOUGAT = 24;

/** The Play requirement in force on `date` (0 before the first one). */
export function playRequirement(date: Date): number {
  const day = date.toISOString().slice(0, 10);
  let level = 0;
  for (const r of PLAY_TARGET_REQUIREMENTS) if (r.from <= day) level = r.level;
  return level;
}

/**
 * targetSdkVersion selects which platform security behaviours apply to the app: a low target
 * keeps old, weaker defaults even on a new phone, and Play refuses updates below its requirement.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-011',
  name: 'target-sdk-outdated',
  title: 'targetSdkVersion below the Google Play requirement',
  severity: 'low',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-1'], cwe: [1104], figi: [] },
  needs: ['manifest'],
  messages: {
    belowPlay:
      'targetSdkVersion is {target}; Google Play requires {required} for new apps and updates since {since}: the app opts out of the security behaviour changes of every release after API {target}.',
    legacyDefaults:
      'targetSdkVersion is {target} (below 24): even on new phones the app keeps pre-Android-7 defaults — user-installed CAs trusted, cleartext HTTP allowed — and Google Play no longer accepts updates of it (requirement: {required}).',
  },
  remediation:
    'Raise targetSdkVersion to the current Google Play requirement (35 since 31 August 2025), then test the behaviour changes of each skipped release (cleartext default, backup, exported components, pending intents, storage).',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m || m.sdk.targetCodename) return;
    const target = m.sdk.target;
    const now = new Date();
    const required = playRequirement(now);
    if (target >= required) return;
    const since = [...PLAY_TARGET_REQUIREMENTS].reverse().find((r) => r.level === required)?.from ?? '';
    const evidence = m.sdk.targetAttr
      ? manifestEvidence(m.sdk.targetAttr)
      : manifestEvidence(m.sdk.at ?? m.at, 'android:targetSdkVersion');
    if (target < NOUGAT)
      report({ messageId: 'legacyDefaults', data: { target, required }, evidence, severity: 'medium' });
    else report({ messageId: 'belowPlay', data: { target, required, since }, evidence });
  },
});
