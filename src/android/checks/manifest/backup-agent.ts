import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import { valueOf } from './lib/util.js';

/**
 * A custom android:backupAgent decides in code what goes into backups (key/value backup, or
 * full backup with onFullBackup overrides): the manifest cannot show what is copied.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-016',
  name: 'backup-agent',
  title: 'Custom backup agent decides what is backed up',
  severity: 'info',
  confidence: 'medium',
  refs: { masvs: ['MASVS-STORAGE-2'], cwe: [530], figi: ['FIGI-APP-T1.1'] },
  needs: ['manifest'],
  messages: {
    agent:
      '<application> names the backup agent {agent} with backup enabled{mode}: review its onBackup/onFullBackup code to see which files, preferences and databases it copies.',
  },
  remediation:
    'Review the BackupAgent: back up only what the user needs on a new phone (settings, not credentials, tokens, keys or cached transactions), or set android:allowBackup="false".',
  run(ctx, report) {
    const app = ctx.manifest?.application;
    const agent = app?.backupAgent;
    const name = valueOf(agent);
    if (!app || !agent || !name) return;
    if (valueOf(app.allowBackup) === false) return; // the agent never runs
    report({
      messageId: 'agent',
      data: { agent: name, mode: app.allowBackup ? '' : ' (android:allowBackup absent, default true)' },
      evidence: manifestEvidence(agent),
    });
  },
});
