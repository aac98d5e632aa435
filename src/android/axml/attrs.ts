/**
 * Framework attribute resource ids (android:attr/*) that dfslab reads. Android matches manifest
 * attributes by these ids (from the document's resource-id map), never by the name string, so an
 * obfuscated or masked name still means the same thing. Ids up to API 29 are checked in a test
 * against `aapt dump resources` of Debian's framework-res.apk (API 29); the few later ones
 * (marked) come from AOSP's public-final.xml.
 */
export const ATTR = {
  allowBackup: 0x01010280,
  allowClearUserData: 0x01010005,
  allowTaskReparenting: 0x01010204,
  appComponentFactory: 0x0101057a,
  authorities: 0x01010018,
  autoVerify: 0x010104ee,
  backupAgent: 0x0101027f,
  certDigest: 0x01010548,
  compileSdkVersion: 0x01010572,
  compileSdkVersionCodename: 0x01010573,
  debuggable: 0x0101000f,
  description: 0x01010020,
  directBootAware: 0x01010505,
  documentLaunchMode: 0x01010445,
  enabled: 0x0101000e,
  excludeFromRecents: 0x01010017,
  exported: 0x01010010,
  externalService: 0x0101050e,
  extractNativeLibs: 0x010104ea,
  foregroundServiceType: 0x01010599,
  fullBackupContent: 0x010104eb,
  fullBackupOnly: 0x01010473,
  glEsVersion: 0x01010281,
  grantUriPermissions: 0x0101001b,
  hasCode: 0x0101000c,
  hasFragileUserData: 0x0101059a,
  host: 0x01010028,
  icon: 0x01010002,
  initOrder: 0x0101001a,
  installLocation: 0x010102b7,
  isolatedProcess: 0x010103a9,
  label: 0x01010001,
  largeHeap: 0x0101035a,
  launchMode: 0x0101001d,
  maxSdkVersion: 0x01010271,
  mimeType: 0x01010026,
  minSdkVersion: 0x0101020c,
  multiprocess: 0x01010013,
  name: 0x01010003,
  networkSecurityConfig: 0x01010527,
  noHistory: 0x0101022d,
  path: 0x0101002a,
  pathPattern: 0x0101002c,
  pathPrefix: 0x0101002b,
  permission: 0x01010006,
  permissionFlags: 0x010103c7,
  permissionGroup: 0x0101000a,
  persistent: 0x0101000d,
  port: 0x01010029,
  priority: 0x0101001c,
  process: 0x01010011,
  protectionLevel: 0x01010009,
  readPermission: 0x01010007,
  requestLegacyExternalStorage: 0x01010603,
  required: 0x0101028e,
  requiredFeature: 0x01010554,
  resource: 0x01010025,
  restoreAnyVersion: 0x010102ba,
  roundIcon: 0x0101052c,
  scheme: 0x01010027,
  sharedUserId: 0x0101000b,
  sharedUserLabel: 0x01010261,
  ssp: 0x010103e3,
  sspPattern: 0x010103e5,
  sspPrefix: 0x010103e4,
  stateNotNeeded: 0x01010016,
  syncable: 0x01010019,
  targetActivity: 0x01010202,
  targetSdkVersion: 0x01010270,
  taskAffinity: 0x01010012,
  testOnly: 0x01010272,
  theme: 0x01010000,
  usesCleartextTraffic: 0x010104ec,
  usesNonSdkApi: 0x0101058e,
  value: 0x01010024,
  version: 0x01010519,
  versionCode: 0x0101021b,
  versionName: 0x0101021c,
  visibleToInstantApps: 0x01010531,
  vmSafeMode: 0x010102b8,
  writePermission: 0x01010008,
  // API 30+ (not in the API 29 framework-res shipped by Debian).
  preserveLegacyExternalStorage: 0x01010614,
  pathSuffix: 0x0101061e,
  sspSuffix: 0x0101061f,
  pathAdvancedPattern: 0x01010620,
  dataExtractionRules: 0x0101063e,
  usesPermissionFlags: 0x01010644,
  requestRawExternalStorageAccess: 0x01010645,
} as const;

export type FrameworkAttrName = keyof typeof ATTR;

/** Ids after API 29, which the Debian framework-res oracle cannot confirm. */
export const POST_API29_ATTRS: readonly FrameworkAttrName[] = [
  'preserveLegacyExternalStorage',
  'pathSuffix',
  'sspSuffix',
  'pathAdvancedPattern',
  'dataExtractionRules',
  'usesPermissionFlags',
  'requestRawExternalStorageAccess',
];

const BY_ID = new Map<number, string>(Object.entries(ATTR).map(([k, v]) => [v, k]));

/** The framework attribute name for a resource id, if dfslab knows it. */
export function frameworkAttrName(id: number): string | undefined {
  return BY_ID.get(id);
}
