import type { AnomalyList } from '../../core/anomaly.js';
import { frameworkAttrName } from '../axml/attrs.js';
import type { XmlAttribute, XmlElement } from '../axml/types.js';
import { refString } from '../axml/values.js';
import type { ResValue, ResourceResolver } from '../resources.js';
import type { Attr, Location, ResAttr, Unresolved } from './types.js';

/** An element with its locator, as the manifest walker sees it. */
export type Node = { el: XmlElement; path: string };

export type Ctx = { res?: ResourceResolver; anomalies: AnomalyList; format: string };

export function loc(n: Node): Location {
  return { path: n.path, offset: n.el.offset, line: n.el.line };
}

/** Children with their locators (1-based index among same-named siblings). */
export function children(n: Node, name?: string): Node[] {
  const counts = new Map<string, number>();
  const out: Node[] = [];
  for (const el of n.el.children) {
    const i = (counts.get(el.name) ?? 0) + 1;
    counts.set(el.name, i);
    if (name === undefined || el.name === name) out.push({ el, path: `${n.path}/${el.name}[${i}]` });
  }
  return out;
}

/** The framework attribute with resource id `id` (Android matches on the id only; the first wins). */
export function findAttr(ctx: Ctx, n: Node, id: number): XmlAttribute | undefined {
  let found: XmlAttribute | undefined;
  for (const a of n.el.attributes) {
    if (a.resourceId !== id) continue;
    if (!found) found = a;
    else {
      ctx.anomalies.add({
        format: ctx.format,
        code: 'duplicate-attribute',
        severity: 'warning',
        message: `${n.path} has android:${a.name} twice; Android uses the first`,
        offset: a.offset,
      });
    }
  }
  return found;
}

/**
 * An attribute by its string-pool name and no namespace (e.g. `package`), as
 * XmlPullParser.getAttributeValue(null, name) finds it: the resource id plays no part.
 */
export function findPlainAttr(n: Node, name: string): XmlAttribute | undefined {
  return n.el.attributes.find((a) => (a.poolName ?? a.name) === name && !a.ns);
}

/** The last locator step for an attribute: `@android:<framework name>` or `@<pool name>`. */
export function attrStep(a: XmlAttribute): string {
  if (a.resourceId !== undefined && frameworkAttrName(a.resourceId) !== undefined) return `@android:${a.name}`;
  return `@${a.poolName ?? a.name}`;
}

function attrPath(n: Node, a: XmlAttribute): string {
  return `${n.path}/${attrStep(a)}`;
}

/** Follows a reference through the resolver; returns the value or the reference itself. */
function deref(ctx: Ctx, v: ResValue): ResValue {
  if (v.type !== 'reference' || !ctx.res) return v;
  return ctx.res.resolve(v.value) ?? v;
}

function unresolved(v: ResValue): Unresolved | undefined {
  if (v.type === 'reference' || v.type === 'attribute')
    return { ref: refString(v.type, v.value), id: v.value };
  return undefined;
}

function make<T>(n: Node, a: XmlAttribute, value: T | Unresolved): Attr<T> {
  return { path: attrPath(n, a), offset: a.offset, line: n.el.line, value, raw: a.value };
}

export function toBool(ctx: Ctx, n: Node, a: XmlAttribute | undefined): Attr<boolean> | undefined {
  if (!a) return undefined;
  const v = deref(ctx, a.value);
  const u = unresolved(v);
  if (u) return make<boolean>(n, a, u);
  switch (v.type) {
    case 'boolean':
      return make(n, a, v.value);
    case 'int':
      return make(n, a, v.value !== 0);
    case 'string':
      // XmlUtils.convertValueToBoolean
      return make(n, a, v.value === 'true' || v.value === 'TRUE' || v.value === '1');
    default:
      return make(n, a, false);
  }
}

export function toInt(ctx: Ctx, n: Node, a: XmlAttribute | undefined): Attr<number> | undefined {
  if (!a) return undefined;
  const v = deref(ctx, a.value);
  const u = unresolved(v);
  if (u) return make<number>(n, a, u);
  switch (v.type) {
    case 'int':
    case 'color':
      return make(n, a, v.value);
    case 'boolean':
      return make(n, a, v.value ? 1 : 0);
    case 'string': {
      const parsed = parseIntLikeAndroid(v.value);
      return make(n, a, parsed ?? 0);
    }
    default:
      return make(n, a, 0);
  }
}

/** XmlUtils.convertValueToInt: decimal, 0x hex, leading '#' hex, optional sign. */
export function parseIntLikeAndroid(s: string): number | undefined {
  const m = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|#[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)\s*$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let v: number;
  if (body.startsWith('0x') || body.startsWith('0X')) v = parseInt(body.slice(2), 16);
  else if (body.startsWith('#')) v = parseInt(body.slice(1), 16);
  else if (body.length > 1 && body.startsWith('0')) v = parseInt(body, 8);
  else v = parseInt(body, 10);
  return (m[1] === '-' ? -v : v) | 0;
}

export function toStr(ctx: Ctx, n: Node, a: XmlAttribute | undefined): Attr<string> | undefined {
  if (!a) return undefined;
  const v = deref(ctx, a.value);
  const u = unresolved(v);
  if (u) return make<string>(n, a, u);
  switch (v.type) {
    case 'string':
      return make(n, a, v.value);
    case 'int':
    case 'float':
      return make(n, a, a.raw ?? String(v.value));
    case 'boolean':
      return make(n, a, a.raw ?? String(v.value));
    default:
      return make(n, a, a.raw ?? '');
  }
}

/** The attribute kept as a Res_value (after following references), for labels and resources. */
export function toValue(ctx: Ctx, n: Node, a: XmlAttribute | undefined): ResAttr | undefined {
  if (!a) return undefined;
  return {
    path: attrPath(n, a),
    offset: a.offset,
    line: n.el.line,
    value: deref(ctx, a.value),
    raw: a.value,
  };
}

/** The attribute's value as a plain string when it is one (for names and other non-resource strings). */
export function valueOf<T>(a: Attr<T> | undefined): T | undefined {
  if (!a || isUnresolved(a.value)) return undefined;
  return a.value;
}

export function isUnresolved(v: unknown): v is Unresolved {
  return typeof v === 'object' && v !== null && 'ref' in v && 'id' in v;
}
