import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './backup-agent.js';

test('AND-MANIFEST-016 backup-agent', async (t) => {
  const [pos, off, none] = await auditFixtures(t, check, [
    { appAttrs: 'android:backupAgent=".WalletBackup"' },
    { appAttrs: 'android:backupAgent=".WalletBackup" android:allowBackup="false"' },
    {},
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'agent');
  assert.match(f[0].message, /org\.dfslab\.fixture\.WalletBackup/);
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.element === 'manifest/application[1]' &&
      ev.attribute === 'android:backupAgent' &&
      (ev.byteOffset ?? 0) > 0,
  );
  assert.equal(findingsOf(off, check.id).length, 0);
  assert.equal(findingsOf(none, check.id).length, 0);
});
