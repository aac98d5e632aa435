/**
 * Ostorlab insecure app (../shared/apks/ostorlab/README.upstream.md): one class per planted weakness
 * under co.ostorlab.insecure_app.bugs.calls, so each row requires the finding in that class. The
 * README also lists a Flutter module; this APK does not contain it (no libflutter.so / libapp.so).
 */
import type { AppTable, FindingMatcher, RecallRow } from './types.js';

const README = 'README.upstream.md';
const BUGS = 'Lco/ostorlab/insecure_app/bugs/calls/';
const NOT_IN_APK =
  'not in this APK: the README lists it but the build has no such code (baksmali: no class or call for it in the app package)';

function inClass(
  cls: string,
  checkId: string,
  messageId?: string,
  extra: Partial<FindingMatcher> = {},
): FindingMatcher {
  return { checkId, ...(messageId ? { messageId } : {}), dexClass: `${BUGS}${cls};`, ...extra };
}

const FLUTTER = [
  'ClearTextTraffic',
  'CommandExec',
  'ECBModeCipher',
  'HashCall',
  'InsecureCommands',
  'InsecureSharedPreferences',
  'IntentCall',
  'StaticIV',
  'TLSTraffic',
  'Path Traversal Vulnerability',
  'InsecureRandom',
  'SQLiteDatabaseCall',
  'WebviewInsecureSettings',
];

const flutterRows: RecallRow[] = FLUTTER.map((name, i) => ({
  id: `OS-F${String(i + 1).padStart(2, '0')}`,
  name: `Flutter module: ${name}`,
  source: `${README} (vulnerable flutter module)`,
  static: false,
  reason:
    'the Flutter module is not in this APK (no lib/*/libflutter.so or libapp.so); Dart AOT snapshots are also outside what dfslab decodes',
}));

export const OSTORLAB: AppTable = {
  app: 'Ostorlab',
  builds: [{ key: 'ostorlab', path: 'ostorlab/Ostorlab_insecure_app.apk' }],
  rows: [
    {
      id: 'OS-01',
      name: 'AESCipher',
      source: README,
      static: true,
      expect: [inClass('AESCipher', 'AND-CRYPTO-001', 'implicit', { message: '"AES"' })],
    },
    {
      id: 'OS-02',
      name: 'ClearTextTraffic',
      source: README,
      static: true,
      expect: [
        inClass('ClearTextTraffic', 'AND-ENDPOINT-001', undefined, { message: 'http://linuxfr.org' }),
        { checkId: 'AND-NETCFG-001', messageId: 'nscBase' },
      ],
    },
    {
      id: 'OS-03',
      name: 'CommandExec',
      source: README,
      static: true,
      expect: [inClass('CommandExec', 'AND-PLATFORM-002')],
    },
    {
      id: 'OS-04',
      name: 'DexClassLoaderCall',
      source: README,
      static: true,
      expect: [
        inClass('DexClassLoaderCall', 'AND-PLATFORM-001', 'external', { message: '/sdcard/test.apk' }),
      ],
    },
    {
      id: 'OS-05',
      name: 'ECBModeCipher',
      source: README,
      static: true,
      expect: [inClass('ECBModeCipher', 'AND-CRYPTO-001', 'explicit')],
    },
    {
      id: 'OS-06',
      name: 'HashCall',
      source: README,
      static: true,
      expect: [inClass('HashCall', 'AND-CRYPTO-003', 'weak')],
    },
    {
      id: 'OS-07',
      name: 'InsecureCommands',
      source: README,
      static: true,
      expect: [inClass('InsecureCommands', 'AND-PLATFORM-002')],
    },
    {
      id: 'OS-08',
      name: 'InsecureFilePermissions',
      source: README,
      static: true,
      expect: [
        inClass('InsecureFilePermissions', 'AND-STORAGE-001', 'mode', {
          dexMethod: 'openFileOutputWorldReadable',
        }),
        inClass('InsecureFilePermissions', 'AND-STORAGE-001', 'file', { dexMethod: 'setWritableAll' }),
      ],
    },
    {
      id: 'OS-09',
      name: 'InsecureRandom',
      source: README,
      static: true,
      expect: [
        inClass('InsecureRandom', 'AND-CRYPTO-009', 'secure'),
        inClass('InsecureRandom', 'AND-CRYPTO-009', 'util'),
      ],
    },
    {
      id: 'OS-10',
      name: 'IntentCall [TODO]',
      source: README,
      static: true,
      note: 'Marked TODO upstream, but the class is in the APK.',
      expect: [inClass('IntentCall', 'AND-PLATFORM-006', 'implicit', { message: '"co.ostorlab"' })],
    },
    {
      id: 'OS-11',
      name: 'MemoryCorruption',
      source: README,
      static: false,
      reason:
        'a bug inside native code (MemoryCorruption.triggerStackOverflow in libnative-lib.so); the library is built with stack protector, NX stack and full RELRO, so the hardening checks rightly stay silent, and finding the bug itself needs binary analysis or fuzzing',
    },
    {
      id: 'OS-12',
      name: 'MobileOnlyDownloadManager',
      source: README,
      static: true,
      planned:
        'AND-NET-005 (proposed): DownloadManager.Request.setAllowedNetworkTypes(NETWORK_MOBILE) forces downloads over the mobile network only',
      expect: [inClass('MobileOnlyDownloadManager', 'AND-NET-005')],
    },
    {
      id: 'OS-13',
      name: 'PathClassLoaderCall',
      source: README,
      static: true,
      expect: [inClass('PathClassLoaderCall', 'AND-PLATFORM-001', 'external')],
    },
    {
      id: 'OS-14',
      name: 'SQLiteDatabaseCall',
      source: README,
      static: false,
      reason:
        'nothing to find: the planted code runs constant SQL with bind arguments (execSQL("INSERT INTO accounts(name, amount) VALUES(?, ?)", args)); a finding would be a false positive, so AND-STORAGE-003 must stay silent (asserted below)',
    },
    {
      id: 'OS-15',
      name: 'StaticIV',
      source: README,
      static: true,
      expect: [inClass('StaticIV', 'AND-CRYPTO-004', 'constant', { message: '0123456789abcdef' })],
    },
    {
      id: 'OS-16',
      name: 'TLSTraffic',
      source: README,
      static: true,
      expect: [
        inClass('TLSTraffic', 'AND-NET-002', 'allowAllField'),
        inClass('TLSTraffic', 'AND-NET-003', 'insecure'),
      ],
    },
    {
      id: 'OS-17',
      name: 'WebviewInsecureSettings',
      source: README,
      static: true,
      note: 'The README text speaks of remote debugging; the code enables JavaScript and file access and loads an http:// page.',
      expect: [
        inClass('WebviewInsecureSettings', 'AND-WEBVIEW-003', 'enabled'),
        inClass('WebviewInsecureSettings', 'AND-WEBVIEW-006', 'http'),
      ],
    },
    { id: 'OS-18', name: 'ParcelableMemoryCorruption', source: README, static: false, reason: NOT_IN_APK },
    { id: 'OS-19', name: 'SerializableMemoryCorruption', source: README, static: false, reason: NOT_IN_APK },
    {
      id: 'OS-20',
      name: 'Path Traversal Vulnerability (getLastPathSegment)',
      source: README,
      static: false,
      reason: NOT_IN_APK,
    },
    {
      id: 'OS-21',
      name: 'Implicit PendingIntent Vulnerability',
      source: README,
      static: false,
      reason: NOT_IN_APK,
    },
    { id: 'OS-22', name: 'PackageContextLoadCall', source: README, static: false, reason: NOT_IN_APK },
    {
      id: 'OS-23',
      name: 'InsecureSharedPreferences',
      source: `${README} (listed with the Flutter module; a Java class has it too)`,
      static: true,
      expect: [
        inClass('InsecureSharedPreferences', 'AND-STORAGE-001', 'mode', { message: '"WorldReadableOnly"' }),
      ],
    },
    ...flutterRows,
  ],
  silence: [
    { id: 'OS-P1', silent: { checkId: 'AND-SIGN-002' }, fact: 'apksigner: v2 signature, no v1-only signing' },
    { id: 'OS-P2', silent: { checkId: 'AND-MANIFEST-005' }, fact: 'no <provider> in the manifest' },
    {
      id: 'OS-P3',
      silent: { checkId: 'AND-MANIFEST-004' },
      fact: 'the only component is the launcher MainActivity',
    },
    {
      id: 'OS-P4',
      silent: { checkId: 'AND-STORAGE-003' },
      fact: 'SQLiteDatabaseCall / MySQLiteOpenHelper run constant SQL with bind arguments',
    },
    ...[
      'AND-NATIVE-001',
      'AND-NATIVE-002',
      'AND-NATIVE-003',
      'AND-NATIVE-004',
      'AND-NATIVE-005',
      'AND-NATIVE-006',
    ].map((checkId, i) => ({
      id: `OS-P${5 + i}`,
      silent: { checkId },
      fact: 'readelf: libnative-lib.so imports __stack_chk_fail, GNU_STACK RW, GNU_RELRO + BIND_NOW, PIC shared object',
    })),
    {
      id: 'OS-P11',
      silent: { checkId: 'AND-PLATFORM-003' },
      fact: 'no PendingIntent in the app code (the README item is not in this build)',
    },
  ],
};
