import { defineAndroidCheck } from '../../audit/context.js';
import { abis, affectedLibs, libEvidence } from './lib/libs.js';

/** libc functions that write into caller buffers: a library calling them has stack buffers worth guarding. */
const BUFFER_WRITERS = new Set([
  'memcpy',
  'memmove',
  'strcpy',
  'strncpy',
  'strcat',
  'strncat',
  'stpcpy',
  'sprintf',
  'snprintf',
  'vsprintf',
  'vsnprintf',
  'gets',
  'fgets',
  'read',
  'recv',
  'recvfrom',
  'fread',
  'scanf',
  'sscanf',
  'fscanf',
  'wcscpy',
  'wcscat',
  'strlcpy',
  'strlcat',
]);

/**
 * No __stack_chk_fail: a stack buffer overflow in this library overwrites the return address
 * unnoticed. Only libraries that call buffer-writing libc functions are reported — a tiny library
 * without them may have no stack buffers at all.
 */
export default defineAndroidCheck({
  id: 'AND-NATIVE-001',
  name: 'no-stack-protector',
  title: 'Native library built without stack protector',
  severity: 'low',
  confidence: 'medium',
  refs: { masvs: ['MASVS-CODE-4'], cwe: [693], figi: [] },
  needs: ['native'],
  messages: {
    missing:
      '{name} ({abis}) imports no __stack_chk_fail although it calls {calls}: it was built without -fstack-protector, so a stack buffer overflow goes undetected.',
  },
  remediation:
    'Build native code with the NDK defaults (-fstack-protector-strong, on since NDK r11) and remove -fno-stack-protector from CMake/ndk-build flags; ask third-party SDK vendors for rebuilt libraries.',
  run(ctx, report) {
    for (const a of affectedLibs(ctx.apk.nativeLibs, (lib) => {
      const elf = lib.elf;
      if (elf.stackProtector || elf.symbolSource === 'none' || elf.type !== 'DYN') return undefined;
      const calls = elf.imports.filter((n) => BUFFER_WRITERS.has(n));
      if (calls.length === 0) return undefined;
      return libEvidence(
        lib,
        `no __stack_chk_fail/__stack_chk_guard among ${elf.imports.length} imports; imports ${calls.join(', ')}`,
      );
    })) {
      const calls = new Set<string>();
      for (const { lib } of a.libs) for (const n of lib.elf.imports) if (BUFFER_WRITERS.has(n)) calls.add(n);
      report({
        messageId: 'missing',
        data: { name: a.name, abis: abis(a), calls: [...calls].sort().join(', ') },
        evidence: a.libs.map((l) => l.evidence),
      });
    }
  },
});
