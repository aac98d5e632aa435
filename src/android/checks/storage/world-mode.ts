import { defineAndroidCheck } from '../../audit/context.js';
import { constantText, possibleInts } from '../../code/index.js';
import { argInts } from '../crypto/lib/resolve.js';
import { siteEvidence } from '../crypto/lib/sites.js';
import { appSites, methodsNamed, shortValue } from './lib/app-code.js';

const MODE_WORLD_READABLE = 1;
const MODE_WORLD_WRITEABLE = 2;

/** Context methods taking (name, mode); the mode is argument 2 (receiver first). */
const MODE_APIS: readonly [string, string][] = [
  ['openFileOutput', '(Ljava/lang/String;I)'],
  ['getSharedPreferences', '(Ljava/lang/String;I)'],
  ['getDir', '(Ljava/lang/String;I)'],
  ['openOrCreateDatabase', '(Ljava/lang/String;I'],
];
const FILE_SET_READABLE = 'Ljava/io/File;->setReadable(ZZ)Z';
const FILE_SET_WRITABLE = 'Ljava/io/File;->setWritable(ZZ)Z';

function modeName(mode: number): string {
  const parts: string[] = [];
  if (mode & MODE_WORLD_READABLE) parts.push('MODE_WORLD_READABLE');
  if (mode & MODE_WORLD_WRITEABLE) parts.push('MODE_WORLD_WRITEABLE');
  return parts.join(' | ');
}

/**
 * Files, preferences, directories and databases created with MODE_WORLD_READABLE /
 * MODE_WORLD_WRITEABLE (or a File made readable/writable by everyone): any app on the phone can
 * read the wallet's tokens and balances, or plant values the app trusts.
 */
export default defineAndroidCheck({
  id: 'AND-STORAGE-001',
  name: 'world-accessible-files',
  title: 'File or preferences created world-readable or world-writable',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-STORAGE-1'], cwe: [276, 732], figi: ['FIGI-APP-T2.x-local'] },
  needs: ['dex'],
  messages: {
    mode: '{api}({name}, {mode}) in {where}: the mode is {modeName}, so every app on the device can {access} it.',
    file: 'File.{api}(true, false) in {where} on {file}: ownerOnly=false makes the file {access} by every app.',
  },
  remediation:
    'Create every file, preference, directory and database with Context.MODE_PRIVATE (0). Share data with other apps only through a ContentProvider protected by a signature permission, or FileProvider with per-URI grants. Since API 24 world modes throw a SecurityException, so also raise targetSdkVersion; delete existing world-readable files on upgrade.',
  run(ctx, report) {
    const apis = MODE_APIS.flatMap(([n, p]) => methodsNamed(ctx, n, p));
    for (const s of appSites(ctx, apis)) {
      const v = s.values.args[2];
      // A mode passed in by the caller (a `prefs(name, mode)` helper) is looked up one or two callers up.
      const ints = (v ? possibleInts(v) : undefined) ?? argInts(ctx, s, 2)?.map((r) => r.value);
      if (!ints) continue;
      const bad = ints.map(Number).filter((m) => (m & (MODE_WORLD_READABLE | MODE_WORLD_WRITEABLE)) !== 0);
      if (bad.length === 0) continue;
      const mode = bad.reduce((a, b) => a | b, 0);
      const api = s.call.api.slice(s.call.api.indexOf('->') + 2, s.call.api.indexOf('('));
      const name = s.values.args[1];
      const nameText = name ? constantText(name) : undefined;
      report({
        messageId: 'mode',
        data: {
          api,
          name: nameText !== undefined ? JSON.stringify(nameText) : shortValue(name),
          mode: bad.join(' or '),
          modeName: modeName(mode),
          access:
            mode & MODE_WORLD_WRITEABLE
              ? mode & MODE_WORLD_READABLE
                ? 'read and overwrite'
                : 'overwrite'
              : 'read',
          where: s.where,
        },
        evidence: siteEvidence(ctx, s),
      });
    }
    for (const s of appSites(ctx, [FILE_SET_READABLE, FILE_SET_WRITABLE])) {
      const on = s.values.args[1] ? possibleInts(s.values.args[1]) : undefined;
      const ownerOnly = s.values.args[2] ? possibleInts(s.values.args[2]) : undefined;
      if (!on || !ownerOnly || !on.every((x) => Number(x) === 1) || !ownerOnly.includes(0)) continue;
      const readable = s.call.api === FILE_SET_READABLE;
      report({
        messageId: 'file',
        data: {
          api: readable ? 'setReadable' : 'setWritable',
          where: s.where,
          file: shortValue(s.values.args[0]),
          access: readable ? 'readable' : 'writable',
        },
        evidence: siteEvidence(ctx, s),
        severity: readable ? 'medium' : 'high',
      });
    }
  },
});
