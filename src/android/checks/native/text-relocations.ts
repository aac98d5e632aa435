import { defineAndroidCheck } from '../../audit/context.js';
import { abis, affectedLibs, libEvidence } from './lib/libs.js';

/**
 * DT_TEXTREL: the loader must make code pages writable to patch them. It defeats W^X, and Android
 * 6.0+ refuses to load such libraries for apps targeting API 23+ (and always on 64-bit).
 */
export default defineAndroidCheck({
  id: 'AND-NATIVE-004',
  name: 'text-relocations',
  title: 'Native library has text relocations',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-4'], cwe: [693], figi: [] },
  needs: ['native'],
  messages: {
    textrel:
      '{name} ({abis}) has text relocations (DT_TEXTREL): code pages are made writable while loading, and Android 6.0+ refuses to load it for apps targeting API 23+, so it is either unused or crashes.',
  },
  remediation:
    'Compile every object with -fPIC (NDK default) and fix hand-written assembly that uses absolute addresses; link with -Wl,-z,text to make the linker reject text relocations.',
  run(ctx, report) {
    for (const a of affectedLibs(ctx.apk.nativeLibs, (lib) =>
      lib.elf.textrel ? libEvidence(lib, 'DT_TEXTREL / DF_TEXTREL in the dynamic section') : undefined,
    )) {
      report({
        messageId: 'textrel',
        data: { name: a.name, abis: abis(a) },
        evidence: a.libs.map((l) => l.evidence),
      });
    }
  },
});
