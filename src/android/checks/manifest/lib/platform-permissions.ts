/**
 * Platform permissions any app can hold: protectionLevel normal (granted at install) or
 * dangerous (one runtime prompt). A component "protected" by one of these is open to any app that
 * asks. Levels are Android's (lib/platform-permissions.test.ts checks them against framework-res).
 */
export const GRANTABLE_PLATFORM_PERMISSIONS: ReadonlyMap<string, 'normal' | 'dangerous'> = new Map([
  ...[
    'INTERNET',
    'ACCESS_NETWORK_STATE',
    'ACCESS_WIFI_STATE',
    'CHANGE_NETWORK_STATE',
    'CHANGE_WIFI_STATE',
    'WAKE_LOCK',
    'VIBRATE',
    'RECEIVE_BOOT_COMPLETED',
    'FOREGROUND_SERVICE',
    'USE_BIOMETRIC',
    'USE_FINGERPRINT',
    'NFC',
    'BLUETOOTH',
    'BLUETOOTH_ADMIN',
    'SET_WALLPAPER',
    'EXPAND_STATUS_BAR',
    'KILL_BACKGROUND_PROCESSES',
    'MODIFY_AUDIO_SETTINGS',
    'READ_SYNC_SETTINGS',
    'WRITE_SYNC_SETTINGS',
    'ACCESS_NOTIFICATION_POLICY',
    'REQUEST_DELETE_PACKAGES',
  ].map((n): [string, 'normal'] => [`android.permission.${n}`, 'normal']),
  ...[
    'READ_SMS',
    'RECEIVE_SMS',
    'SEND_SMS',
    'READ_CONTACTS',
    'WRITE_CONTACTS',
    'GET_ACCOUNTS',
    'READ_PHONE_STATE',
    'CALL_PHONE',
    'READ_CALL_LOG',
    'CAMERA',
    'RECORD_AUDIO',
    'ACCESS_FINE_LOCATION',
    'ACCESS_COARSE_LOCATION',
    'READ_EXTERNAL_STORAGE',
    'WRITE_EXTERNAL_STORAGE',
    'READ_CALENDAR',
  ].map((n): [string, 'dangerous'] => [`android.permission.${n}`, 'dangerous']),
]);
