import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import { BIND_PERMISSIONS, RISKY_PERMISSIONS } from './lib/permissions.js';
import { shortName, valueOf } from './lib/util.js';

/**
 * Permissions (and system bindings) that widen what a compromised or malicious build of the app
 * can do, or that malware abuses against mobile-money users (FIGI T1.4). Each is listed with
 * why it matters; whether the feature justifies it is for the reviewer.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-012',
  name: 'risky-permissions',
  title: 'Sensitive permission requested',
  severity: 'low',
  confidence: 'high',
  refs: { masvs: ['MASVS-PRIVACY-1', 'MASVS-PLATFORM-1'], cwe: [250], figi: ['FIGI-APP-T1.4'] },
  needs: ['manifest'],
  messages: {
    sms: 'The app requests {permission}: it can read incoming SMS, including one-time passwords and payment confirmations of this and other services; keep SMS access out of the wallet (use the SMS User Consent or SMS Retriever API).',
    sendSms:
      'The app requests {permission}: it can send SMS (including premium-rate or USSD-triggering messages) without user interaction.',
    overlay:
      'The app requests {permission}: it can draw over other apps, the permission overlay and tapjacking attacks use.',
    callLog:
      'The app requests {permission}: it can read the call history or see and redirect outgoing calls (USSD codes such as *xxx# included).',
    queryAllPackages:
      'The app requests {permission}: it can list every installed app; Google Play restricts it to apps whose core feature needs it (use <queries> instead).',
    phoneState:
      'The app requests {permission}: it can read the phone number, SIM and network identifiers; if used to bind the account to a device, prefer an app-generated key in the Android Keystore.',
    installPackages:
      'The app requests {permission}: it can prompt the user to install other APKs, a sideloading path malware abuses; a wallet should never need it.',
    callPhone:
      'The app requests {permission}: it can place calls without the dialer, including USSD codes (*xxx#) that move money on many networks.',
    dangerous:
      'The app requests the dangerous permission {permission}: check that a wallet feature needs it (FIGI T1.4).',
    accessibility:
      'Service {name} is an accessibility service (android:permission="{permission}"): once enabled it reads and acts on the screen of every app; Google Play restricts this to accessibility tools.',
    notificationListener:
      'Service {name} is a notification listener ({permission}): once enabled it reads every notification, including OTPs of other apps.',
    deviceAdmin:
      'Receiver {name} is a device administrator ({permission}): once activated it can lock or wipe the device and resists uninstall.',
  },
  remediation:
    'Remove every permission the wallet does not need for a shipped feature: read OTPs with the SMS Retriever / SMS User Consent API instead of READ_SMS/RECEIVE_SMS, use <queries> instead of QUERY_ALL_PACKAGES, dial USSD through the dialer (ACTION_DIAL) instead of CALL_PHONE, and drop SYSTEM_ALERT_WINDOW and REQUEST_INSTALL_PACKAGES. Document the reason for each dangerous permission that remains.',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m) return;
    const seen = new Set<string>();
    for (const up of m.usesPermissions) {
      const risk = RISKY_PERMISSIONS.get(up.name);
      if (!risk || seen.has(up.name)) continue;
      const max = valueOf(up.maxSdkVersion);
      if (max !== undefined && max < ctx.minSdk) continue; // never granted on any supported device
      seen.add(up.name);
      report({
        messageId: risk.messageId,
        data: { permission: up.name, name: '' },
        evidence: up.nameAttr ? manifestEvidence(up.nameAttr) : manifestEvidence(up.at),
        severity: risk.severity,
      });
    }
    for (const c of m.components) {
      const p = valueOf(c.permission);
      const risk = p ? BIND_PERMISSIONS.get(p) : undefined;
      if (!risk || !p || !c.permission) continue;
      report({
        messageId: risk.messageId,
        data: { permission: p, name: shortName(m, c) },
        evidence: manifestEvidence(c.permission),
        severity: risk.severity,
      });
    }
  },
});
