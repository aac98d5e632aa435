import { AnomalyList } from '../../core/anomaly.js';
import type { AxmlDocument, XmlAttribute } from '../axml/types.js';
import { refString } from '../axml/values.js';
import type { Ctx, Node } from './read.js';
import { encodeStep } from './step.js';
import { attrStep, children, findPlainAttr, loc } from './read.js';
import type { Attr } from './types.js';
import type {
  NetworkSecurityConfig,
  NscBaseConfig,
  NscCertificates,
  NscDomainConfig,
  NscPinSet,
  NscTrustAnchors,
} from './nsc-types.js';

/** Nesting bound for domain-config (Android has none; the AXML depth limit also applies). */
const MAX_NESTING = 64;

function attrOf<T>(n: Node, a: XmlAttribute, value: T): Attr<T> {
  return {
    path: `${n.path}/${attrStep(a)}`,
    offset: a.offset,
    line: n.el.line,
    value,
    raw: a.value,
  };
}

/** XmlPullParser.getAttributeBooleanValue: only int-typed values count; anything else is the default. */
function boolAttr(ctx: Ctx, n: Node, name: string): Attr<boolean> | undefined {
  const a = findPlainAttr(n, name);
  if (!a) return undefined;
  const v = a.value;
  if (v.type === 'boolean') return attrOf(n, a, v.value);
  if (v.type === 'int' || v.type === 'color') return attrOf(n, a, v.value !== 0);
  ctx.anomalies.add({
    format: ctx.format,
    code: 'non-boolean-attribute',
    severity: 'warning',
    message: `${n.path}/@${name} is not a compiled boolean; Android ignores it and uses the default`,
    offset: a.offset,
  });
  return undefined;
}

function strAttr(n: Node, name: string): Attr<string> | undefined {
  const a = findPlainAttr(n, name);
  if (!a) return undefined;
  const v = a.value;
  // Resource references (src="@raw/ca") stay references; strings are read as XmlPullParser does: raw first.
  if (v.type === 'reference' || v.type === 'attribute') return attrOf(n, a, refString(v.type, v.value));
  if (a.raw !== undefined) return attrOf(n, a, a.raw);
  return attrOf(n, a, v.type === 'string' ? v.value : '');
}

function trustAnchors(n: Node | undefined): NscTrustAnchors | undefined {
  if (!n) return undefined;
  return {
    at: loc(n),
    certificates: children(n, 'certificates').map((c): NscCertificates => {
      const out: NscCertificates = { at: loc(c) };
      const src = strAttr(c, 'src');
      if (src) out.src = src;
      const op = findPlainAttr(c, 'overridePins');
      if (op)
        out.overridePins = attrOf(
          c,
          op,
          op.value.type === 'boolean' ? op.value.value : op.value.type === 'int' && op.value.value !== 0,
        );
      return out;
    }),
  };
}

function pinSet(n: Node | undefined): NscPinSet | undefined {
  if (!n) return undefined;
  const out: NscPinSet = {
    at: loc(n),
    pins: children(n, 'pin').map((p) => {
      const digest = strAttr(p, 'digest');
      return digest
        ? { at: loc(p), digest, value: (p.el.text ?? '').trim() }
        : { at: loc(p), value: (p.el.text ?? '').trim() };
    }),
  };
  const exp = strAttr(n, 'expiration');
  if (exp) out.expiration = exp;
  return out;
}

function single(ctx: Ctx, n: Node, tag: string): Node | undefined {
  const all = children(n, tag);
  if (all.length > 1) {
    ctx.anomalies.add({
      format: ctx.format,
      code: 'duplicate-element',
      severity: 'warning',
      message: `${n.path} has ${all.length} <${tag}> elements`,
      offset: all[1].el.offset,
    });
  }
  return all[0];
}

function domainConfig(ctx: Ctx, n: Node, depth: number): NscDomainConfig {
  const out: NscDomainConfig = {
    at: loc(n),
    domains: children(n, 'domain').map((d) => {
      const inc = boolAttr(ctx, d, 'includeSubdomains');
      const name = (d.el.text ?? '').trim().toLowerCase();
      return inc ? { at: loc(d), name, includeSubdomains: inc } : { at: loc(d), name };
    }),
    domainConfigs:
      depth < MAX_NESTING ? children(n, 'domain-config').map((c) => domainConfig(ctx, c, depth + 1)) : [],
  };
  if (out.domains.length === 0) {
    ctx.anomalies.add({
      format: ctx.format,
      code: 'domain-config-without-domain',
      severity: 'warning',
      message: `${n.path} has no <domain>`,
      offset: n.el.offset,
    });
  }
  const ct = boolAttr(ctx, n, 'cleartextTrafficPermitted');
  if (ct) out.cleartextTrafficPermitted = ct;
  const ta = trustAnchors(single(ctx, n, 'trust-anchors'));
  if (ta) out.trustAnchors = ta;
  const ps = pinSet(single(ctx, n, 'pin-set'));
  if (ps) out.pinSet = ps;
  return out;
}

/**
 * Reads a network security config (res/xml/…, referenced by android:networkSecurityConfig).
 * Values are what the file declares; platform defaults (cleartext allowed below targetSdk 28,
 * user CAs trusted below 24) are left to the checks, which know the targetSdk.
 */
export function parseNetworkSecurityConfig(doc: AxmlDocument): NetworkSecurityConfig {
  const anomalies = new AnomalyList();
  const ctx: Ctx = { anomalies, format: 'nsc' };
  const root: Node = { el: doc.root, path: encodeStep(doc.root.name) };
  if (doc.root.name !== 'network-security-config') {
    anomalies.add({
      format: 'nsc',
      code: 'unexpected-root',
      severity: 'error',
      message: `root element is <${doc.root.name}>`,
      offset: doc.root.offset,
    });
  }
  const out: NetworkSecurityConfig = {
    at: loc(root),
    domainConfigs: children(root, 'domain-config').map((c) => domainConfig(ctx, c, 1)),
    anomalies: [],
  };
  const base = single(ctx, root, 'base-config');
  if (base) {
    const b: NscBaseConfig = { at: loc(base) };
    const ct = boolAttr(ctx, base, 'cleartextTrafficPermitted');
    if (ct) b.cleartextTrafficPermitted = ct;
    const ta = trustAnchors(single(ctx, base, 'trust-anchors'));
    if (ta) b.trustAnchors = ta;
    out.baseConfig = b;
  }
  const dbg = single(ctx, root, 'debug-overrides');
  if (dbg) {
    const ta = trustAnchors(single(ctx, dbg, 'trust-anchors'));
    out.debugOverrides = ta ? { at: loc(dbg), trustAnchors: ta } : { at: loc(dbg) };
  }
  out.anomalies = anomalies.toArray();
  return out;
}
