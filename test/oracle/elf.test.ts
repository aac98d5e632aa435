/**
 * Oracle: for every lib/<abi>/*.so inside the shared APKs and the bundled demo, parseElf's facts
 * agree with `readelf -h -l -d --dyn-syms -W`: machine, type, GNU_STACK flags, GNU_RELRO,
 * BIND_NOW, TEXTREL, NEEDED, SONAME, RPATH/RUNPATH, the dynamic imports and exports, and the
 * stack protector. Identical libraries (by SHA-256) are checked once.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isDfslabError } from '../../src/core/errors.js';
import { parseElf } from '../../src/android/elf/index.js';
import type { ElfInfo } from '../../src/android/elf/index.js';
import { extractEntry, listNativeLibs, mapLimit, parseReadelf, readelf } from '../elf-helpers.js';
import { REPO_ROOT, requireShared, requireTool, sharedApks } from '../helpers.js';

type Lib = { apk: string; entry: string; bytes: Buffer; sha: string };

async function collectLibs(): Promise<Lib[]> {
  const apks = [...sharedApks().map((f) => f.abs), join(REPO_ROOT, 'samples/demo-wallet.apk')];
  const lists = await mapLimit(apks, 2, async (apk) => ({ apk, libs: await listNativeLibs(apk) }));
  const seen = new Set<string>();
  const out: Lib[] = [];
  for (const { apk, libs } of lists) {
    for (const entry of libs) {
      const bytes = await extractEntry(apk, entry);
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (seen.has(sha)) continue;
      seen.add(sha);
      out.push({ apk, entry, bytes, sha });
    }
  }
  return out;
}

function stackProtectorSymbols(names: string[]): boolean {
  return names.includes('__stack_chk_fail') || names.includes('__stack_chk_guard');
}

test('ELF facts agree with readelf for every native library in the shared APKs', async (t) => {
  if (!requireShared(t) || !requireTool(t, 'readelf') || !requireTool(t, 'unzip')) return;
  const libs = await collectLibs();
  assert.ok(libs.length >= 10, `expected at least 10 distinct libraries, found ${libs.length}`);
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-elf-oracle-'));
  let elfCount = 0;
  try {
    const results = await mapLimit(libs, 2, async (lib) => {
      const path = join(dir, `${lib.sha}.so`);
      writeFileSync(path, lib.bytes);
      return { lib, re: await readelf(path) };
    });
    for (const { lib, re } of results) {
      const where = `${lib.apk.replace(/^.*\/apks\//, '')}!${lib.entry}`;
      let info: ElfInfo | undefined;
      try {
        info = parseElf(lib.bytes);
      } catch (e) {
        if (!isDfslabError(e)) throw e;
        assert.equal(re.ok, false, `${where}: readelf accepts it but parseElf threw ${(e as Error).message}`);
        continue;
      }
      assert.ok(re.ok, `${where}: parseElf accepted a file readelf rejects`);
      elfCount++;
      const r = parseReadelf(re.out);
      assert.equal(info.machineName, r.machine, `${where}: machine`);
      assert.equal(info.type, r.type, `${where}: type`);
      assert.deepEqual(
        info.segments.map((s) => s.typeName),
        r.segmentTypes,
        `${where}: program header types`,
      );
      if (r.gnuStackFlags === undefined) assert.equal(info.stack, 'missing', `${where}: GNU_STACK`);
      else
        assert.equal(
          info.stack,
          r.gnuStackFlags.includes('E') ? 'executable' : 'nx',
          `${where}: GNU_STACK ${r.gnuStackFlags}`,
        );
      assert.equal(info.relro !== 'none', r.gnuRelro, `${where}: GNU_RELRO`);
      assert.equal(info.bindNow, r.bindNow, `${where}: BIND_NOW`);
      assert.equal(info.textrel, r.textrel, `${where}: TEXTREL`);
      assert.deepEqual(info.needed, r.needed, `${where}: NEEDED`);
      assert.equal(info.soname, r.soname, `${where}: SONAME`);
      assert.deepEqual(info.runpath, r.runpath, `${where}: RUNPATH`);
      assert.deepEqual(info.rpath, r.rpath, `${where}: RPATH`);
      assert.deepEqual(info.imports, r.imports, `${where}: imports`);
      assert.deepEqual(info.exports, r.exports, `${where}: exports`);
      assert.equal(
        info.stackProtector,
        stackProtectorSymbols([...r.imports, ...r.exports]),
        `${where}: stack protector`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(elfCount >= 10, `only ${elfCount} libraries were ELF`);
  t.diagnostic(`${libs.length} distinct libraries, ${elfCount} ELF, all agree with readelf`);
});
