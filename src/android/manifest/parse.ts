import { AnomalyList } from '../../core/anomaly.js';
import { ATTR } from '../axml/attrs.js';
import type { AxmlDocument } from '../axml/types.js';
import type { ResourceResolver } from '../resources.js';
import {
  buildClassName,
  COMPONENT_KINDS,
  dropUndefined,
  parseComponent,
  parseIntentFilter,
  parseMetaData,
} from './components.js';
import { decodeProtectionLevel } from './protection.js';
import type { Ctx, Node } from './read.js';
import { encodeStep } from './step.js';
import { children, findAttr, findPlainAttr, loc, toBool, toInt, toStr, toValue, valueOf } from './read.js';
import { parseUsesSdk } from './sdk.js';
import type {
  Application,
  Attr,
  Component,
  ComponentKind,
  DeclaredPermission,
  Manifest,
  Queries,
  UsesFeature,
  UsesPermission,
} from './types.js';

const INSTALL_LOCATIONS = ['auto', 'internalOnly', 'preferExternal'] as const;
const MAIN = 'android.intent.action.MAIN';
const LAUNCHER = 'android.intent.category.LAUNCHER';

/**
 * Builds the manifest model from a parsed AndroidManifest.xml. Framework attributes are matched by
 * resource id, as Android does. References are followed through `res` when given; what cannot be
 * resolved stays an `@0x...` reference. Every fact carries its location (see Location).
 */
export function parseManifest(doc: AxmlDocument, res?: ResourceResolver): Manifest {
  const anomalies = new AnomalyList();
  const ctx: Ctx = { res, anomalies, format: 'manifest' };
  const root: Node = { el: doc.root, path: encodeStep(doc.root.name) };
  if (doc.root.name !== 'manifest') {
    anomalies.add({
      format: 'manifest',
      code: 'root-not-manifest',
      severity: 'error',
      message: `root element is <${doc.root.name}>, not <manifest>`,
      offset: doc.root.offset,
    });
  }
  const packageAttr = toStr(ctx, root, findPlainAttr(root, 'package'));
  const pkg = valueOf(packageAttr) ?? '';
  if (!pkg)
    anomalies.add({
      format: 'manifest',
      code: 'missing-package',
      severity: 'error',
      message: '<manifest> has no package attribute',
      offset: doc.root.offset,
    });

  const sdk = parseUsesSdk(ctx, root);
  const il = toInt(ctx, root, findAttr(ctx, root, ATTR.installLocation));
  const m: Manifest = {
    at: loc(root),
    package: pkg,
    packageAttr,
    versionCode: toInt(ctx, root, findAttr(ctx, root, ATTR.versionCode)),
    versionName: toStr(ctx, root, findAttr(ctx, root, ATTR.versionName)),
    compileSdkVersion: toInt(ctx, root, findAttr(ctx, root, ATTR.compileSdkVersion)),
    compileSdkVersionCodename: toStr(ctx, root, findAttr(ctx, root, ATTR.compileSdkVersionCodename)),
    platformBuildVersionCode: toStr(ctx, root, findPlainAttr(root, 'platformBuildVersionCode')),
    platformBuildVersionName: toStr(ctx, root, findPlainAttr(root, 'platformBuildVersionName')),
    installLocation: il
      ? { ...il, value: typeof il.value === 'number' ? (INSTALL_LOCATIONS[il.value] ?? il.value) : il.value }
      : undefined,
    sharedUserId: toStr(ctx, root, findAttr(ctx, root, ATTR.sharedUserId)),
    sdk,
    usesPermissions: [],
    permissions: [],
    permissionGroups: [],
    usesFeatures: [],
    queries: [],
    components: [],
    launchableActivities: [],
    anomalies: [],
  };
  let appSeen = false;
  for (const n of children(root)) {
    switch (n.el.name) {
      case 'uses-permission':
      case 'uses-permission-sdk-23':
      case 'uses-permission-sdk-m':
        m.usesPermissions.push(usesPermission(ctx, n));
        break;
      case 'permission':
        m.permissions.push(declaredPermission(ctx, n));
        break;
      case 'permission-group': {
        const name = valueOf(toStr(ctx, n, findAttr(ctx, n, ATTR.name)));
        m.permissionGroups.push({ at: loc(n), name: name ?? '' });
        break;
      }
      case 'uses-feature':
        m.usesFeatures.push(usesFeature(ctx, n));
        break;
      case 'queries':
        m.queries.push(queries(ctx, n));
        break;
      case 'application':
        if (appSeen) {
          anomalies.add({
            format: 'manifest',
            code: 'multiple-applications',
            severity: 'warning',
            message: `${n.path} is ignored: Android uses the first <application>`,
            offset: n.el.offset,
          });
          break;
        }
        appSeen = true;
        m.application = application(ctx, n, pkg);
        for (const c of children(n)) {
          if ((COMPONENT_KINDS as readonly string[]).includes(c.el.name)) {
            m.components.push(parseComponent(ctx, c.el.name as ComponentKind, c, pkg, sdk));
          }
        }
        break;
      default:
        break;
    }
  }
  resolvePermissions(ctx, m);
  m.launchableActivities = m.components.filter(isLaunchable);
  m.anomalies = anomalies.toArray();
  return dropUndefined(m);
}

function permissionName(a: Attr<string> | undefined): string | undefined {
  if (!a) return undefined;
  const v = a.value;
  if (typeof v === 'string') return v.length > 0 ? v : undefined;
  return v.ref;
}

/** Effective permissions (PackageParser) and the alias-target rule. */
function resolvePermissions(ctx: Ctx, m: Manifest): void {
  const appPermission = permissionName(m.application?.permission);
  const activities = new Map<string, Component>();
  for (const c of m.components) {
    const own = permissionName(c.permission);
    if (c.kind === 'provider') {
      const read = permissionName(c.readPermission) ?? own;
      const write = permissionName(c.writePermission) ?? own;
      if (read !== undefined) c.effectiveReadPermission = read;
      if (write !== undefined) c.effectiveWritePermission = write;
      continue;
    }
    let base = appPermission;
    if (c.kind === 'activity-alias') {
      const target = valueOf(c.targetActivity);
      const t = target === undefined ? undefined : activities.get(target);
      if (target !== undefined && !t) {
        ctx.anomalies.add({
          format: 'manifest',
          code: 'alias-target-not-found',
          severity: 'error',
          message: `${c.at.path}: target activity ${target} is not declared before the alias (Android refuses to install it)`,
          offset: c.at.offset,
        });
      }
      base = t?.effectivePermission;
    }
    const eff = c.permission ? own : base;
    if (eff !== undefined) c.effectivePermission = eff;
    if (c.kind === 'activity') activities.set(c.name, c);
  }
}

function isLaunchable(c: Component): boolean {
  if (c.kind !== 'activity' && c.kind !== 'activity-alias') return false;
  return c.intentFilters.some(
    (f) => f.actions.some((a) => a.value === MAIN) && f.categories.some((a) => a.value === LAUNCHER),
  );
}

function usesPermission(ctx: Ctx, n: Node): UsesPermission {
  const nameAttr = toStr(ctx, n, findAttr(ctx, n, ATTR.name));
  return dropUndefined({
    at: loc(n),
    name: valueOf(nameAttr) ?? '',
    nameAttr,
    maxSdkVersion: toInt(ctx, n, findAttr(ctx, n, ATTR.maxSdkVersion)),
    sdk23: n.el.name !== 'uses-permission',
    usesPermissionFlags: toInt(ctx, n, findAttr(ctx, n, ATTR.usesPermissionFlags)),
  });
}

function declaredPermission(ctx: Ctx, n: Node): DeclaredPermission {
  const nameAttr = toStr(ctx, n, findAttr(ctx, n, ATTR.name));
  const pl = toInt(ctx, n, findAttr(ctx, n, ATTR.protectionLevel));
  const plValue = pl && typeof pl.value === 'number' ? pl.value : 0;
  return dropUndefined({
    at: loc(n),
    name: valueOf(nameAttr) ?? '',
    nameAttr,
    protectionLevel: decodeProtectionLevel(plValue),
    protectionLevelAttr: pl,
    permissionGroup: toStr(ctx, n, findAttr(ctx, n, ATTR.permissionGroup)),
  });
}

function usesFeature(ctx: Ctx, n: Node): UsesFeature {
  const required = toBool(ctx, n, findAttr(ctx, n, ATTR.required));
  return dropUndefined({
    at: loc(n),
    name: toStr(ctx, n, findAttr(ctx, n, ATTR.name)),
    required: required ? required.value !== false : true,
    glEsVersion: toInt(ctx, n, findAttr(ctx, n, ATTR.glEsVersion)),
  });
}

function queries(ctx: Ctx, n: Node): Queries {
  const names = (tag: string, id: number) =>
    children(n, tag)
      .map((c) => toStr(ctx, c, findAttr(ctx, c, id)))
      .filter((a) => a !== undefined);
  return {
    at: loc(n),
    packages: names('package', ATTR.name),
    providers: names('provider', ATTR.authorities),
    intents: children(n, 'intent').map((c) => parseIntentFilter(ctx, c)),
  };
}

function application(ctx: Ctx, n: Node, pkg: string): Application {
  const b = (id: number) => toBool(ctx, n, findAttr(ctx, n, id));
  const s = (id: number) => toStr(ctx, n, findAttr(ctx, n, id));
  const v = (id: number) => toValue(ctx, n, findAttr(ctx, n, id));
  const cls = (id: number) => {
    const a = s(id);
    const raw = valueOf(a);
    return a && raw ? { ...a, value: buildClassName(pkg, raw) } : a;
  };
  return dropUndefined({
    at: loc(n),
    name: cls(ATTR.name),
    label: v(ATTR.label),
    debuggable: b(ATTR.debuggable),
    allowBackup: b(ATTR.allowBackup),
    fullBackupContent: v(ATTR.fullBackupContent),
    dataExtractionRules: v(ATTR.dataExtractionRules),
    usesCleartextTraffic: b(ATTR.usesCleartextTraffic),
    networkSecurityConfig: v(ATTR.networkSecurityConfig),
    testOnly: b(ATTR.testOnly),
    extractNativeLibs: b(ATTR.extractNativeLibs),
    requestLegacyExternalStorage: b(ATTR.requestLegacyExternalStorage),
    preserveLegacyExternalStorage: b(ATTR.preserveLegacyExternalStorage),
    hasFragileUserData: b(ATTR.hasFragileUserData),
    appComponentFactory: cls(ATTR.appComponentFactory),
    backupAgent: cls(ATTR.backupAgent),
    permission: s(ATTR.permission),
    taskAffinity: s(ATTR.taskAffinity),
    process: s(ATTR.process),
    enabled: b(ATTR.enabled),
    persistent: b(ATTR.persistent),
    largeHeap: b(ATTR.largeHeap),
    profileable: profileable(ctx, n),
    metaData: parseMetaData(ctx, n),
  });
}

function profileable(ctx: Ctx, app: Node): Application['profileable'] {
  const n = children(app, 'profileable')[0];
  if (!n) return undefined;
  return dropUndefined({
    at: loc(n),
    shell: toBool(ctx, n, findAttr(ctx, n, ATTR.shell)),
    enabled: toBool(ctx, n, findAttr(ctx, n, ATTR.enabled)),
  });
}
