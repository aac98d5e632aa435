import { isDfslabError } from '../../../core/errors.js';
import { defineAndroidCheck } from '../../audit/context.js';
import type { ZipEntry } from '../../zip/index.js';

const DEX_MAGIC = [0x64, 0x65, 0x78, 0x0a]; // "dex\n"
const LOADED_NAME = /^classes\d*\.dex$/;

function isDex(data: Uint8Array): boolean {
  return DEX_MAGIC.every((b, i) => data[i] === b);
}

/**
 * DEX files the runtime does not load at install: assets/*.dex, or classesN.dex outside the
 * classes.dex, classes2.dex, … sequence. They only run if the app loads them itself
 * (DexClassLoader), so they escape install-time review: payloads, hot patches, packers.
 */
export default defineAndroidCheck({
  id: 'AND-PKG-006',
  name: 'unloaded-dex',
  title: 'APK contains DEX code the runtime does not load',
  severity: 'low',
  confidence: 'high',
  refs: { masvs: ['MASVS-CODE-4', 'MASVS-RESILIENCE-2'], cwe: [494], figi: [] },
  needs: ['zip'],
  messages: {
    asset:
      '{name} ({size} bytes) is a DEX file the runtime does not load by itself: the app (or an SDK) loads it at run time, outside the code reviewed here. Review it, and check how it is loaded (AND-PLATFORM dynamic code loading).',
    gap: '{name} ({size} bytes) is named like a multidex file but is outside the classes.dex, classes2.dex, … sequence, so Android never loads it; it is either dead weight or a payload loaded by hand.',
  },
  remediation:
    "Ship code as regular multidex (classes.dex, classes2.dex, …) so it is signed, reviewed and optimised at install. If a DEX must be loaded at run time, load it from the app's private storage with a verified hash, never from writable storage, and document why.",
  run(ctx, report) {
    for (const e of ctx.apk.otherDexEntries as ZipEntry[]) {
      let data: Uint8Array;
      try {
        data = ctx.apk.entryData(e);
      } catch (err) {
        if (!isDfslabError(err)) throw err;
        continue; // unreadable entry (bad data, over the limits): nothing to inspect
      }
      if (!isDex(data)) continue;
      const name = JSON.stringify(e.name);
      const version = String.fromCharCode(data[4] ?? 0x3f, data[5] ?? 0x3f, data[6] ?? 0x3f);
      report({
        messageId: LOADED_NAME.test(e.name) ? 'gap' : 'asset',
        data: { name, size: e.uncompressedSize },
        evidence: {
          kind: 'file',
          file: e.name,
          byteOffset: 0,
          length: e.uncompressedSize,
          snippet: `DEX header "dex\\n${version}"`,
        },
      });
    }
  },
});
