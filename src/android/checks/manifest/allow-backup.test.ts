import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './allow-backup.js';

const RULES = {
  'xml/backup_rules.xml':
    '<?xml version="1.0" encoding="utf-8"?>\n<full-backup-content>\n  <exclude domain="sharedpref" path="wallet_prefs.xml"/>\n</full-backup-content>\n',
};

test('AND-MANIFEST-003 allow-backup', async (t) => {
  const [explicit, absent, rules30, rules33, off33, off30] = await auditFixtures(t, check, [
    { appAttrs: 'android:allowBackup="true"', targetSdk: 30 },
    { targetSdk: 30 },
    {
      appAttrs: 'android:allowBackup="true" android:fullBackupContent="@xml/backup_rules"',
      targetSdk: 30,
      res: RULES,
    },
    {
      appAttrs: 'android:allowBackup="true" android:fullBackupContent="@xml/backup_rules"',
      targetSdk: 33,
      res: RULES,
    },
    { appAttrs: 'android:allowBackup="false"', targetSdk: 33 },
    { appAttrs: 'android:allowBackup="false"', targetSdk: 30 },
  ]);
  if (!explicit) return;
  const e = findingsOf(explicit, check.id);
  assert.equal(e.length, 1);
  assert.equal(e[0].messageId, 'explicit');
  assert.equal(e[0].severity, 'medium');
  const ev = e[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.element === 'manifest/application[1]' &&
      ev.attribute === 'android:allowBackup' &&
      ev.value === 'true' &&
      (ev.byteOffset ?? 0) > 0,
  );

  const a = findingsOf(absent, check.id);
  assert.equal(a.length, 1);
  assert.equal(a[0].messageId, 'implicit');
  assert.ok(
    a[0].evidence[0].kind === 'manifest' &&
      a[0].evidence[0].attribute === 'android:allowBackup' &&
      a[0].evidence[0].value === undefined,
  );

  const r30 = findingsOf(rules30, check.id);
  assert.equal(r30.length, 1);
  assert.equal(r30[0].messageId, 'withRules');
  assert.equal(r30[0].severity, 'low');
  assert.match(r30[0].message, /android:fullBackupContent/);
  assert.ok(
    r30[0].evidence.some((x) => x.kind === 'manifest' && x.attribute === 'android:fullBackupContent'),
  );

  const r33 = findingsOf(rules33, check.id);
  assert.equal(r33.length, 1);
  assert.equal(r33[0].messageId, 'rulesPre12Only');
  assert.equal(r33[0].severity, 'low');

  const o33 = findingsOf(off33, check.id);
  assert.equal(o33.length, 1);
  assert.equal(o33[0].messageId, 'd2dStillOn');
  assert.equal(findingsOf(off30, check.id).length, 0);
});
