import { defineAndroidCheck } from '../../audit/context.js';
import { abis, affectedLibs, libEvidence, segmentEvidence } from './lib/libs.js';

/**
 * PT_GNU_STACK with PF_X makes the whole process's thread stacks executable when the library is
 * loaded: shellcode written to the stack by any overflow runs directly.
 */
export default defineAndroidCheck({
  id: 'AND-NATIVE-002',
  name: 'executable-stack',
  title: 'Native library requests an executable stack',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-4'], cwe: [693], figi: [] },
  needs: ['native'],
  messages: {
    executable:
      '{name} ({abis}) marks PT_GNU_STACK executable (RWE): stacks become executable, so an overflow anywhere in the process can run injected code.',
    missing:
      '{name} ({abis}) has no PT_GNU_STACK header: old loaders and toolchains treat that as an executable stack.',
  },
  remediation:
    'Link with -Wl,-z,noexecstack (the NDK default) and remove -z execstack; if hand-written assembly forces it, add `.section .note.GNU-stack,"",%progbits` to each .S file.',
  run(ctx, report) {
    for (const kind of ['executable', 'missing'] as const) {
      for (const a of affectedLibs(ctx.apk.nativeLibs, (lib) => {
        if (lib.elf.stack !== kind) return undefined;
        const seg = lib.elf.segments.find((s) => s.typeName === 'GNU_STACK');
        return seg
          ? segmentEvidence(lib, seg, 'executable stack requested')
          : libEvidence(lib, 'no PT_GNU_STACK program header');
      })) {
        report({
          messageId: kind,
          data: { name: a.name, abis: abis(a) },
          evidence: a.libs.map((l) => l.evidence),
          ...(kind === 'missing' ? { severity: 'low' as const } : {}),
        });
      }
    }
  },
});
