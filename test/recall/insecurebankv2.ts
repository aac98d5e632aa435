/**
 * InsecureBankv2 (../shared/apks/insecurebankv2/README.upstream.md): the 25 vulnerabilities the
 * README lists as included, the 7 it lists as planned, and one packaging fact of the v1-only build.
 */
import type { AppTable } from './types.js';

const ALL = ['release', 'debug-v1', 'debug-v2'];
const README = 'README.upstream.md';
const NOT_IN_BUILD = 'listed upstream as "working on", not part of these builds';
const PKG = 'com/android/insecurebankv2/';

export const INSECUREBANKV2: AppTable = {
  app: 'InsecureBankv2',
  builds: [
    { key: 'release', path: 'insecurebankv2/InsecureBankv2-release.apk' },
    { key: 'debug-v1', path: 'insecurebankv2/InsecureBankv2-debug-v1.apk' },
    { key: 'debug-v2', path: 'insecurebankv2/InsecureBankv2-debug-v2.apk' },
  ],
  rows: [
    {
      id: 'IB-01',
      name: 'Flawed Broadcast Receivers',
      source: README,
      static: true,
      expect: [
        {
          checkId: 'AND-MANIFEST-004',
          messageId: 'receiver',
          message: '.MyBroadCastReceiver',
          manifestElement: 'receiver',
        },
      ],
    },
    {
      id: 'IB-02',
      name: 'Intent Sniffing and Injection',
      source: README,
      static: true,
      note: 'ChangePassword broadcasts the new password in an implicit "theBroadcast" intent.',
      expect: [
        {
          checkId: 'AND-PLATFORM-006',
          messageId: 'implicit',
          dexClass: `${PKG}ChangePassword;`,
          dexMethod: 'broadcastChangepasswordSMS',
        },
      ],
    },
    {
      id: 'IB-03',
      name: 'Weak Authorization mechanism',
      source: README,
      static: true,
      note: 'Authorisation is only the login screen: PostLogin is exported, so the login can be skipped.',
      expect: [{ checkId: 'AND-MANIFEST-004', messageId: 'activityNoFilter', message: '.PostLogin ' }],
    },
    {
      id: 'IB-04',
      name: 'Local Encryption issues',
      source: README,
      static: true,
      note: 'Saved credentials are encrypted with a key compiled into CryptoClass (the username only Base64-encoded).',
      expect: [
        {
          checkId: 'AND-CRYPTO-005',
          messageId: 'constant',
          dexClass: `${PKG}CryptoClass;`,
          dexMethod: 'aes256encrypt',
        },
      ],
    },
    {
      id: 'IB-05',
      name: 'Vulnerable Activity Components',
      source: README,
      static: true,
      expect: ['.DoTransfer ', '.ViewStatement ', '.ChangePassword '].map((a) => ({
        checkId: 'AND-MANIFEST-004',
        messageId: 'activityNoFilter',
        message: a,
      })),
    },
    {
      id: 'IB-06',
      name: 'Root Detection and Bypass',
      source: README,
      static: false,
      reason:
        'runtime: the app does have a root check (PostLogin.doesSUexist / doesSuperuserApkExist); bypassing it is hooking or patching at run time. Statically dfslab sees the check (AND-PLATFORM-002 "su") and AND-RESILIENCE-001 stays silent (asserted below).',
    },
    {
      id: 'IB-07',
      name: 'Emulator Detection and Bypass',
      source: README,
      static: false,
      reason:
        'runtime: only the debug-v2 build has the check (PostLogin.checkIfDeviceIsEmulator, Build.* "generic"/"google_sdk"); bypassing it is a run-time exercise. AND-RESILIENCE-002 must stay silent on debug-v2 (asserted below).',
    },
    {
      id: 'IB-08',
      name: 'Insecure Content Provider access',
      source: README,
      static: true,
      expect: [
        {
          checkId: 'AND-MANIFEST-005',
          messageId: 'open',
          message: 'TrackUserContentProvider',
          manifestElement: 'provider',
        },
      ],
    },
    {
      id: 'IB-09',
      name: 'Insecure Webview implementation',
      source: README,
      static: true,
      note: 'ViewStatement loads "file://" + sdcard + "/Statements_{user}.html" with JavaScript enabled.',
      expect: [{ checkId: 'AND-WEBVIEW-009', dexClass: `${PKG}ViewStatement;` }],
    },
    {
      id: 'IB-10',
      name: 'Weak Cryptography implementation',
      source: README,
      static: true,
      note: 'AES/CBC with an all-zero IV.',
      expect: [
        {
          checkId: 'AND-CRYPTO-004',
          messageId: 'zero',
          dexClass: `${PKG}CryptoClass;`,
          dexMethod: 'aes256encrypt',
        },
      ],
    },
    {
      id: 'IB-11',
      name: 'Application Patching',
      source: README,
      static: true,
      note: 'No integrity or tamper check: a repackaged app runs unnoticed.',
      expect: [{ checkId: 'AND-RESILIENCE-004', messageId: 'absent' }],
    },
    {
      id: 'IB-12',
      name: 'Sensitive Information in Memory',
      source: README,
      static: false,
      reason: 'runtime: needs a heap dump of the running app (credentials kept in String fields).',
    },
    {
      id: 'IB-13',
      name: 'Insecure Logging mechanism',
      source: README,
      static: true,
      expect: [
        {
          checkId: 'AND-STORAGE-004',
          messageId: 'sensitive',
          message: '"password"',
          dexClass: `${PKG}DoLogin$RequestTask;`,
          dexMethod: 'postData',
        },
      ],
    },
    {
      id: 'IB-14',
      name: 'Android Pasteboard vulnerability',
      source: README,
      static: true,
      note: 'The app never calls ClipboardManager (AND-STORAGE-005 is rightly silent): the weakness is copy/paste on its input fields.',
      expect: [
        {
          checkId: 'AND-STORAGE-007',
          messageId: 'cached',
          file: 'res/layout/activity_log_main.xml',
          message: 'loginscreen_username',
        },
      ],
    },
    {
      id: 'IB-15',
      name: 'Application Debuggable',
      source: README,
      builds: ['debug-v1', 'debug-v2'],
      static: true,
      note: 'Only the debug builds; the release build is not debuggable (asserted silent below).',
      expect: [
        {
          checkId: 'AND-MANIFEST-001',
          messageId: 'explicit',
          manifestAttribute: 'debuggable',
          manifestValue: 'true',
        },
      ],
    },
    {
      id: 'IB-16',
      name: 'Android keyboard cache issues',
      source: README,
      static: true,
      note: 'The login user name and the transfer fields have no android:inputType, so the keyboard learns them.',
      expect: [
        {
          checkId: 'AND-STORAGE-007',
          messageId: 'cached',
          file: 'res/layout/',
          message: 'loginscreen_username',
        },
        { checkId: 'AND-STORAGE-007', messageId: 'cached', file: 'res/layout/', message: 'editText_amount' },
      ],
    },
    {
      id: 'IB-17',
      name: 'Android Backup vulnerability',
      source: README,
      static: true,
      expect: [
        {
          checkId: 'AND-MANIFEST-003',
          messageId: 'explicit',
          manifestAttribute: 'allowBackup',
          manifestValue: 'true',
        },
      ],
    },
    {
      id: 'IB-18',
      name: 'Runtime Manipulation',
      source: README,
      static: true,
      note: 'The static side of it: no debugger or hooking detection anywhere in the app code.',
      expect: [{ checkId: 'AND-RESILIENCE-003', messageId: 'absent' }],
    },
    {
      id: 'IB-19',
      name: 'Insecure SDCard storage',
      source: README,
      static: true,
      expect: [
        {
          checkId: 'AND-STORAGE-002',
          messageId: 'shared',
          dexClass: `${PKG}DoTransfer$RequestDoTransferTask$1;`,
        },
      ],
    },
    {
      id: 'IB-20',
      name: 'Insecure HTTP connections',
      source: README,
      static: true,
      note: 'The server URL is built at run time ("http://" + ip + ":" + port), so the static signal is the platform default that permits cleartext.',
      expect: [{ checkId: 'AND-NETCFG-001', messageId: 'implicitDefault' }],
    },
    {
      id: 'IB-21',
      name: 'Parameter Manipulation',
      source: README,
      static: false,
      reason:
        'needs a running backend: the requests to the AndroLab server are intercepted and altered; the server must reject them.',
    },
    {
      id: 'IB-22',
      name: 'Hardcoded secrets',
      source: README,
      static: true,
      expect: [
        {
          checkId: 'AND-CRYPTO-005',
          messageId: 'constant',
          message: 'This is the super secret key 123',
          dexMethod: 'aes256decrypt',
        },
      ],
    },
    {
      id: 'IB-23',
      name: 'Username Enumeration issue',
      source: README,
      static: false,
      reason: 'server-side: the AndroLab server answers differently for unknown users.',
    },
    {
      id: 'IB-24',
      name: 'Developer Backdoors',
      source: README,
      static: true,
      note: 'DoLogin$RequestTask.postData posts to /devlogin when the user name is "devadmin".',
      expect: [{ checkId: 'AND-SECRET-006', dexClass: `${PKG}DoLogin$RequestTask;`, message: 'devadmin' }],
    },
    {
      id: 'IB-25',
      name: 'Weak change password implementation',
      source: README,
      static: false,
      reason:
        'server-side: the server changes the password without the current one (the exported ChangePassword activity is row IB-05).',
    },
    {
      id: 'IB-26',
      name: 'Local SQL Injection',
      source: README,
      static: true,
      note: 'Listed upstream as "working on", but the exported TrackUserContentProvider already passes the caller\'s selection to SQLite.',
      expect: [
        {
          checkId: 'AND-STORAGE-003',
          messageId: 'providerSelection',
          dexClass: `${PKG}TrackUserContentProvider;`,
          dexMethod: 'query',
        },
      ],
    },
    ...[
      'Weak Pseudo Random Implementation',
      'Path Traversal',
      'Intent based Denial-Of-Service - SMS',
      'LockScreen Bypass',
      'Location Spoofing',
      'Dead Code',
    ].map((name, i) => ({
      id: `IB-${27 + i}`,
      name,
      source: README,
      static: false as const,
      reason: NOT_IN_BUILD,
    })),
    {
      id: 'IB-33',
      name: 'v1-only signature, minSdk 15 (Janus, CVE-2017-13156)',
      source: '../shared/apks/README.md (the v1-only debug build)',
      builds: ['debug-v1'],
      static: true,
      expect: [{ checkId: 'AND-SIGN-002', messageId: 'janus' }],
    },
  ],
  silence: [
    {
      id: 'IB-P1',
      builds: ['release'],
      silent: { checkId: 'AND-MANIFEST-001' },
      fact: 'aapt dump badging: no application-debuggable in the release build',
    },
    {
      id: 'IB-P2',
      builds: ['release', 'debug-v2'],
      silent: { checkId: 'AND-SIGN-002' },
      fact: 'apksigner: verified with v1 and v2',
    },
    {
      id: 'IB-P3',
      builds: ALL,
      silent: { checkId: 'AND-SIGN-001' },
      fact: 'signers are CN=dns / CN=Dinesh Shetty / CN=dnstest, not an Android Debug certificate',
    },
    {
      id: 'IB-P4',
      builds: ALL,
      silent: { checkId: 'AND-SIGN-006' },
      fact: 'apksigner: 2048-bit RSA signing keys',
    },
    {
      id: 'IB-P5',
      builds: ALL,
      silent: { checkId: 'AND-RESILIENCE-001' },
      fact: 'PostLogin.doesSUexist / doesSuperuserApkExist check for su and Superuser.apk',
    },
    {
      id: 'IB-P6',
      builds: ['debug-v2'],
      silent: { checkId: 'AND-RESILIENCE-002' },
      fact: 'PostLogin.checkIfDeviceIsEmulator tests Build.* for "generic" / "google_sdk"',
    },
    {
      id: 'IB-P7',
      builds: ALL,
      silent: { checkId: 'AND-NET-001' },
      fact: 'no TrustManager implementation in the app package (baksmali)',
    },
    {
      id: 'IB-P8',
      builds: ALL,
      silent: { checkId: 'AND-NET-002' },
      fact: 'no HostnameVerifier in the app package (baksmali)',
    },
    {
      id: 'IB-P9',
      builds: ALL,
      silent: { checkId: 'AND-STORAGE-005' },
      fact: 'the app never calls ClipboardManager',
    },
    { id: 'IB-P10', builds: ALL, silent: { checkId: 'AND-MANIFEST-002' }, fact: 'no android:testOnly' },
  ],
};
