import { defineAndroidCheck } from '../../audit/context.js';
import { abis, affectedLibs, segmentEvidence } from './lib/libs.js';

const PF_W = 2;
const PF_X = 1;

/** A LOAD segment both writable and executable: memory an attacker can write and then run. */
export default defineAndroidCheck({
  id: 'AND-NATIVE-005',
  name: 'writable-executable-segment',
  title: 'Native library maps memory writable and executable',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-4', 'MASVS-RESILIENCE-3'], cwe: [693], figi: [] },
  needs: ['native'],
  messages: {
    wx: '{name} ({abis}) has a LOAD segment mapped writable and executable (RWE): any write primitive becomes code execution. Packers and self-modifying protectors do this on purpose; compilers do not.',
  },
  remediation:
    'Build with the standard NDK linker settings (separate RX code and RW data segments, -Wl,-z,separate-code); if a protector or packer produced this, prefer one that keeps W^X.',
  run(ctx, report) {
    for (const a of affectedLibs(ctx.apk.nativeLibs, (lib) => {
      const seg = lib.elf.segments.find(
        (s) => s.typeName === 'LOAD' && (s.flags & PF_W) !== 0 && (s.flags & PF_X) !== 0,
      );
      return seg ? segmentEvidence(lib, seg, 'writable and executable LOAD segment') : undefined;
    })) {
      report({
        messageId: 'wx',
        data: { name: a.name, abis: abis(a) },
        evidence: a.libs.map((l) => l.evidence),
      });
    }
  },
});
