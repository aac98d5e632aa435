import type { Severity } from '../../../../core/findings.js';

export type RiskyPermission = { messageId: string; severity: Severity };

/**
 * Permissions that matter for a mobile-money app, grouped by the message that explains the
 * risk. WRITE_EXTERNAL_STORAGE / MANAGE_EXTERNAL_STORAGE have their own check (AND-MANIFEST-013).
 */
export const RISKY_PERMISSIONS: ReadonlyMap<string, RiskyPermission> = new Map([
  ['android.permission.READ_SMS', { messageId: 'sms', severity: 'medium' }],
  ['android.permission.RECEIVE_SMS', { messageId: 'sms', severity: 'medium' }],
  ['android.permission.RECEIVE_MMS', { messageId: 'sms', severity: 'low' }],
  ['android.permission.RECEIVE_WAP_PUSH', { messageId: 'sms', severity: 'low' }],
  ['android.permission.SEND_SMS', { messageId: 'sendSms', severity: 'medium' }],
  ['android.permission.SYSTEM_ALERT_WINDOW', { messageId: 'overlay', severity: 'medium' }],
  ['android.permission.READ_CALL_LOG', { messageId: 'callLog', severity: 'medium' }],
  ['android.permission.WRITE_CALL_LOG', { messageId: 'callLog', severity: 'medium' }],
  ['android.permission.PROCESS_OUTGOING_CALLS', { messageId: 'callLog', severity: 'medium' }],
  ['android.permission.QUERY_ALL_PACKAGES', { messageId: 'queryAllPackages', severity: 'low' }],
  ['android.permission.READ_PHONE_STATE', { messageId: 'phoneState', severity: 'low' }],
  ['android.permission.READ_PHONE_NUMBERS', { messageId: 'phoneState', severity: 'low' }],
  ['android.permission.REQUEST_INSTALL_PACKAGES', { messageId: 'installPackages', severity: 'medium' }],
  ['android.permission.CALL_PHONE', { messageId: 'callPhone', severity: 'low' }],
  ['android.permission.READ_CONTACTS', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.WRITE_CONTACTS', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.GET_ACCOUNTS', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.ACCESS_FINE_LOCATION', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.ACCESS_COARSE_LOCATION', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.ACCESS_BACKGROUND_LOCATION', { messageId: 'dangerous', severity: 'low' }],
  ['android.permission.CAMERA', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.RECORD_AUDIO', { messageId: 'dangerous', severity: 'low' }],
  ['android.permission.READ_CALENDAR', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.WRITE_CALENDAR', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.BODY_SENSORS', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.READ_EXTERNAL_STORAGE', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.ADD_VOICEMAIL', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.USE_SIP', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.ANSWER_PHONE_CALLS', { messageId: 'dangerous', severity: 'low' }],
  ['android.permission.ACTIVITY_RECOGNITION', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.READ_MEDIA_IMAGES', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.READ_MEDIA_VIDEO', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.READ_MEDIA_AUDIO', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.NEARBY_WIFI_DEVICES', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.BLUETOOTH_SCAN', { messageId: 'dangerous', severity: 'info' }],
  ['android.permission.BLUETOOTH_CONNECT', { messageId: 'dangerous', severity: 'info' }],
]);

/** Services an app implements that receive powerful system bindings. */
export const BIND_PERMISSIONS: ReadonlyMap<string, RiskyPermission> = new Map([
  ['android.permission.BIND_ACCESSIBILITY_SERVICE', { messageId: 'accessibility', severity: 'medium' }],
  [
    'android.permission.BIND_NOTIFICATION_LISTENER_SERVICE',
    { messageId: 'notificationListener', severity: 'medium' },
  ],
  ['android.permission.BIND_DEVICE_ADMIN', { messageId: 'deviceAdmin', severity: 'low' }],
]);
