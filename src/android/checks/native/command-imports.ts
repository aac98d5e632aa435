import { defineAndroidCheck } from '../../audit/context.js';
import { abis, affectedLibs, libEvidence } from './lib/libs.js';

/** Imports that start processes or shells. dlopen/ptrace and friends are left to other checks. */
const PROCESS_IMPORTS = new Set([
  'system',
  'popen',
  'execve',
  'execv',
  'execvp',
  'execvpe',
  'execl',
  'execlp',
  'execle',
  'fork',
  'vfork',
  'posix_spawn',
  'posix_spawnp',
]);

/**
 * Native code that runs commands: where it passes strings from the app or the network, that is
 * command injection out of sight of DEX analysis. A lead for review, not a defect by itself.
 */
export default defineAndroidCheck({
  id: 'AND-NATIVE-007',
  name: 'native-command-execution',
  title: 'Native library can run shell commands',
  severity: 'info',
  confidence: 'medium',
  refs: { masvs: ['MASVS-CODE-4'], cwe: [78], figi: [] },
  needs: ['native'],
  messages: {
    imports:
      '{name} ({abis}) imports {calls}: review what it executes; command strings built from app or network data are command injection (root checks and packers also use these).',
  },
  remediation:
    'Avoid shelling out from native code; call the needed API directly. Where a command is unavoidable, use execve with a fixed path and argument array, never system()/popen() with a string built from input.',
  run(ctx, report) {
    for (const a of affectedLibs(ctx.apk.nativeLibs, (lib) => {
      const calls = lib.elf.imports.filter((n) => PROCESS_IMPORTS.has(n));
      return calls.length ? libEvidence(lib, `dynamic imports: ${calls.join(', ')}`) : undefined;
    })) {
      const calls = new Set<string>();
      for (const { lib } of a.libs) for (const n of lib.elf.imports) if (PROCESS_IMPORTS.has(n)) calls.add(n);
      report({
        messageId: 'imports',
        data: { name: a.name, abis: abis(a), calls: [...calls].sort().join(', ') },
        evidence: a.libs.map((l) => l.evidence),
      });
    }
  },
});
