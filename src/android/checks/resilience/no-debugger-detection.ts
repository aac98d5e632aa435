import { defineAndroidCheck } from '../../audit/context.js';
import { absenceEvidence } from '../storage/lib/app-code.js';
import { stringPrefilter } from '../../dex/lookups.js';
import { callSignal, nativeSignal, stringSignal } from './lib/signals.js';

const DEBUG_APIS = [
  'Landroid/os/Debug;->isDebuggerConnected()Z',
  'Landroid/os/Debug;->waitingForDebugger()Z',
];
/** TracerPid in /proc/self/status (a ptrace debugger), Frida's default port and names (instrumentation). */
const DEBUG_STRING = /^TracerPid|frida|^27042$|gum-js-loop|gmain/i;
/** Matches are under 100 characters; each alternative above holds one of these pairs (ignoring case). */
const DEBUG_PREFILTER = stringPrefilter(100, [
  'rp', // TracerPid
  'fr', // frida
  '27', // 27042
  'm-', // gum-js-loop
  'gm', // gmain
]);
const DEBUG_NATIVE = ['TracerPid', 'frida', 'gum-js-loop'];

/**
 * No debugger or instrumentation detection: an attacker attaches a debugger or Frida to the
 * release app, skips the PIN check or changes the amount and payee of a transfer.
 */
export default defineAndroidCheck({
  id: 'AND-RESILIENCE-003',
  name: 'no-debugger-detection',
  title: 'No debugger or instrumentation detection (resilience)',
  severity: 'low',
  confidence: 'medium',
  refs: { masvs: ['MASVS-RESILIENCE-4'], cwe: [693], figi: [] },
  needs: ['dex'],
  tags: ['resilience', 'needs-dynamic', 'control-absent'],
  messages: {
    absent:
      'Resilience: no debugger detection found — no Debug.isDebuggerConnected() / waitingForDebugger() call, no TracerPid check of /proc/self/status and no Frida check in app code or native libraries.',
  },
  remediation:
    'Check Debug.isDebuggerConnected() and TracerPid in /proc/self/status at start-up and before payments, detect Frida (its default port, gum-js-loop threads, frida-agent in /proc/self/maps), preferably in native code, and report detections to the server. Make sure the release build is not debuggable.',
  run(ctx, report) {
    if (!ctx.code) return;
    const found =
      callSignal(ctx, DEBUG_APIS, 'Debug.isDebuggerConnected / waitingForDebugger call') ??
      stringSignal(
        ctx,
        DEBUG_PREFILTER,
        (s) => s.length < 100 && DEBUG_STRING.test(s),
        'debugger check string',
      ) ??
      nativeSignal(ctx, DEBUG_NATIVE, 'debugger check string');
    if (found) return;
    report({
      messageId: 'absent',
      evidence: absenceEvidence(
        ctx,
        'searched app code (libraries excluded) for Debug.isDebuggerConnected/waitingForDebugger calls, TracerPid and Frida strings, and native libraries for the same strings',
      ),
    });
  },
});
