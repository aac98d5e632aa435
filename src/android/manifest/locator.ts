import type { AxmlDocument, XmlAttribute, XmlElement } from '../axml/types.js';
import { frameworkAttrName } from '../axml/attrs.js';
import { encodeStep } from './step.js';

const STEP = /^([^[\]/]+)\[(\d+)\]$/;

/**
 * Finds what a locator (see Location) points at in `doc`: the element, and the attribute when the
 * locator ends in `/@…`: `@android:X` is the first attribute whose resource id is framework
 * attribute X, `@x` the first attribute named x with no namespace (Android's two lookups).
 * Undefined when the path does not exist.
 */
export function resolveLocator(
  doc: AxmlDocument,
  path: string,
): { element: XmlElement; attribute?: XmlAttribute } | undefined {
  const steps = path.split('/');
  if (steps[0] !== encodeStep(doc.root.name)) return undefined;
  let el = doc.root;
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i];
    if (step.startsWith('@')) {
      if (i !== steps.length - 1) return undefined;
      const attribute = step.startsWith('@android:')
        ? el.attributes.find(
            (a) => a.resourceId !== undefined && frameworkAttrName(a.resourceId) === step.slice(9),
          )
        : el.attributes.find((a) => (a.poolName ?? a.name) === step.slice(1) && !a.ns);
      return attribute ? { element: el, attribute } : undefined;
    }
    const m = STEP.exec(step);
    if (!m) return undefined;
    const want = Number(m[2]);
    let seen = 0;
    let next: XmlElement | undefined;
    for (const c of el.children) {
      if (encodeStep(c.name) === m[1] && ++seen === want) {
        next = c;
        break;
      }
    }
    if (!next) return undefined;
    el = next;
  }
  return { element: el };
}
