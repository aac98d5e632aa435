import { defineAndroidCheck } from '../../audit/context.js';
import { abis, affectedLibs, libEvidence } from './lib/libs.js';

/**
 * ET_EXEC code loads at a fixed address, so ASLR does not apply to it. Android 5.0+ refuses to
 * run non-PIE executables and dlopen cannot load an ET_EXEC "library".
 */
export default defineAndroidCheck({
  id: 'AND-NATIVE-006',
  name: 'non-pie-native-code',
  title: 'Native code is not position-independent',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-4'], cwe: [693], figi: [] },
  needs: ['native'],
  messages: {
    exec: '{name} ({abis}) is an ET_EXEC file loaded at a fixed address {entry}: ASLR does not protect it, and Android 5.0+ refuses to run it (and dlopen to load it).',
  },
  remediation:
    'Build shared libraries with -fPIC -shared and executables with -fPIE -pie (NDK defaults); never ship ET_EXEC binaries under lib/.',
  run(ctx, report) {
    for (const a of affectedLibs(ctx.apk.nativeLibs, (lib) =>
      lib.elf.pie === 'no-pie'
        ? libEvidence(lib, `e_type ET_EXEC, entry 0x${lib.elf.entry.toString(16)}`)
        : undefined,
    )) {
      report({
        messageId: 'exec',
        data: { name: a.name, abis: abis(a), entry: `0x${a.libs[0].lib.elf.entry.toString(16)}` },
        evidence: a.libs.map((l) => l.evidence),
      });
    }
  },
});
