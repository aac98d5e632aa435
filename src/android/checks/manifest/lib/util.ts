/**
 * Small helpers shared by the manifest and network-config checks (not a check module: the
 * registry test skips `lib/` folders).
 */
import type { Severity } from '../../../../core/findings.js';
import type { ManifestEvidence } from '../../../../core/findings.js';
import { manifestEvidence } from '../../../audit/context.js';
import { valueOf, type Component, type DeclaredPermission, type Manifest } from '../../../manifest/index.js';
import { MERGED_COMPONENT_NAMESPACES } from '../../shared/libraries.js';

export { valueOf };

const LOWER: Record<Severity, Severity> = {
  critical: 'high',
  high: 'medium',
  medium: 'low',
  low: 'info',
  info: 'info',
};

/** One step less severe (info stays info). */
export function lower(s: Severity): Severity {
  return LOWER[s];
}

/** The permission this manifest declares under `name`, if any. */
export function declaredPermission(m: Manifest, name: string): DeclaredPermission | undefined {
  return m.permissions.find((p) => p.name === name);
}

/** True when the component is explicitly disabled (android:enabled="false" on it or on <application>). */
export function isDisabled(m: Manifest, c: Component): boolean {
  return valueOf(c.enabled) === false || valueOf(m.application?.enabled) === false;
}

/** The short class name for messages: '.Foo' when it lives in the app package, else the full name. */
export function shortName(m: Manifest, c: Component): string {
  if (!c.name) return '(unnamed)';
  return m.package && c.name.startsWith(m.package + '.') ? c.name.slice(m.package.length) : c.name;
}

/** Evidence for a component: its android:exported attribute when declared, else the element. */
export function componentEvidence(c: Component): ManifestEvidence {
  if (c.exported.declared) return manifestEvidence(c.exported.declared);
  const ev = manifestEvidence(c.at);
  if (c.nameAttr) ev.value = c.name;
  return ev;
}

/** True when every intent filter of the activity is a plain MAIN/LAUNCHER (or MAIN/LEANBACK) entry point. */
export function isLauncherOnly(c: Component): boolean {
  if (!c.intentFilters.length) return false;
  return c.intentFilters.every((f) => {
    const actions = f.actions.map(valueOf);
    const cats = f.categories.map(valueOf);
    return (
      actions.length === 1 &&
      actions[0] === 'android.intent.action.MAIN' &&
      f.data.length === 0 &&
      cats.every(
        (x) =>
          x === 'android.intent.category.LAUNCHER' ||
          x === 'android.intent.category.LEANBACK_LAUNCHER' ||
          x === 'android.intent.category.DEFAULT' ||
          x === 'android.intent.category.INFO',
      )
    );
  });
}

/** The actions of every intent filter of a component, deduplicated. */
export function filterActions(c: Component): string[] {
  const out = new Set<string>();
  for (const f of c.intentFilters)
    for (const a of f.actions) {
      const v = valueOf(a);
      if (v) out.add(v);
    }
  return [...out];
}

/** The library a merged component comes from ('androidx.biometric'), or undefined for the app's own code. */
export function libraryOf(m: Manifest, c: Component): string | undefined {
  if (!c.name || (m.package && c.name.startsWith(m.package + '.'))) return undefined;
  const prefix = MERGED_COMPONENT_NAMESPACES.find((p) => c.name.startsWith(p));
  if (!prefix) return undefined;
  const parts = c.name.split('.');
  return parts.slice(0, Math.max(prefix.split('.').length, Math.min(parts.length - 1, 3))).join('.');
}
