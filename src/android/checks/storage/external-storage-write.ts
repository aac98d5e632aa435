import { defineAndroidCheck } from '../../audit/context.js';
import { type Value } from '../../code/index.js';
import { resolveIn, viaText } from '../crypto/lib/resolve.js';
import { siteEvidence } from '../crypto/lib/sites.js';
import { appSites, shortValue } from './lib/app-code.js';
import { findIn, methodName } from './lib/values.js';

/** Writers whose first parameter is the destination (a File or a path). */
const WRITERS = [
  'Ljava/io/FileOutputStream;-><init>(Ljava/io/File;)V',
  'Ljava/io/FileOutputStream;-><init>(Ljava/io/File;Z)V',
  'Ljava/io/FileOutputStream;-><init>(Ljava/lang/String;)V',
  'Ljava/io/FileOutputStream;-><init>(Ljava/lang/String;Z)V',
  'Ljava/io/FileWriter;-><init>(Ljava/io/File;)V',
  'Ljava/io/FileWriter;-><init>(Ljava/io/File;Z)V',
  'Ljava/io/FileWriter;-><init>(Ljava/lang/String;)V',
  'Ljava/io/FileWriter;-><init>(Ljava/lang/String;Z)V',
  'Ljava/io/RandomAccessFile;-><init>(Ljava/io/File;Ljava/lang/String;)V',
  'Ljava/io/RandomAccessFile;-><init>(Ljava/lang/String;Ljava/lang/String;)V',
  'Ljava/io/PrintWriter;-><init>(Ljava/io/File;)V',
  'Ljava/io/PrintWriter;-><init>(Ljava/lang/String;)V',
];

/** Shared external storage (any app with storage permission reads it) vs the app's external directory. */
const SHARED_SOURCES = new Set(['getExternalStorageDirectory', 'getExternalStoragePublicDirectory']);
const APP_EXTERNAL_SOURCES = new Set([
  'getExternalFilesDir',
  'getExternalFilesDirs',
  'getExternalCacheDir',
  'getExternalCacheDirs',
  'getExternalMediaDirs',
]);
const SDCARD_PATH = /^(?:\/sdcard\b|\/mnt\/sdcard\b|\/storage\/(?:emulated|sdcard)|\/storage\/self\/primary)/;

type Source = { what: string; shared: boolean };

function externalSource(v: Value | undefined): Source | undefined {
  let found: Source | undefined;
  findIn(v, (x) => {
    if (x.kind === 'invoke') {
      const name = methodName(x.method);
      if (SHARED_SOURCES.has(name) && x.method.startsWith('Landroid/os/Environment;'))
        found = { what: `Environment.${name}()`, shared: true };
      else if (APP_EXTERNAL_SOURCES.has(name)) found = { what: `Context.${name}()`, shared: false };
    } else if (x.kind === 'string' && SDCARD_PATH.test(x.text))
      found = { what: JSON.stringify(x.text), shared: true };
    return found !== undefined;
  });
  return found;
}

/**
 * Files written to external storage. Shared storage (the SD card root, public directories) is
 * readable by every app holding the storage permission and by anyone with USB access; the app's
 * own external directory is too, before Android 10. Statements, receipts and tokens do not belong there.
 */
export default defineAndroidCheck({
  id: 'AND-STORAGE-002',
  name: 'external-storage-write',
  title: 'Data written to external storage',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-STORAGE-1'], cwe: [922], figi: ['FIGI-APP-T2.1', 'FIGI-APP-T2.x-local'] },
  needs: ['dex'],
  messages: {
    shared: '{api} in {where} writes to shared external storage ({source}): path {path}.',
    appExternal:
      "{api} in {where} writes to the app's external directory ({source}), readable by other apps with storage permission before Android 10: path {path}.",
  },
  remediation:
    'Keep wallet data in internal storage (Context.getFilesDir(), getNoBackupFilesDir(), or EncryptedFile from androidx.security); export receipts the user asks for through MediaStore or the Storage Access Framework, never by writing to getExternalStorageDirectory(). Remove WRITE_EXTERNAL_STORAGE.',
  run(ctx, report) {
    for (const s of appSites(ctx, WRITERS)) {
      const dest = s.values.args[1];
      // A destination passed in by the caller (a `write(file, data)` helper) is looked up one or two callers up.
      const resolved = dest ? resolveIn(ctx, s.mv, dest) : [];
      const hit = resolved.map((r) => ({ r, src: externalSource(r.value) })).find((x) => x.src);
      const src = externalSource(dest) ?? hit?.src;
      if (!src) continue;
      const via = externalSource(dest) || !hit ? '' : viaText(hit.r);
      const cls = s.call.api.slice(
        s.call.api.lastIndexOf('/', s.call.api.indexOf(';')) + 1,
        s.call.api.indexOf(';'),
      );
      report({
        messageId: src.shared ? 'shared' : 'appExternal',
        data: { api: `new ${cls}`, where: s.where, source: src.what, path: `${shortValue(dest)}${via}` },
        evidence: siteEvidence(ctx, s),
        ...(src.shared ? {} : { severity: ctx.minSdk >= 29 ? 'low' : 'medium' }),
      });
    }
  },
});
