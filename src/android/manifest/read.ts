import type { AnomalyList } from '../../core/anomaly.js';
import { frameworkAttrName } from '../axml/attrs.js';
import type { XmlAttribute, XmlElement } from '../axml/types.js';
import { refString } from '../axml/values.js';
import type { ResValue, ResourceResolver } from '../resources.js';
import { encodeStep } from './step.js';
import type { Attr, Location, ResAttr, Unresolved } from './types.js';

/** An element with its locator, as the manifest walker sees it. */
export type Node = { el: XmlElement; path: string };

export type Ctx = { res?: ResourceResolver; anomalies: AnomalyList; format: string };

export function loc(n: Node): Location {
  return { path: n.path, offset: n.el.offset, line: n.el.line };
}

/** Children with their locators (1-based index among same-named siblings). */
export function children(n: Node, name?: string): Node[] {
  const out: Node[] = [];
  if (name !== undefined) {
    // Only same-named siblings count towards the index: no per-name bookkeeping needed.
    const prefix = `${n.path}/${encodeStep(name)}[`;
    for (const el of n.el.children)
      if (el.name === name) out.push({ el, path: `${prefix}${out.length + 1}]` });
    return out;
  }
  const counts = new Map<string, number>();
  for (const el of n.el.children) {
    const i = (counts.get(el.name) ?? 0) + 1;
    counts.set(el.name, i);
    out.push({ el, path: `${n.path}/${encodeStep(el.name)}[${i}]` });
  }
  return out;
}

/**
 * The framework attribute with resource id `id`, as Android reads it. Resources.obtainAttributes
 * (AttributeResolution RetrieveAttributes) walks the element's attributes once, in file order,
 * assuming they are sorted by resource id (aapt and aapt2 sort them): an attribute that comes
 * after one with a larger id is never seen. Such a hidden attribute is reported, not returned.
 * Of duplicates, the first visible one wins.
 */
export function findAttr(ctx: Ctx, n: Node, id: number): XmlAttribute | undefined {
  let found: XmlAttribute | undefined;
  let maxBefore = 0;
  for (const a of n.el.attributes) {
    const aid = a.resourceId ?? 0;
    if (aid === id) {
      if (found) {
        ctx.anomalies.add({
          format: ctx.format,
          code: 'duplicate-attribute',
          severity: 'warning',
          message: `${n.path} has android:${a.name} more than once; Android uses the first`,
          offset: a.offset,
        });
      } else if (maxBefore > id) {
        ctx.anomalies.add({
          format: ctx.format,
          code: 'attribute-out-of-order',
          severity: 'warning',
          message: `${n.path}: android:${a.name} follows an attribute with a larger resource id, so Android never reads it`,
          offset: a.offset,
        });
        return undefined;
      } else {
        found = a;
      }
    }
    if (aid > maxBefore) maxBefore = aid;
  }
  return found;
}

/** An attribute found by name rather than by resource id (its locator step says so). */
export type FoundByName = XmlAttribute & { byName: true };

/**
 * An attribute by its string-pool name and no namespace (e.g. `package`), as
 * XmlPullParser.getAttributeValue(null, name) finds it: the resource id plays no part.
 */
export function findPlainAttr(n: Node, name: string): FoundByName | undefined {
  const a = n.el.attributes.find((x) => (x.poolName ?? x.name) === name && !x.ns);
  return a ? { ...a, byName: true } : undefined;
}

/**
 * The last locator step for an attribute, after how Android finds it: `@android:<framework name>`
 * when it is matched by its framework resource id (whatever prefix or masked string it has),
 * `@<string-pool name>` when it is matched by name with no namespace (findPlainAttr).
 */
export function attrStep(a: XmlAttribute | FoundByName): string {
  const fw = a.resourceId === undefined ? undefined : frameworkAttrName(a.resourceId);
  if (fw !== undefined && !('byName' in a)) return `@android:${fw}`;
  return `@${encodeStep(a.poolName ?? a.name)}`;
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

export function toStr(
  ctx: Ctx,
  n: Node,
  a: XmlAttribute | FoundByName | undefined,
): Attr<string> | undefined {
  if (!a) return undefined;
  // XmlPullParser.getAttributeValue (name lookups such as `package`) returns the raw string when
  // there is one; TypedArray (framework attributes) returns the typed value.
  if ('byName' in a && a.raw !== undefined) return make(n, a, a.raw);
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
