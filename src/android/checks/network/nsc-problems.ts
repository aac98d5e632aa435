import type { Evidence } from '../../../core/findings.js';
import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';

/** What Android does with each kind of NSC problem the parser records. */
const EFFECT: Record<string, string> = {
  'non-boolean-attribute': 'Android ignores the value and applies the default',
  'duplicate-element': 'Android rejects a config with duplicate elements of this kind',
  'domain-config-without-domain': 'Android rejects a <domain-config> with no <domain>',
  'unexpected-root': 'Android expects <network-security-config> as the root element',
};

/**
 * A network security config that does not say what it seems to: values Android ignores, elements
 * it rejects, or a config file dfslab (and so possibly Android) cannot load.
 */
export default defineAndroidCheck({
  id: 'AND-NETCFG-007',
  name: 'nsc-problems',
  title: 'Network security config is malformed or not applied',
  severity: 'low',
  confidence: 'medium',
  refs: { masvs: ['MASVS-NETWORK-1'], cwe: [1188], figi: ['FIGI-APP-T3.x-cleartext'] },
  needs: ['manifest'],
  messages: {
    anomaly: '{file}: {message} ({effect}); the network policy in force may not be the one written.',
    unreadable:
      '<application> names a network security config ({ref}) that could not be read from the APK: its rules (cleartext, trust anchors, pins) cannot be verified and may not apply.',
  },
  remediation:
    'Fix the network security config so Android applies it as written: booleans as true/false literals, one <pin-set> and one <trust-anchors> per config, at least one <domain> per <domain-config>, <network-security-config> as root. Test it on a device (a rejected config surfaces at start-up) and re-run the audit.',
  run(ctx, report) {
    const app = ctx.manifest?.application;
    const attr = app?.networkSecurityConfig;
    if (!app || !attr) return;
    const nsc = ctx.networkSecurityConfig;
    if (!nsc) {
      const v = attr.value;
      const ref =
        v.type === 'reference'
          ? `@0x${v.value.toString(16).padStart(8, '0')}`
          : v.type === 'string'
            ? v.value
            : v.type;
      report({ messageId: 'unreadable', data: { ref }, evidence: manifestEvidence(attr), severity: 'info' });
      return;
    }
    for (const a of nsc.config.anomalies) {
      const effect = EFFECT[a.code];
      if (!effect) continue;
      const ev: Evidence = { kind: 'file', file: nsc.path, snippet: a.message };
      if (a.offset !== undefined) ev.byteOffset = a.offset;
      report({ messageId: 'anomaly', data: { file: nsc.path, message: a.message, effect }, evidence: ev });
    }
  },
});
