import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import { valueOf } from './lib/util.js';

/**
 * <profileable android:shell="true"> lets `adb shell` profile the release build (CPU sampling,
 * native heap profiling with call stacks): tooling an attacker with USB access can use to study
 * the PIN and crypto code paths. It does not give debugger or file access.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-018',
  name: 'profileable-shell',
  title: 'Release build is profileable from the shell',
  severity: 'info',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-4'], cwe: [489], figi: [] },
  needs: ['manifest'],
  messages: {
    shell:
      '<profileable android:shell="true"> lets adb shell profile this build (simpleperf, heapprofd): useful for performance work, also for studying the app\'s code paths on a device with USB debugging.',
  },
  remediation:
    'Remove <profileable android:shell="true"> from the release manifest (keep it in a benchmark or debug build type).',
  run(ctx, report) {
    const p = ctx.manifest?.application?.profileable;
    if (!p?.shell || valueOf(p.shell) !== true || valueOf(p.enabled) === false) return;
    report({ messageId: 'shell', evidence: manifestEvidence(p.shell) });
  },
});
