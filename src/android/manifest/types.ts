import type { Anomaly } from '../../core/anomaly.js';
import type { ResValue } from '../resources.js';

/**
 * Where a fact lives in AndroidManifest.xml.
 *
 * Locator format (stable, XPath-like): element steps separated by `/`, each step the element's
 * local name followed by its 1-based position among same-named siblings in brackets, except the
 * root which has none: `manifest/application[1]/activity[2]/intent-filter[1]/action[1]`.
 * An attribute adds `/@android:name` for a namespaced attribute whose resource id is a framework
 * attribute (always the `android:` prefix and the framework name, whatever prefix or masked name
 * the file uses), else `/@<name as in the string pool>` (e.g. `/@package`). resolveLocator()
 * turns a locator back into the element and attribute.
 * `offset` is the byte offset, in the binary AXML, of the attribute record (for attributes) or
 * of the start-element chunk (for elements).
 */
export type Location = { path: string; offset: number; line: number };

/** A resource reference that could not be resolved (no resolver, or unknown id). */
export type Unresolved = { ref: string; id: number };

/** An attribute as read: `value` is the meaning dfslab gives it, `raw` the stored Res_value. */
export type Attr<T> = Location & { value: T | Unresolved; raw: ResValue };

/**
 * An attribute kept as a Res_value (labels, resource pointers): `value` is the value after
 * following references through the resolver (still a `reference` when it could not be resolved).
 */
export type ResAttr = Location & { value: ResValue; raw: ResValue };

export type MetaData = { at: Location; name?: Attr<string>; value?: ResAttr; resource?: ResAttr };

export type IntentData = {
  at: Location;
  scheme?: Attr<string>;
  host?: Attr<string>;
  port?: Attr<string>;
  path?: Attr<string>;
  pathPrefix?: Attr<string>;
  pathPattern?: Attr<string>;
  pathSuffix?: Attr<string>;
  pathAdvancedPattern?: Attr<string>;
  mimeType?: Attr<string>;
  ssp?: Attr<string>;
  sspPrefix?: Attr<string>;
  sspPattern?: Attr<string>;
};

export type IntentFilter = {
  at: Location;
  actions: Attr<string>[];
  categories: Attr<string>[];
  data: IntentData[];
  autoVerify?: Attr<boolean>;
  priority?: Attr<number>;
};

export type ComponentKind = 'activity' | 'activity-alias' | 'service' | 'receiver' | 'provider';

/** Why a component is (or is not) exported. */
export type ExportedReason =
  | 'explicit'
  | 'intent-filter' // no android:exported, has an intent filter (with an action, except for services)
  | 'no-intent-filter'
  | 'provider-target-sdk-16-or-lower' // provider default: exported when targetSdk <= 16
  | 'provider-default-false'
  | 'unresolved'; // android:exported is a reference dfslab could not resolve (treated as exported)

export type Exported = {
  /** The android:exported attribute, when present. */
  declared?: Attr<boolean>;
  /** What Android decides for the installed component. */
  effective: boolean;
  reason: ExportedReason;
  /**
   * Providers only: on devices running API 16 or lower the provider is exported whatever the
   * targetSdk (the default was true before API 17); true when minSdk <= 16 and not explicitly false.
   */
  exportedOnLegacyDevices?: boolean;
};

export type LaunchMode = 'standard' | 'singleTop' | 'singleTask' | 'singleInstance' | 'singleInstancePerTask';

export type GrantUriPermission = {
  at: Location;
  path?: Attr<string>;
  pathPrefix?: Attr<string>;
  pathPattern?: Attr<string>;
};

export type Component = {
  kind: ComponentKind;
  /** Fully-qualified class name (leading '.' or no dot resolved against the package), '' if missing. */
  name: string;
  nameAttr?: Attr<string>;
  at: Location;
  exported: Exported;
  enabled?: Attr<boolean>;
  permission?: Attr<string>;
  /**
   * The permission Android enforces to start/bind/send to it: its own android:permission, else
   * (activity, alias, service, receiver) the application's; an alias starts from its target's.
   * Undefined = none. A reference that could not be resolved appears as '@0x7f…'.
   */
  effectivePermission?: string;
  process?: Attr<string>;
  intentFilters: IntentFilter[];
  metaData: MetaData[];
  /** activity / activity-alias */
  taskAffinity?: Attr<string>;
  launchMode?: Attr<LaunchMode | number>;
  /** activity-alias: the fully-qualified target activity. */
  targetActivity?: Attr<string>;
  /** provider */
  authorities?: Attr<string[]>;
  readPermission?: Attr<string>;
  writePermission?: Attr<string>;
  /** readPermission (or writePermission) falling back to the provider's android:permission. */
  effectiveReadPermission?: string;
  effectiveWritePermission?: string;
  grantUriPermissions?: Attr<boolean>;
  grantUriPermissionElements?: GrantUriPermission[];
  /** service */
  isolatedProcess?: Attr<boolean>;
  foregroundServiceType?: Attr<number>;
};

export type ProtectionLevel = {
  /** The raw int (android:protectionLevel flags). */
  value: number;
  base: 'normal' | 'dangerous' | 'signature' | 'signatureOrSystem' | 'internal' | `unknown(${number})`;
  /** Named flags set beyond the base (e.g. 'privileged', 'development', 'appop'). */
  flags: string[];
};

export type DeclaredPermission = {
  at: Location;
  name: string;
  nameAttr?: Attr<string>;
  protectionLevel: ProtectionLevel;
  protectionLevelAttr?: Attr<number>;
  permissionGroup?: Attr<string>;
};

export type UsesPermission = {
  at: Location;
  name: string;
  nameAttr?: Attr<string>;
  maxSdkVersion?: Attr<number>;
  /** <uses-permission-sdk-23> */
  sdk23: boolean;
  usesPermissionFlags?: Attr<number>;
};

export type UsesFeature = {
  at: Location;
  name?: Attr<string>;
  required: boolean;
  glEsVersion?: Attr<number>;
};

export type Queries = {
  at: Location;
  packages: Attr<string>[];
  intents: IntentFilter[];
  providers: Attr<string>[];
};

export type Application = {
  at: Location;
  name?: Attr<string>;
  label?: ResAttr;
  debuggable?: Attr<boolean>;
  allowBackup?: Attr<boolean>;
  fullBackupContent?: ResAttr;
  dataExtractionRules?: ResAttr;
  usesCleartextTraffic?: Attr<boolean>;
  networkSecurityConfig?: ResAttr;
  testOnly?: Attr<boolean>;
  extractNativeLibs?: Attr<boolean>;
  requestLegacyExternalStorage?: Attr<boolean>;
  preserveLegacyExternalStorage?: Attr<boolean>;
  hasFragileUserData?: Attr<boolean>;
  appComponentFactory?: Attr<string>;
  backupAgent?: Attr<string>;
  permission?: Attr<string>;
  taskAffinity?: Attr<string>;
  process?: Attr<string>;
  enabled?: Attr<boolean>;
  persistent?: Attr<boolean>;
  largeHeap?: Attr<boolean>;
  /** <profileable android:shell="true"> lets `adb shell` profile a release build. */
  profileable?: { at: Location; shell?: Attr<boolean>; enabled?: Attr<boolean> };
  metaData: MetaData[];
};

export type Sdk = {
  /** Effective minSdkVersion (1 when absent or a codename). */
  min: number;
  /** Effective targetSdkVersion (minSdk when absent). */
  target: number;
  max?: number;
  /** A preview codename given instead of a number (e.g. 'Q'). */
  minCodename?: string;
  targetCodename?: string;
  minAttr?: Attr<number | string>;
  targetAttr?: Attr<number | string>;
  maxAttr?: Attr<number>;
  /** The <uses-sdk> element, if any. */
  at?: Location;
};

export type Manifest = {
  at: Location;
  package: string;
  packageAttr?: Attr<string>;
  versionCode?: Attr<number>;
  versionName?: Attr<string>;
  compileSdkVersion?: Attr<number>;
  compileSdkVersionCodename?: Attr<string>;
  platformBuildVersionCode?: Attr<string | number>;
  platformBuildVersionName?: Attr<string>;
  installLocation?: Attr<'auto' | 'internalOnly' | 'preferExternal' | number>;
  sharedUserId?: Attr<string>;
  sdk: Sdk;
  usesPermissions: UsesPermission[];
  permissions: DeclaredPermission[];
  permissionGroups: { at: Location; name: string }[];
  usesFeatures: UsesFeature[];
  queries: Queries[];
  application?: Application;
  /** Every component, in document order. */
  components: Component[];
  /** Activities and aliases with an intent filter holding both MAIN and LAUNCHER. */
  launchableActivities: Component[];
  /**
   * What the model noticed (format 'manifest': missing exported on targetSdk 31+, out-of-order or
   * duplicate attributes, alias without target…). The binary-XML anomalies stay on the AxmlDocument.
   */
  anomalies: Anomaly[];
};
