import { defineAndroidCheck } from '../../audit/context.js';
import { abis, affectedLibs, libEvidence } from './lib/libs.js';

/**
 * Without PT_GNU_RELRO the GOT and other relocated data stay writable after loading, so a memory
 * write bug can redirect calls. Android's linker always binds immediately (no lazy binding), so
 * "partial" RELRO (no BIND_NOW) is as good as full RELRO there and is not reported.
 */
export default defineAndroidCheck({
  id: 'AND-NATIVE-003',
  name: 'no-relro',
  title: 'Native library has no RELRO',
  severity: 'low',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-4'], cwe: [693], figi: [] },
  needs: ['native'],
  messages: {
    none: '{name} ({abis}) has no PT_GNU_RELRO segment: its GOT and relocated pointers stay writable for the life of the process, an easy target for a memory write bug.',
  },
  remediation: 'Link with -Wl,-z,relro -Wl,-z,now (NDK defaults); remove -z norelro from the build flags.',
  run(ctx, report) {
    for (const a of affectedLibs(ctx.apk.nativeLibs, (lib) =>
      lib.elf.relro === 'none' &&
      lib.elf.type === 'DYN' &&
      lib.elf.segments.some((s) => s.typeName === 'DYNAMIC')
        ? libEvidence(lib, `no GNU_RELRO among ${lib.elf.segments.length} program headers`)
        : undefined,
    )) {
      report({
        messageId: 'none',
        data: { name: a.name, abis: abis(a) },
        evidence: a.libs.map((l) => l.evidence),
      });
    }
  },
});
