import { ATTR } from '../axml/attrs.js';
import type { Ctx, Node } from './read.js';
import { children, findAttr, loc, toBool, toInt, toStr, toValue, valueOf } from './read.js';
import type {
  Attr,
  Component,
  ComponentKind,
  Exported,
  GrantUriPermission,
  IntentData,
  IntentFilter,
  LaunchMode,
  MetaData,
} from './types.js';

const LAUNCH_MODES: readonly LaunchMode[] = [
  'standard',
  'singleTop',
  'singleTask',
  'singleInstance',
  'singleInstancePerTask',
];
export const COMPONENT_KINDS: readonly ComponentKind[] = [
  'activity',
  'activity-alias',
  'service',
  'receiver',
  'provider',
];
/** Build.VERSION_CODES.JELLY_BEAN_MR1: providers stop being exported by default. */
const PROVIDER_EXPORT_CHANGE_SDK = 17;
/** Build.VERSION_CODES.S: an intent filter without android:exported fails installation. */
const EXPLICIT_EXPORT_SDK = 31;

/** PackageParser.buildClassName: '.Foo' and 'Foo' are relative to the package. */
export function buildClassName(pkg: string, cls: string): string {
  if (cls.startsWith('.')) return pkg + cls;
  if (!cls.includes('.')) return `${pkg}.${cls}`;
  return cls;
}

function className(ctx: Ctx, n: Node, pkg: string, id: number): [string, Attr<string> | undefined] {
  const a = toStr(ctx, n, findAttr(ctx, n, id));
  const raw = valueOf(a);
  if (raw === undefined || raw === '') return ['', a];
  const full = buildClassName(pkg, raw);
  return [full, a ? { ...a, value: full } : a];
}

export function parseMetaData(ctx: Ctx, parent: Node): MetaData[] {
  return children(parent, 'meta-data').map((n) => ({
    at: loc(n),
    name: toStr(ctx, n, findAttr(ctx, n, ATTR.name)),
    value: toValue(ctx, n, findAttr(ctx, n, ATTR.value)),
    resource: toValue(ctx, n, findAttr(ctx, n, ATTR.resource)),
  }));
}

const DATA_ATTRS = [
  ['scheme', ATTR.scheme],
  ['host', ATTR.host],
  ['port', ATTR.port],
  ['path', ATTR.path],
  ['pathPrefix', ATTR.pathPrefix],
  ['pathPattern', ATTR.pathPattern],
  ['pathSuffix', ATTR.pathSuffix],
  ['pathAdvancedPattern', ATTR.pathAdvancedPattern],
  ['mimeType', ATTR.mimeType],
  ['ssp', ATTR.ssp],
  ['sspPrefix', ATTR.sspPrefix],
  ['sspPattern', ATTR.sspPattern],
] as const;

export function parseIntentFilter(ctx: Ctx, n: Node): IntentFilter {
  const names = (tag: string): Attr<string>[] => {
    const out: Attr<string>[] = [];
    for (const c of children(n, tag)) {
      const a = toStr(ctx, c, findAttr(ctx, c, ATTR.name));
      if (a) out.push(a);
    }
    return out;
  };
  const data: IntentData[] = children(n, 'data').map((c) => {
    const d: IntentData = { at: loc(c) };
    for (const [key, id] of DATA_ATTRS) {
      const a = toStr(ctx, c, findAttr(ctx, c, id));
      if (a) d[key] = a;
    }
    return d;
  });
  return {
    at: loc(n),
    actions: names('action'),
    categories: names('category'),
    data,
    autoVerify: toBool(ctx, n, findAttr(ctx, n, ATTR.autoVerify)),
    priority: toInt(ctx, n, findAttr(ctx, n, ATTR.priority)),
  };
}

type SdkInfo = { min: number; target: number };

function effectiveExported(
  ctx: Ctx,
  kind: ComponentKind,
  n: Node,
  declared: Attr<boolean> | undefined,
  filters: IntentFilter[],
  sdk: SdkInfo,
): Exported {
  // Activities, aliases and receivers drop a filter without <action> (failOnNoActions); services keep it.
  const withActions = filters.some((f) => kind === 'service' || f.actions.length > 0);
  if (declared) {
    const v = declared.value;
    if (typeof v === 'boolean')
      return { declared, effective: v, reason: 'explicit', ...legacy(kind, sdk, v) };
    return { declared, effective: true, reason: 'unresolved', ...legacy(kind, sdk, true) };
  }
  if (kind === 'provider') {
    const effective = sdk.target < PROVIDER_EXPORT_CHANGE_SDK;
    return {
      effective,
      reason: effective ? 'provider-target-sdk-16-or-lower' : 'provider-default-false',
      ...legacy(kind, sdk, undefined),
    };
  }
  if (withActions && sdk.target >= EXPLICIT_EXPORT_SDK) {
    ctx.anomalies.add({
      format: ctx.format,
      code: 'missing-exported',
      severity: 'error',
      message: `${n.path}: targetSdk ${sdk.target} requires android:exported on a ${kind} with an intent filter (Android refuses to install it)`,
      offset: n.el.offset,
    });
  }
  return { effective: withActions, reason: withActions ? 'intent-filter' : 'no-intent-filter' };
}

function legacy(
  kind: ComponentKind,
  sdk: SdkInfo,
  explicit: boolean | undefined,
): { exportedOnLegacyDevices?: boolean } {
  if (kind !== 'provider') return {};
  return { exportedOnLegacyDevices: explicit !== false && sdk.min < PROVIDER_EXPORT_CHANGE_SDK };
}

export function parseComponent(ctx: Ctx, kind: ComponentKind, n: Node, pkg: string, sdk: SdkInfo): Component {
  const [name, nameAttr] = className(ctx, n, pkg, ATTR.name);
  if (!name) {
    ctx.anomalies.add({
      format: ctx.format,
      code: 'component-without-name',
      severity: 'warning',
      message: `${n.path} has no android:name`,
      offset: n.el.offset,
    });
  }
  const intentFilters = children(n, 'intent-filter').map((f) => parseIntentFilter(ctx, f));
  for (const f of intentFilters) {
    if (f.actions.length === 0) {
      ctx.anomalies.add({
        format: ctx.format,
        code: 'intent-filter-without-action',
        severity: 'info',
        message:
          kind === 'service'
            ? `${f.at.path} has no <action>; Android keeps it, so the service is exported by default`
            : `${f.at.path} has no <action>; Android drops it`,
        offset: f.at.offset,
      });
    }
  }
  const declared = toBool(ctx, n, findAttr(ctx, n, ATTR.exported));
  const c: Component = {
    kind,
    name,
    nameAttr,
    at: loc(n),
    exported: effectiveExported(ctx, kind, n, declared, intentFilters, sdk),
    enabled: toBool(ctx, n, findAttr(ctx, n, ATTR.enabled)),
    permission: toStr(ctx, n, findAttr(ctx, n, ATTR.permission)),
    process: toStr(ctx, n, findAttr(ctx, n, ATTR.process)),
    intentFilters,
    metaData: parseMetaData(ctx, n),
  };
  if (kind === 'activity' || kind === 'activity-alias') {
    c.taskAffinity = toStr(ctx, n, findAttr(ctx, n, ATTR.taskAffinity));
    const lm = toInt(ctx, n, findAttr(ctx, n, ATTR.launchMode));
    if (lm) {
      const v = lm.value;
      c.launchMode = typeof v === 'number' ? { ...lm, value: LAUNCH_MODES[v] ?? v } : { ...lm, value: v };
    }
  }
  if (kind === 'activity-alias') {
    const [target, targetAttr] = className(ctx, n, pkg, ATTR.targetActivity);
    c.targetActivity = targetAttr;
    if (!target) {
      ctx.anomalies.add({
        format: ctx.format,
        code: 'alias-without-target',
        severity: 'warning',
        message: `${n.path} has no android:targetActivity`,
        offset: n.el.offset,
      });
    }
  }
  if (kind === 'provider') parseProvider(ctx, n, c);
  if (kind === 'service') {
    c.isolatedProcess = toBool(ctx, n, findAttr(ctx, n, ATTR.isolatedProcess));
    c.foregroundServiceType = toInt(ctx, n, findAttr(ctx, n, ATTR.foregroundServiceType));
  }
  return dropUndefined(c);
}

function parseProvider(ctx: Ctx, n: Node, c: Component): void {
  const auth = toStr(ctx, n, findAttr(ctx, n, ATTR.authorities));
  if (auth) {
    const v = auth.value;
    c.authorities = {
      ...auth,
      value:
        typeof v === 'string'
          ? v
              .split(';')
              .map((s) => s.trim())
              .filter((s) => s.length > 0)
          : v,
    };
  }
  c.readPermission = toStr(ctx, n, findAttr(ctx, n, ATTR.readPermission));
  c.writePermission = toStr(ctx, n, findAttr(ctx, n, ATTR.writePermission));
  c.grantUriPermissions = toBool(ctx, n, findAttr(ctx, n, ATTR.grantUriPermissions));
  c.grantUriPermissionElements = children(n, 'grant-uri-permission').map((g): GrantUriPermission => {
    const out: GrantUriPermission = { at: loc(g) };
    const path = toStr(ctx, g, findAttr(ctx, g, ATTR.path));
    const pathPrefix = toStr(ctx, g, findAttr(ctx, g, ATTR.pathPrefix));
    const pathPattern = toStr(ctx, g, findAttr(ctx, g, ATTR.pathPattern));
    if (path) out.path = path;
    if (pathPrefix) out.pathPrefix = pathPrefix;
    if (pathPattern) out.pathPattern = pathPattern;
    return out;
  });
}

/** Removes keys whose value is undefined, so results compare and serialise cleanly. */
export function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
