/**
 * A flat, JSON-ready summary of the manifest model for `dfslab inspect`: values only (locations
 * stay in the full model that checks use). Unresolved references are shown as `@0x7f…`.
 */
import { resValueToString } from './axml/index.js';
import {
  isUnresolved,
  type Attr,
  type Component,
  type IntentFilter,
  type Manifest,
} from './manifest/index.js';
import type { ResourceResolver, ResValue } from './resources.js';

type Plain = string | number | boolean | string[];

export type ComponentSummary = {
  kind: Component['kind'];
  name: string;
  exported: boolean;
  exportedReason: string;
  exportedDeclared?: boolean;
  permission?: string;
  readPermission?: string;
  writePermission?: string;
  authorities?: string[];
  grantUriPermissions?: boolean;
  taskAffinity?: string;
  launchMode?: string;
  targetActivity?: string;
  enabled?: boolean;
  intentFilters: { actions: string[]; categories: string[]; data: string[]; autoVerify?: boolean }[];
};

export type ManifestSummary = {
  package: string;
  versionCode?: number;
  versionName?: string;
  label?: string;
  minSdk: number;
  targetSdk: number;
  maxSdk?: number;
  compileSdk?: number;
  installLocation?: string;
  sharedUserId?: string;
  usesPermissions: string[];
  permissions: { name: string; protectionLevel: string }[];
  application: Record<string, Plain>;
  launchableActivities: string[];
  components: ComponentSummary[];
};

function plain<T>(a: Attr<T> | undefined): T | string | undefined {
  if (!a) return undefined;
  if (isUnresolved(a.value)) return a.value.ref;
  return a.value as T;
}

function str(a: Attr<unknown> | undefined): string | undefined {
  const v = plain(a);
  if (v === undefined) return undefined;
  if (typeof v === 'object' && v !== null && 'type' in v) return resValueToString(v as ResValue);
  return String(v);
}

function bool(a: Attr<boolean> | undefined): boolean | undefined {
  const v = plain(a);
  return typeof v === 'boolean' ? v : undefined;
}

function num(a: Attr<number> | undefined): number | undefined {
  const v = plain(a);
  return typeof v === 'number' ? v : undefined;
}

/** The label, resolved through resources when it is a reference. */
function label(m: Manifest, res: ResourceResolver | undefined): string | undefined {
  const raw = m.application?.label;
  if (!raw) return undefined;
  const v = isUnresolved(raw.value) ? undefined : raw.value;
  if (v?.type === 'string') return v.value;
  if (v?.type === 'reference' && res) {
    const r = res.resolve(v.value);
    if (r?.type === 'string') return r.value;
  }
  return str(raw);
}

function filterSummary(f: IntentFilter): ComponentSummary['intentFilters'][number] {
  const data = f.data.map((d) => {
    const scheme = str(d.scheme);
    const host = str(d.host);
    const port = str(d.port);
    const path = str(d.path) ?? str(d.pathPrefix)?.concat('*') ?? str(d.pathPattern);
    const mime = str(d.mimeType);
    const uri = [
      scheme ? `${scheme}:` : '',
      host ? `//${host}` : '',
      port ? `:${port}` : '',
      path ?? '',
    ].join('');
    return [uri, mime ? `type=${mime}` : ''].filter(Boolean).join(' ');
  });
  const out: ComponentSummary['intentFilters'][number] = {
    actions: f.actions.map((a) => str(a) ?? ''),
    categories: f.categories.map((c) => str(c) ?? ''),
    data: data.filter(Boolean),
  };
  const av = bool(f.autoVerify);
  if (av !== undefined) out.autoVerify = av;
  return out;
}

function componentSummary(c: Component): ComponentSummary {
  const out: ComponentSummary = {
    kind: c.kind,
    name: c.name,
    exported: c.exported.effective,
    exportedReason: c.exported.reason,
    intentFilters: c.intentFilters.map(filterSummary),
  };
  const set = <K extends keyof ComponentSummary>(k: K, v: ComponentSummary[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('exportedDeclared', bool(c.exported.declared));
  set('permission', str(c.permission));
  set('readPermission', str(c.readPermission));
  set('writePermission', str(c.writePermission));
  const auth = c.authorities && !isUnresolved(c.authorities.value) ? c.authorities.value : undefined;
  set('authorities', auth);
  set('grantUriPermissions', bool(c.grantUriPermissions));
  set('taskAffinity', str(c.taskAffinity));
  set('launchMode', str(c.launchMode));
  set('targetActivity', str(c.targetActivity));
  set('enabled', bool(c.enabled));
  return out;
}

const APP_FLAGS = [
  'debuggable',
  'allowBackup',
  'fullBackupContent',
  'dataExtractionRules',
  'usesCleartextTraffic',
  'networkSecurityConfig',
  'testOnly',
  'extractNativeLibs',
  'requestLegacyExternalStorage',
  'hasFragileUserData',
  'name',
  'appComponentFactory',
  'backupAgent',
  'permission',
  'taskAffinity',
] as const;

export function summarizeManifest(m: Manifest, res: ResourceResolver | undefined): ManifestSummary {
  const application: Record<string, Plain> = {};
  const app = m.application;
  if (app) {
    for (const k of APP_FLAGS) {
      const a = app[k] as Attr<unknown> | undefined;
      const v = plain(a);
      if (v === undefined) continue;
      application[k] = typeof v === 'boolean' || typeof v === 'number' ? v : (str(a) ?? '');
    }
  }
  const out: ManifestSummary = {
    package: m.package,
    minSdk: m.sdk.min,
    targetSdk: m.sdk.target,
    usesPermissions: m.usesPermissions.map((p) => p.name),
    permissions: m.permissions.map((p) => ({
      name: p.name,
      protectionLevel: [p.protectionLevel.base, ...p.protectionLevel.flags].join('|'),
    })),
    application,
    launchableActivities: m.launchableActivities.map((c) => c.name),
    components: m.components.map(componentSummary),
  };
  const set = <K extends keyof ManifestSummary>(k: K, v: ManifestSummary[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('versionCode', num(m.versionCode));
  set('versionName', str(m.versionName));
  set('label', label(m, res));
  set('maxSdk', m.sdk.max);
  set('compileSdk', num(m.compileSdkVersion));
  set('installLocation', str(m.installLocation));
  set('sharedUserId', str(m.sharedUserId));
  return out;
}
