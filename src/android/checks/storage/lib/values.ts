/** Walking traced values: does a value (one level of constructor/invoke arguments deep) come from a given source? */
import { alternatives, type Value } from '../../../code/index.js';

const MAX_DEPTH = 5;

/** The first sub-value (the value itself, a oneOf member, a concat part, an invoke/constructor argument) that `pred` accepts. */
export function findIn(v: Value | undefined, pred: (x: Value) => boolean, depth = 0): Value | undefined {
  if (!v || depth > MAX_DEPTH) return undefined;
  for (const alt of alternatives(v)) {
    if (pred(alt)) return alt;
    const r = alt.kind === 'field' && alt.initial ? alt.initial : alt;
    if (r !== alt && pred(r)) return r;
    const kids =
      r.kind === 'concat' ? r.parts : r.kind === 'invoke' ? r.args : r.kind === 'new' ? (r.args ?? []) : [];
    for (const k of kids) {
      const hit = findIn(k, pred, depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** True when the value is (or is built from) a call of a method whose descriptor `pred` accepts. */
export function fromInvoke(v: Value | undefined, pred: (descriptor: string) => boolean): Value | undefined {
  return findIn(v, (x) => x.kind === 'invoke' && pred(x.method));
}

/** `Lpkg/Cls;->name(…)` → `name`. */
export function methodName(descriptor: string): string {
  const a = descriptor.indexOf('->');
  return descriptor.slice(a + 2, descriptor.indexOf('(', a));
}
