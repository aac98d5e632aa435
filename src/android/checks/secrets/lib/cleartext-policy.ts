/**
 * Would the platform let the app send cleartext to `host`? Android 9+ (targetSdk ≥ 28) blocks it
 * by default; android:usesCleartextTraffic and the network security config override that, the
 * most specific <domain-config> winning. Used to tell an http:// URL that will be sent in the
 * clear from one the platform refuses (still a bug, but not a leak).
 */
import type { AuditContext } from '../../../audit/context.js';
import type { NscDomainConfig } from '../../../manifest/index.js';

function attrBool(a: { value: unknown } | undefined): boolean | undefined {
  return a && typeof a.value === 'boolean' ? a.value : undefined;
}

function matches(d: NscDomainConfig, host: string): number {
  let best = -1;
  for (const x of d.domains) {
    const name = x.name.toLowerCase();
    if (host === name) best = Math.max(best, name.length + 1);
    else if (attrBool(x.includeSubdomains) === true && host.endsWith(`.${name}`))
      best = Math.max(best, name.length);
  }
  return best;
}

function mostSpecific(list: NscDomainConfig[], host: string, depth = 0): NscDomainConfig | undefined {
  if (depth > 64) return undefined;
  let best: NscDomainConfig | undefined;
  let score = -1;
  for (const d of list) {
    const nested = mostSpecific(d.domainConfigs, host, depth + 1);
    const s = matches(d, host);
    if (nested && matches(nested, host) >= score) {
      best = nested;
      score = matches(nested, host);
    } else if (s > score) {
      best = d;
      score = s;
    }
  }
  return best;
}

/** True / false when the policy is known, undefined when it cannot be told. */
export function cleartextPermitted(ctx: AuditContext, host: string): boolean | undefined {
  const nsc = ctx.networkSecurityConfig?.config;
  if (nsc) {
    const d = mostSpecific(nsc.domainConfigs, host);
    const v = attrBool(d?.cleartextTrafficPermitted) ?? attrBool(nsc.baseConfig?.cleartextTrafficPermitted);
    if (v !== undefined) return v;
  }
  const flag = attrBool(ctx.manifest?.application?.usesCleartextTraffic);
  if (flag !== undefined && !nsc) return flag;
  if (!ctx.manifest) return undefined;
  return ctx.targetSdk < 28;
}
