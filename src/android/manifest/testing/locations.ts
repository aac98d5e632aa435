import type { AxmlDocument } from '../../axml/types.js';
import { resolveLocator } from '../locator.js';

/**
 * Walks a result (Manifest, NetworkSecurityConfig) and checks that every `{ path, offset }` it
 * carries resolves in `doc` to the element (offset = start-element chunk) or the attribute
 * (offset = attribute record) it claims. Throws on the first mismatch; returns how many it checked.
 */
export function checkLocations(doc: AxmlDocument, result: unknown): number {
  let n = 0;
  const seen = new Set<unknown>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.path === 'string' && typeof o.offset === 'number') {
      const hit = resolveLocator(doc, o.path);
      if (!hit) throw new Error(`locator does not resolve: ${o.path}`);
      const want = o.path.includes('/@') ? hit.attribute?.offset : hit.element.offset;
      if (want !== o.offset)
        throw new Error(`${o.path}: offset ${o.offset} but the locator points at ${want}`);
      n++;
    }
    for (const x of Object.values(o)) visit(x);
  };
  visit(result);
  return n;
}
