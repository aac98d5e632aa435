/**
 * Oracle: the zip reader against Info-ZIP's `zipinfo -l` on every shared APK. For archives whose
 * MANIFEST zip check is 'ok', names, sizes and methods must equal zipinfo's listing and every
 * entry must inflate to its central-directory CRC. The deliberately broken ones must give a typed
 * error or anomalies, never anything else.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isDfslabError } from '../../src/core/errors.js';
import { createInflateBudget, crcMatches, inflateEntry } from '../../src/android/zip/inflate.js';
import { readZip } from '../../src/android/zip/read.js';
import { requireShared, requireTool, sharedApks } from '../helpers.js';
import {
  mapBounded,
  unzipTest,
  zipalign,
  zipalignShows,
  zipinfo,
  zipinfoMethod,
  zipinfoShows,
} from '../zip-helpers.js';

const PARALLEL = 2;
const FRAMEWORK_RES = '/usr/share/android-framework-res/framework-res.apk';

describe('zip reader vs zipinfo', () => {
  it('lists the same entries as zipinfo and every entry inflates to its CRC', async (t) => {
    if (!requireShared(t) || !requireTool(t, 'zipinfo')) return;
    const files = sharedApks()
      .filter((f) => f.zipCheck === 'ok')
      .map((f) => ({ path: f.path, abs: f.abs }));
    assert.ok(files.length > 400, `only ${files.length} ok APKs`);
    if (existsSync(FRAMEWORK_RES)) files.push({ path: 'framework-res.apk', abs: FRAMEWORK_RES });
    const problems: string[] = [];
    let entriesCompared = 0;
    const shown: string[] = [];
    await mapBounded(files, PARALLEL, async (f) => {
      const listing = await zipinfo(f.abs);
      const bytes = readFileSync(f.abs);
      const z = readZip(bytes);
      if (listing.count !== z.entries.length || listing.entries.length !== z.entries.length) {
        problems.push(
          `${f.path}: ${z.entries.length} entries, zipinfo says ${listing.count} (listed ${listing.entries.length})`,
        );
        return;
      }
      const budget = createInflateBudget();
      z.entries.forEach((e, i) => {
        const o = listing.entries[i];
        entriesCompared++;
        // zipinfo escapes control characters (^@ for NUL) and depends on the locale for others.
        if (e.name !== o.name) {
          if (zipinfoShows(e.name) !== o.name)
            problems.push(`${f.path}#${i}: name ${JSON.stringify(e.name)} vs ${JSON.stringify(o.name)}`);
          else shown.push(`${f.path}#${i}: ${JSON.stringify(e.name)} shown as ${JSON.stringify(o.name)}`);
        }
        if (e.uncompressedSize !== o.uncompressedSize)
          problems.push(`${f.path}:${e.name}: size ${e.uncompressedSize} vs ${o.uncompressedSize}`);
        const csize = e.compressedSize + ((e.flags & 1) !== 0 ? 12 : 0);
        if (csize !== o.compressedSize)
          problems.push(`${f.path}:${e.name}: compressed size ${e.compressedSize} vs ${o.compressedSize}`);
        const m = zipinfoMethod(o.method);
        if (m !== undefined ? e.method !== m : e.method === 0 || e.method === 8)
          problems.push(`${f.path}:${e.name}: method ${e.method} vs ${o.method}`);
        const data = inflateEntry(bytes, e, undefined, budget);
        if (!crcMatches(e, data)) problems.push(`${f.path}:${e.name}: CRC mismatch`);
      });
    });
    t.diagnostic(`${files.length} archives, ${entriesCompared} entries compared`);
    for (const s of shown) t.diagnostic(`control characters: ${s}`);
    assert.deepEqual(problems.slice(0, 30), []);
  });

  it('puts every entry at the data offset zipalign reports, with the same alignment verdict', async (t) => {
    if (!requireShared(t) || !requireTool(t, 'zipalign')) return;
    const files = sharedApks()
      .filter((f) => f.zipCheck === 'ok')
      .map((f) => ({ path: f.path, abs: f.abs }));
    if (existsSync(FRAMEWORK_RES)) files.push({ path: 'framework-res.apk', abs: FRAMEWORK_RES });
    const problems: string[] = [];
    let compared = 0;
    let unaligned = 0;
    await mapBounded(files, PARALLEL, async (f) => {
      const za = await zipalign(f.abs);
      const z = readZip(readFileSync(f.abs));
      if (za.entries.length !== z.entries.length) {
        problems.push(`${f.path}: ${z.entries.length} entries, zipalign lists ${za.entries.length}`);
        return;
      }
      z.entries.forEach((e, i) => {
        const o = za.entries[i];
        compared++;
        if (o.name !== zipalignShows(e.name))
          problems.push(`${f.path}#${i}: name ${JSON.stringify(e.name)} vs ${JSON.stringify(o.name)}`);
        if (o.dataOffset !== e.dataOffset)
          problems.push(`${f.path}:${e.name}: data offset ${e.dataOffset} vs ${o.dataOffset}`);
        const bad = e.method === 0 && e.dataOffset % (e.name.endsWith('.so') ? 4096 : 4) !== 0;
        if (bad) unaligned++;
        if (bad !== o.status.startsWith('BAD'))
          problems.push(`${f.path}:${e.name}: aligned=${!bad} vs zipalign ${o.status}`);
      });
      // zipalign also fails empty stored entries (directories); there is nothing to align in them.
      const expectBad = (so: boolean): boolean =>
        za.entries.some(
          (o, i) =>
            o.status.startsWith('BAD') && z.entries[i].compressedSize > 0 && o.name.endsWith('.so') === so,
        );
      const has = (code: string): boolean => z.anomalies.some((a) => a.code === code);
      if (has('unaligned-stored-entry') !== expectBad(false))
        problems.push(`${f.path}: unaligned-stored-entry disagrees with zipalign`);
      if (has('unaligned-native-library') !== expectBad(true))
        problems.push(`${f.path}: unaligned-native-library disagrees with zipalign`);
    });
    t.diagnostic(
      `${files.length} archives, ${compared} entries compared, ${unaligned} unaligned stored entries`,
    );
    assert.deepEqual(problems.slice(0, 30), []);
  });

  it('reports what unzip -t complains about (local name/method mismatch, extra bytes)', async (t) => {
    if (!requireShared(t) || !requireTool(t, 'unzip')) return;
    const problems: string[] = [];
    let complaints = 0;
    await mapBounded(sharedApks(), PARALLEL, async (f) => {
      const { out } = await unzipTest(f.abs);
      const localName = [...out.matchAll(/^(.*?):\s+mismatching "local" filename/gm)].map((m) => m[1]);
      const storedSize = [...out.matchAll(/^(.*?):\s+ucsize \d+ <> csize \d+ for STORED entry/gm)].map(
        (m) => m[1],
      );
      const extraBytes = /extra bytes at beginning or within zipfile/.test(out);
      if (localName.length + storedSize.length === 0 && !extraBytes) return;
      complaints++;
      let z;
      try {
        z = readZip(readFileSync(f.abs));
      } catch (err) {
        if (!isDfslabError(err)) problems.push(`${f.path}: ${String(err)}`);
        return;
      }
      const mismatched = (name: string, what: RegExp): boolean =>
        z.anomalies.some(
          (a) => a.code === 'local-central-mismatch' && a.file === name && what.test(a.message),
        );
      for (const n of localName)
        if (!mismatched(n, /name/)) problems.push(`${f.path}:${n}: no name mismatch reported`);
      // unzip trusts the local header's "stored" and finds sizes that cannot match.
      for (const n of storedSize)
        if (!mismatched(n, /method|size/)) problems.push(`${f.path}:${n}: no method/size mismatch reported`);
      const unreferenced = [
        'prefix-data',
        'gap-between-entries',
        'gap-before-central-directory',
        'gap-after-central-directory',
      ];
      if (extraBytes && !z.anomalies.some((a) => unreferenced.includes(a.code)))
        problems.push(`${f.path}: unzip found extra bytes, no gap reported`);
    });
    t.diagnostic(`${complaints} archives with unzip -t complaints checked`);
    assert.ok(complaints >= 3);
    assert.deepEqual(problems, []);
  });

  it('gives typed errors or anomalies for the deliberately broken archives', (t) => {
    if (!requireShared(t)) return;
    const files = sharedApks().filter((f) => f.zipCheck !== 'ok');
    assert.ok(files.length >= 4);
    for (const f of files) {
      const bytes = readFileSync(f.abs);
      let facts = 0;
      try {
        const z = readZip(bytes);
        facts += z.anomalies.length;
        for (const e of z.entries) {
          try {
            const data = inflateEntry(bytes, e, undefined, undefined, { verifyCrc: true });
            assert.ok(data.length === e.uncompressedSize);
          } catch (err) {
            assert.ok(isDfslabError(err), `${f.path}:${e.name}: ${String(err)}`);
            facts++;
          }
        }
      } catch (err) {
        assert.ok(isDfslabError(err), `${f.path}: ${String(err)}`);
        facts++;
      }
      assert.ok(facts > 0, `${f.path} (${f.zipCheck}) read cleanly with no anomaly`);
    }
  });
});
