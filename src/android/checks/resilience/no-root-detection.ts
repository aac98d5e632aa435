import { defineAndroidCheck } from '../../audit/context.js';
import { stringPrefilter } from '../../dex/lookups.js';
import { absenceEvidence } from '../storage/lib/app-code.js';
import { integritySignal } from './lib/integrity.js';
import { libraryCallSignal, nativeSignal, stringSignal } from './lib/signals.js';

/** Strings only a root check uses: su binaries, Superuser/Magisk packages, test-keys builds. */
const ROOT_STRING =
  /(?:^|\/)(?:xbin|bin|sbin)\/su$|^\/su\/bin|superuser\.apk|^which su$|test-keys|magisk|com\.topjohnwu|eu\.chainfire\.supersu|com\.noshufou\.android\.su|com\.koushikdutta\.superuser|com\.thirdparty\.superuser|com\.yellowes\.su|com\.zachspong\.temprootremovejb|com\.ramdroid\.appquarantine|busybox/i;
/** Matches are under 200 characters; each alternative above holds one of these pairs (ignoring case). */
const ROOT_PREFILTER = stringPrefilter(200, [
  '/s', // …bin/su, /su/bin
  'pk', // superuser.apk
  'h ', // which su
  '-k', // test-keys
  'sk', // magisk
  'wu', // com.topjohnwu
  'u.', // eu.chainfire.supersu, com.noshufou.android.su
  'kd', // com.koushikdutta.superuser
  'dp', // com.thirdparty.superuser
  's.', // com.yellowes.su
  'jb', // com.zachspong.temprootremovejb
  'md', // com.ramdroid.appquarantine
  'yb', // busybox
]);
const ROOT_NATIVE = ['/system/xbin/su', '/system/bin/su', 'Superuser.apk', 'magisk', 'test-keys'];
const ROOTBEER = 'Lcom/scottyab/rootbeer/';

/**
 * No root detection anywhere in the app (FIGI T8.1). On a rooted phone other apps and malware
 * with root read the wallet's files and keys and hook its code; a wallet should at least detect
 * it, warn, limit functions and tell its server.
 */
export default defineAndroidCheck({
  id: 'AND-RESILIENCE-001',
  name: 'no-root-detection',
  title: 'No root detection (resilience)',
  // Absence of a defence-in-depth control, MASVS-RESILIENCE only: low (it still fails FIGI T8.1).
  severity: 'low',
  confidence: 'medium',
  refs: { masvs: ['MASVS-RESILIENCE-1'], cwe: [693], figi: ['FIGI-APP-T8.1'] },
  needs: ['dex'],
  tags: ['resilience', 'needs-dynamic', 'control-absent'],
  messages: {
    absent:
      'Resilience: no root detection found — no RootBeer call, no su / Superuser / Magisk / test-keys check in app code or native libraries, and no SafetyNet or Play Integrity attestation. Confirm on a rooted device (FIGI T8.1 is a dynamic test).',
  },
  remediation:
    'Detect rooted devices with several independent signals (Play Integrity API verdicts checked on the server, plus local checks such as RootBeer) and decide on the server: warn the user, block payments or require extra authentication. Local checks alone are bypassable; the server-side integrity verdict is what counts.',
  run(ctx, report) {
    if (!ctx.code) return;
    const found =
      libraryCallSignal(
        ctx,
        ROOTBEER,
        [
          'isRooted',
          'isRootedWithoutBusyBoxCheck',
          'isRootedWithBusyBoxCheck',
          'checkForSuBinary',
          'detectRootManagementApps',
          'checkForMagiskBinary',
        ],
        'RootBeer call',
      ) ??
      stringSignal(ctx, ROOT_PREFILTER, (s) => s.length < 200 && ROOT_STRING.test(s), 'root check string') ??
      integritySignal(ctx) ??
      nativeSignal(ctx, ROOT_NATIVE, 'root check string');
    if (found) return;
    report({
      messageId: 'absent',
      evidence: absenceEvidence(
        ctx,
        'searched app code (libraries excluded) for RootBeer calls, su/Superuser/Magisk/test-keys strings, SafetyNet/Play Integrity/key attestation calls, and native libraries for su/Magisk strings',
      ),
    });
  },
});
