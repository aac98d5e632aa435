import { defineAndroidCheck } from '../../audit/context.js';
import { alternatives, constantText, type Value } from '../../code/index.js';
import { resolveIn, viaText } from '../crypto/lib/resolve.js';
import { siteEvidence } from '../crypto/lib/sites.js';
import { appSites, shortValue } from '../storage/lib/app-code.js';
import { findIn, methodName } from '../storage/lib/values.js';

/** Loaders → index of the code path among the arguments (receiver first); -1: code from memory. */
const LOADERS: Record<string, number> = {
  'Ldalvik/system/DexClassLoader;-><init>(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/ClassLoader;)V': 1,
  'Ldalvik/system/PathClassLoader;-><init>(Ljava/lang/String;Ljava/lang/ClassLoader;)V': 1,
  'Ldalvik/system/PathClassLoader;-><init>(Ljava/lang/String;Ljava/lang/String;Ljava/lang/ClassLoader;)V': 1,
  'Ldalvik/system/DexFile;->loadDex(Ljava/lang/String;Ljava/lang/String;I)Ldalvik/system/DexFile;': 0,
  'Ldalvik/system/DexFile;-><init>(Ljava/lang/String;)V': 1,
  'Ldalvik/system/InMemoryDexClassLoader;-><init>(Ljava/nio/ByteBuffer;Ljava/lang/ClassLoader;)V': -1,
  'Ldalvik/system/InMemoryDexClassLoader;-><init>([Ljava/nio/ByteBuffer;Ljava/lang/ClassLoader;)V': -1,
  'Ldalvik/system/InMemoryDexClassLoader;-><init>([Ljava/nio/ByteBuffer;Ljava/lang/String;Ljava/lang/ClassLoader;)V':
    -1,
};
const EXTERNAL_CALLS = new Set([
  'getExternalStorageDirectory',
  'getExternalStoragePublicDirectory',
  'getExternalFilesDir',
  'getExternalCacheDir',
  'getExternalFilesDirs',
]);
const EXTERNAL_PATH = /^(?:\/sdcard|\/mnt\/sdcard|\/storage\/|\/data\/local\/tmp)/;
const DOWNLOAD = /^https?:\/\//;

type Origin = { where: 'external' | 'download' | 'other'; what: string };

function origin(v: Value | undefined): Origin {
  let o: Origin = { where: 'other', what: shortValue(v) };
  findIn(v, (x) => {
    if (x.kind === 'invoke' && EXTERNAL_CALLS.has(methodName(x.method)))
      o = { where: 'external', what: `${methodName(x.method)}()` };
    else if (x.kind === 'string' && EXTERNAL_PATH.test(x.text))
      o = { where: 'external', what: JSON.stringify(x.text) };
    else if (x.kind === 'string' && DOWNLOAD.test(x.text))
      o = { where: 'download', what: JSON.stringify(x.text) };
    return o.where !== 'other';
  });
  return o;
}

function loaderName(api: string): string {
  const cls = api.slice(api.lastIndexOf('/', api.indexOf(';')) + 1, api.indexOf(';'));
  const name = api.slice(api.indexOf('->') + 2, api.indexOf('('));
  return name === '<init>' ? `new ${cls}` : `${cls}.${name}`;
}

/**
 * Code loaded at run time with DexClassLoader / PathClassLoader / InMemoryDexClassLoader: code
 * the store never reviewed runs with the wallet's permissions, and when it is read from shared
 * storage or downloaded, whoever can replace the file controls the app.
 */
export default defineAndroidCheck({
  id: 'AND-PLATFORM-001',
  name: 'dynamic-code-loading',
  title: 'Code loaded dynamically at run time',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-4', 'MASVS-PLATFORM-1'], cwe: [94, 829], figi: [] },
  needs: ['dex'],
  messages: {
    external:
      '{loader} in {where} loads code from external storage ({origin}): any app with storage access can replace it. Path: {path}.',
    download: '{loader} in {where} loads code fetched from {origin}. Path: {path}.',
    path: '{loader} in {where} loads code from {path}.',
    memory: '{loader} in {where} loads DEX code from memory ({source}).',
  },
  remediation:
    'Ship all code in the APK (or as Play Feature Delivery modules, which the store signs). If code must be loaded, keep it in internal storage (getCodeCacheDir()), verify a signature over it with a key pinned in the app before loading, and never load from external storage or a URL. Android 14 requires dynamically loaded files to be read-only.',
  run(ctx, report) {
    for (const s of appSites(ctx, Object.keys(LOADERS))) {
      const at = LOADERS[s.call.api];
      const loader = loaderName(s.call.api);
      if (at < 0) {
        report({
          messageId: 'memory',
          data: { loader, where: s.where, source: shortValue(s.values.args[1]) },
          evidence: siteEvidence(ctx, s),
        });
        continue;
      }
      const pathV = s.values.args[at];
      // A path passed in by the caller (a loader helper) is looked up one or two callers up.
      let o = origin(pathV);
      let via = '';
      if (o.where === 'other' && pathV) {
        for (const r of resolveIn(ctx, s.mv, pathV)) {
          const ro = origin(r.value);
          if (ro.where === 'other') continue;
          o = ro;
          via = viaText(r);
          break;
        }
      }
      const text = pathV ? constantText(pathV) : undefined;
      const path = `${text !== undefined ? JSON.stringify(text) : shortValue(pathV)}${via}`;
      if (o.where === 'external')
        report({
          messageId: 'external',
          data: { loader, where: s.where, origin: o.what, path },
          evidence: siteEvidence(ctx, s),
          severity: 'high',
        });
      else if (o.where === 'download')
        report({
          messageId: 'download',
          data: { loader, where: s.where, origin: o.what, path },
          evidence: siteEvidence(ctx, s),
          severity: 'high',
        });
      // A path passed in from elsewhere (a loader wrapper) is not traced: reported lower.
      else
        report({
          messageId: 'path',
          data: { loader, where: s.where, path },
          evidence: siteEvidence(ctx, s),
          ...(pathV && alternatives(pathV).some((a) => a.kind === 'param')
            ? { severity: 'low' as const }
            : {}),
        });
    }
  },
});
