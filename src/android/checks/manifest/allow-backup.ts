import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import { valueOf } from './lib/util.js';

/** targetSdk from which allowBackup="false" no longer stops device-to-device transfer (Android 12). */
const ANDROID_12 = 31;

/**
 * Backup of a wallet's private data (FIGI T1.1). android:allowBackup defaults to true; with no
 * fullBackupContent / dataExtractionRules every file, database and shared preference is copied
 * by `adb backup` (until Android 12), to the user's cloud backup and in device-to-device transfer.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-003',
  name: 'allow-backup',
  title: 'Application data can be backed up',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-STORAGE-2'], cwe: [530], figi: ['FIGI-APP-T1.1'] },
  needs: ['manifest'],
  messages: {
    explicit:
      '<application> sets android:allowBackup="true" and declares neither fullBackupContent nor dataExtractionRules: the whole private data directory (tokens, databases, preferences) is copied by backup and device transfer.',
    implicit:
      '<application> has no android:allowBackup, so Android uses its default (true), and declares neither fullBackupContent nor dataExtractionRules: the whole private data directory is copied by backup and device transfer.',
    withRules:
      'Backup is enabled (android:allowBackup {how}) but limited by {rules}: check that the rules exclude tokens, keys, PIN material and transaction databases.',
    rulesPre12Only:
      'Backup is enabled (android:allowBackup {how}) and only android:fullBackupContent limits it; the app targets API {target}, so on Android 12+ device-to-device transfer ignores those rules unless android:dataExtractionRules is also set.',
    d2dStillOn:
      'android:allowBackup="false" with targetSdkVersion {target} (Android 12+ behaviour): cloud backup is off, but device-to-device transfer still copies the app data unless android:dataExtractionRules excludes it.',
  },
  remediation:
    'Set android:allowBackup="false" on <application>. If backup is a product requirement, add android:dataExtractionRules (Android 12+) and android:fullBackupContent (Android 6-11) that exclude every file holding credentials, tokens, keys and transaction data. Apps targeting API 31+ that must not move data to a new phone also need dataExtractionRules with <device-transfer> exclusions.',
  run(ctx, report) {
    const app = ctx.manifest?.application;
    if (!app) return;
    const attr = app.allowBackup;
    const value = attr ? valueOf(attr) : true;
    const target = ctx.targetSdk;
    const fbc = app.fullBackupContent;
    const der = app.dataExtractionRules;
    const evidence = attr ? manifestEvidence(attr) : manifestEvidence(app.at, 'android:allowBackup');
    if (value === false) {
      if (target >= ANDROID_12 && !der)
        report({ messageId: 'd2dStillOn', data: { target }, evidence, severity: 'info' });
      return;
    }
    if (value === undefined) return; // unresolved reference: cannot tell
    const how = attr ? '="true"' : 'absent, default true';
    if (!fbc && !der) {
      report({ messageId: attr ? 'explicit' : 'implicit', evidence });
      return;
    }
    const rulesEv = [der, fbc].filter((x) => x !== undefined).map((x) => manifestEvidence(x));
    if (!der && target >= ANDROID_12) {
      report({
        messageId: 'rulesPre12Only',
        data: { how, target },
        evidence: [evidence, ...rulesEv],
        severity: 'low',
      });
      return;
    }
    const rules = [der ? 'android:dataExtractionRules' : '', fbc ? 'android:fullBackupContent' : '']
      .filter(Boolean)
      .join(' and ');
    report({
      messageId: 'withRules',
      data: { how, rules },
      evidence: [evidence, ...rulesEv],
      severity: 'low',
      confidence: 'medium',
    });
  },
});
