import type { Anomaly } from '../../core/anomaly.js';
import type { Attr, Location } from './types.js';

/** <certificates src="system|user|@raw/x" overridePins="…"/> */
export type NscCertificates = {
  at: Location;
  /** 'system', 'user', or a raw resource reference kept as `@0x7f...` (src attribute). */
  src?: Attr<string>;
  overridePins?: Attr<boolean>;
};

export type NscTrustAnchors = { at: Location; certificates: NscCertificates[] };

export type NscPin = { at: Location; digest?: Attr<string>; value: string };
export type NscPinSet = { at: Location; expiration?: Attr<string>; pins: NscPin[] };

export type NscDomain = { at: Location; name: string; includeSubdomains?: Attr<boolean> };

export type NscDomainConfig = {
  at: Location;
  /** As declared; when absent Android inherits from the parent config (then base-config, then the platform default). */
  cleartextTrafficPermitted?: Attr<boolean>;
  domains: NscDomain[];
  trustAnchors?: NscTrustAnchors;
  pinSet?: NscPinSet;
  /** Nested <domain-config> elements. */
  domainConfigs: NscDomainConfig[];
};

export type NscBaseConfig = {
  at: Location;
  cleartextTrafficPermitted?: Attr<boolean>;
  trustAnchors?: NscTrustAnchors;
};

export type NetworkSecurityConfig = {
  at: Location;
  baseConfig?: NscBaseConfig;
  /** Top-level <domain-config> elements (each may nest more). */
  domainConfigs: NscDomainConfig[];
  debugOverrides?: { at: Location; trustAnchors?: NscTrustAnchors };
  anomalies: Anomaly[];
};
