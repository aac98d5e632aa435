/** Test helpers: a fixture case carrying a network security config (used by the NETCFG tests). */
import type { CaseSpec } from '../../../testing/check-harness.js';

export function withNsc(
  xml: string,
  opts: {
    targetSdk?: number;
    minSdk?: number;
    appAttrs?: string;
    top?: string;
    smali?: Record<string, string>;
  } = {},
): CaseSpec {
  return {
    targetSdk: opts.targetSdk ?? 30,
    minSdk: opts.minSdk ?? 24,
    appAttrs: `android:networkSecurityConfig="@xml/nsc" ${opts.appAttrs ?? ''}`,
    res: {
      'xml/nsc.xml': `<?xml version="1.0" encoding="utf-8"?>\n<network-security-config>\n${xml}\n</network-security-config>\n`,
    },
    ...(opts.top ? { top: opts.top } : {}),
    ...(opts.smali ? { smali: opts.smali } : {}),
  };
}
