/** What a traced Intent value is, from its construction and the calls made on it in the same method. */
import { alternatives, constantText, type MethodValues, type Value } from '../../../code/index.js';

const INTENT = 'Landroid/content/Intent;';
/** Calls that give an Intent a target component or package (it is then explicit). */
const TARGETING = new Set(['setClass', 'setClassName', 'setComponent', 'setPackage']);

export type IntentShape = {
  kind: 'explicit' | 'implicit' | 'unknown';
  /** The action, when a constant. */
  action?: string;
  /** Allocation offsets of the Intent objects (to find calls on them). */
  sites: number[];
};

function callsOn(mv: MethodValues, site: number, names: Set<string>): boolean {
  for (const c of mv.calls.values()) {
    if (!c.descriptor.startsWith(`${INTENT}->`)) continue;
    const name = c.descriptor.slice(c.descriptor.indexOf('->') + 2, c.descriptor.indexOf('('));
    if (!names.has(name)) continue;
    const recv = c.args[0];
    if (recv && alternatives(recv).some((r) => r.kind === 'new' && r.site === site)) return true;
  }
  return false;
}

/** The action set by setAction on the intent allocated at `site`, when a constant. */
function actionSet(mv: MethodValues, site: number): string | undefined {
  for (const c of mv.calls.values()) {
    if (!c.descriptor.startsWith(`${INTENT}->setAction(`)) continue;
    const recv = c.args[0];
    if (recv && alternatives(recv).some((r) => r.kind === 'new' && r.site === site))
      return c.args[1] ? constantText(c.args[1]) : undefined;
  }
  return undefined;
}

/**
 * 'explicit' when every alternative is an Intent built in this method with a component (a Class
 * argument) or given one by setClass/setClassName/setComponent/setPackage; 'implicit' when some
 * alternative is built here without one; 'unknown' when it comes from elsewhere.
 */
export function intentShape(mv: MethodValues, v: Value | undefined): IntentShape {
  if (!v) return { kind: 'unknown', sites: [] };
  let implicit = false;
  let action: string | undefined;
  const sites: number[] = [];
  for (const alt of alternatives(v)) {
    if (alt.kind !== 'new' || alt.type !== INTENT) return { kind: 'unknown', sites: [] };
    sites.push(alt.site);
    const args = alt.args ?? [];
    // Intent(Context, Class) and Intent(String, Uri, Context, Class) are explicit; Intent(), Intent(action)
    // and Intent(action, Uri) implicit; a one-argument Intent whose argument is not a constant may be a copy.
    if (args.some((a) => alternatives(a).some((x) => x.kind === 'class')) || args.length >= 3) continue;
    const first = args[0] ? constantText(args[0]) : undefined;
    if (args.length === 2 && first === undefined) continue;
    if (args.length === 1 && first === undefined) return { kind: 'unknown', sites: [] };
    if (callsOn(mv, alt.site, TARGETING)) continue;
    implicit = true;
    action ??= (args[0] ? constantText(args[0]) : undefined) ?? actionSet(mv, alt.site);
  }
  const shape: IntentShape = { kind: implicit ? 'implicit' : 'explicit', sites };
  if (action !== undefined) shape.action = action;
  return shape;
}

/** Constant keys of putExtra calls on the intents allocated at `sites`. */
export function extraKeys(mv: MethodValues, sites: readonly number[]): string[] {
  const out: string[] = [];
  for (const c of mv.calls.values()) {
    if (!c.descriptor.startsWith(`${INTENT}->put`)) continue;
    const recv = c.args[0];
    if (!recv || !alternatives(recv).some((r) => r.kind === 'new' && sites.includes(r.site))) continue;
    const key = c.args[1] ? constantText(c.args[1]) : undefined;
    if (key !== undefined) out.push(key);
  }
  return out;
}
