/**
 * System broadcasts that only the platform may send (each is a <protected-broadcast> of the
 * framework manifest; lib/broadcasts.test.ts checks this against framework-res.apk). A receiver registered only for these cannot be triggered with that action by
 * another app, though an explicit intent with no action still reaches onReceive().
 */
export const PROTECTED_BROADCASTS: ReadonlySet<string> = new Set([
  'android.intent.action.BOOT_COMPLETED',
  'android.intent.action.LOCKED_BOOT_COMPLETED',
  'android.intent.action.MY_PACKAGE_REPLACED',
  'android.intent.action.MY_PACKAGE_SUSPENDED',
  'android.intent.action.MY_PACKAGE_UNSUSPENDED',
  'android.intent.action.PACKAGE_ADDED',
  'android.intent.action.PACKAGE_REMOVED',
  'android.intent.action.PACKAGE_REPLACED',
  'android.intent.action.PACKAGE_CHANGED',
  'android.intent.action.PACKAGE_FULLY_REMOVED',
  'android.intent.action.PACKAGE_DATA_CLEARED',
  'android.intent.action.TIMEZONE_CHANGED',
  'android.intent.action.TIME_SET',
  'android.intent.action.DATE_CHANGED',
  'android.intent.action.LOCALE_CHANGED',
  'android.intent.action.ACTION_POWER_CONNECTED',
  'android.intent.action.ACTION_POWER_DISCONNECTED',
  'android.intent.action.BATTERY_LOW',
  'android.intent.action.BATTERY_OKAY',
  'android.intent.action.BATTERY_CHANGED',
  'android.intent.action.USER_PRESENT',
  'android.intent.action.USER_UNLOCKED',
  'android.intent.action.SCREEN_ON',
  'android.intent.action.SCREEN_OFF',
  'android.intent.action.ACTION_SHUTDOWN',
  'android.intent.action.REBOOT',
  'android.intent.action.AIRPLANE_MODE',
  'android.intent.action.NEW_OUTGOING_CALL',
  'android.intent.action.PHONE_STATE',
  'android.intent.action.DEVICE_STORAGE_LOW',
  'android.intent.action.DEVICE_STORAGE_OK',
  'android.net.conn.CONNECTIVITY_CHANGE',
  'android.net.wifi.STATE_CHANGE',
  'android.net.wifi.WIFI_STATE_CHANGED',
  'android.app.action.DEVICE_ADMIN_ENABLED',
  'android.app.action.DEVICE_ADMIN_DISABLED',
  'android.app.action.DEVICE_ADMIN_DISABLE_REQUESTED',
  'android.intent.action.EXTERNAL_APPLICATIONS_AVAILABLE',
  'android.intent.action.EXTERNAL_APPLICATIONS_UNAVAILABLE',
  'android.appwidget.action.APPWIDGET_ENABLED',
  'android.appwidget.action.APPWIDGET_DISABLED',
  'android.appwidget.action.APPWIDGET_DELETED',
]);

/**
 * Broadcasts carrying an incoming SMS/MMS. Only the telephony stack holding BROADCAST_SMS should
 * send them; a receiver that does not require that permission accepts forged PDUs.
 */
export const SMS_BROADCASTS: ReadonlySet<string> = new Set([
  'android.provider.Telephony.SMS_RECEIVED',
  'android.provider.Telephony.SMS_DELIVER',
  'android.provider.Telephony.WAP_PUSH_RECEIVED',
  'android.provider.Telephony.WAP_PUSH_DELIVER',
  'android.intent.action.DATA_SMS_RECEIVED',
]);

export const BROADCAST_SMS = 'android.permission.BROADCAST_SMS';

/** Sent by the home screen to app widgets; not protected, but widget providers must be exported. */
export const APPWIDGET_UPDATE = 'android.appwidget.action.APPWIDGET_UPDATE';
