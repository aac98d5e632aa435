/**
 * Helpers over the parsed network security config for the AND-NETCFG checks (not a check
 * module: the registry test skips `lib/` folders).
 */
import type { ManifestEvidence } from '../../../../core/findings.js';
import type { NscFile } from '../../../audit/context.js';
import { manifestEvidence } from '../../../audit/context.js';
import type { Attr, Location, NscDomainConfig, NscTrustAnchors } from '../../../manifest/index.js';
import { valueOf } from '../../../manifest/index.js';

export { valueOf };

/** Evidence for an element or attribute of the NSC XML file. */
export function nscEvidence(
  nsc: NscFile,
  at: Location | Attr<unknown>,
  attribute?: string,
): ManifestEvidence {
  return manifestEvidence(at, attribute, nsc.path);
}

/** Every <domain-config>, nested ones included, in document order. */
export function allDomainConfigs(
  list: NscDomainConfig[],
  out: NscDomainConfig[] = [],
  depth = 0,
): NscDomainConfig[] {
  if (depth > 64) return out;
  for (const d of list) {
    out.push(d);
    allDomainConfigs(d.domainConfigs, out, depth + 1);
  }
  return out;
}

/** The domain names of a domain-config, '*.' marking includeSubdomains. */
export function domainNames(d: NscDomainConfig): string {
  return (
    d.domains.map((x) => (valueOf(x.includeSubdomains) === true ? `*.${x.name}` : x.name)).join(', ') ||
    '(no domain)'
  );
}

/** The <certificates> of trust anchors with a given src. */
export function anchorsWithSrc(t: NscTrustAnchors | undefined, src: string): NscTrustAnchors['certificates'] {
  return (t?.certificates ?? []).filter((c) => valueOf(c.src) === src);
}
