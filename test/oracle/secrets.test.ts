/**
 * Oracle for the endpoint inventory's code locations: `dexdump -d` lists every const-string with
 * its method and code-unit offset. Every such string that contains a URL must appear in
 * `endpointInventory` with that exact (class, method, offset) — and the inventory must not name a
 * code location dexdump does not show. Resource URLs are checked against `aapt dump resources --values`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Apk } from '../../src/android/apk.js';
import { AuditContext } from '../../src/android/audit/context.js';
import { endpointInventory } from '../../src/android/checks/secrets/lib/inventory.js';
import { MAX_SOURCES } from '../../src/android/checks/secrets/lib/app-scan.js';
import { extractUrls, isNamespaceUrl } from '../../src/android/secrets/index.js';
import { REPO_ROOT, SHARED_APKS, requireShared, requireTool, runTool } from '../helpers.js';

const APKS = [
  join(SHARED_APKS, 'insecurebankv2', 'InsecureBankv2-release.apk'),
  join(SHARED_APKS, 'dvba', 'dvba.apk'),
  join(SHARED_APKS, 'ostorlab', 'Ostorlab_insecure_app.apk'),
  join(SHARED_APKS, 'androguard', 'APK', 'com.teleca.jamendo_35.apk'),
  join(SHARED_APKS, 'androguard', 'APK', 'a2dp.Vol_137.apk'),
  join(REPO_ROOT, 'samples', 'demo-wallet.apk'),
];

const METHOD_HEADER = /^\s+#\d+\s+: \(in (L[^;]+;)\)$/;
const NAME = /^\s+name\s+: '(.*)'$/;
const TYPE = /^\s+type\s+: '(.*)'$/;
const CONST_STRING = /\|([0-9a-f]{4,8}): const-string(?:\/jumbo)? v\d+, "(.*)" \/\/ string@[0-9a-f]+$/;

type Site = { text: string; comparable: boolean; urls: string[] };

/** Every const-string of a dexdump -d listing: 'file|class|method|offset' → its text. */
function dexdumpSites(file: string, dump: string, out: Map<string, Site>): void {
  let cls = '';
  let name = '';
  let type = '';
  for (const line of dump.split('\n')) {
    const h = METHOD_HEADER.exec(line);
    if (h) {
      cls = h[1];
      continue;
    }
    const n = NAME.exec(line);
    if (n) {
      name = n[1];
      continue;
    }
    const ty = TYPE.exec(line);
    if (ty) {
      type = ty[1];
      continue;
    }
    const c = CONST_STRING.exec(line);
    if (!c) continue;
    const text = c[2];
    // dexdump escapes some characters; such strings cannot be compared character for character.
    const comparable = !/[\\]|[^\x20-\x7e]/.test(text);
    const urls = comparable
      ? extractUrls(text)
          .filter((u) => !isNamespaceUrl(u))
          .map((u) => u.url)
      : [];
    out.set(`${file}|${cls}|${name}${type}|${parseInt(c[1], 16)}`, { text, comparable, urls });
  }
}

test('endpoint inventory code locations match dexdump const-strings', (t) => {
  if (!requireShared(t) || !requireTool(t, 'dexdump')) return;
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-secrets-'));
  try {
    let compared = 0;
    for (const path of APKS) {
      const name = path.split('/').pop() ?? path;
      const apk = Apk.open(new Uint8Array(readFileSync(path)));
      const ctx = new AuditContext(apk);
      const inventory = endpointInventory(ctx);
      const ours = new Map<string, string>(); // site → URL
      const truncated = new Set<string>();
      for (const e of inventory) {
        if (e.sources.length >= MAX_SOURCES) truncated.add(e.url);
        for (const s of e.sources) {
          if (
            !s.file.endsWith('.dex') ||
            !s.class ||
            !s.method ||
            s.method.startsWith('static field') ||
            s.offset === undefined
          )
            continue;
          ours.set(`${s.file}|${s.class}|${s.method}|${s.offset}`, e.url);
        }
      }
      const sites = new Map<string, Site>();
      for (const d of ctx.dex) {
        const f = join(dir, d.file);
        writeFileSync(f, apk.entry(d.file) ?? new Uint8Array());
        const r = runTool('dexdump', ['-d', f]);
        assert.equal(r.status, 0, r.err);
        dexdumpSites(d.file, r.out, sites);
      }
      // Every code location we name is a const-string, and its text contains the URL.
      for (const [site, url] of ours) {
        const s = sites.get(site);
        assert.ok(s, `${name}: ${site} is not a const-string in dexdump`);
        if (s.comparable)
          assert.ok(
            s.text.includes(url.replace(/…[^)]*\)/, '')) || s.urls.length > 0,
            `${name}: ${site} "${s.text}" has no ${url}`,
          );
      }
      // Every comparable const-string with a URL is in the inventory (unless that URL's list was cut).
      for (const [site, s] of sites) {
        if (!s.comparable || s.urls.length === 0) continue;
        compared++;
        if (ours.has(site) || s.urls.some((u) => truncated.has(u))) continue;
        assert.fail(`${name}: ${site} loads "${s.text}" but the inventory does not list it`);
      }
      t.diagnostic(
        `${name}: ${ours.size} code sources in the inventory, ${[...sites.values()].filter((s) => s.urls.length).length} URL const-strings in dexdump`,
      );
    }
    assert.ok(compared > 20, `only ${compared} URL const-strings compared`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const AAPT_CONFIG = /^\s+config (.*):$/;
const AAPT_RESOURCE = /^\s+resource 0x[0-9a-f]+ [^:]+:([^:]+): t=0x03 /;
const AAPT_STRING = /^\s+\(string(?:8|16)\) "(.*)"$/;

test('endpoint inventory resource URLs match aapt dump resources --values', (t) => {
  if (!requireShared(t) || !requireTool(t, 'aapt')) return;
  let compared = 0;
  for (const path of APKS) {
    const name = path.split('/').pop() ?? path;
    const r = runTool('aapt', ['dump', '--values', 'resources', path]);
    if (r.status !== 0) continue;
    const theirs = new Set<string>();
    let config = '';
    let res = '';
    for (const line of r.out.split('\n')) {
      const c = AAPT_CONFIG.exec(line);
      if (c) config = c[1] === '(default)' ? 'default' : c[1];
      const e = AAPT_RESOURCE.exec(line);
      if (e) {
        res = e[1];
        continue;
      }
      const v = AAPT_STRING.exec(line);
      if (v && res) {
        if (!/[\\]|[^\x20-\x7e]/.test(v[1])) {
          for (const u of extractUrls(v[1])) if (!isNamespaceUrl(u)) theirs.add(`${res}|${config}|${u.url}`);
        }
        res = '';
      }
    }
    const ctx = new AuditContext(Apk.open(new Uint8Array(readFileSync(path))));
    const ours = new Set<string>();
    for (const e of endpointInventory(ctx)) {
      for (const s of e.sources) if (s.resource && e.scheme) ours.add(`${s.resource}|${s.config}|${e.url}`);
    }
    compared += theirs.size;
    assert.deepEqual(
      [...theirs].filter((x) => !ours.has(x)),
      [],
      `${name}: URLs aapt shows that the inventory lacks`,
    );
    assert.deepEqual(
      [...ours].filter((x) => !theirs.has(x)),
      [],
      `${name}: inventory resource URLs aapt does not show`,
    );
    t.diagnostic(`${name}: ${theirs.size} resource URLs`);
  }
  assert.ok(compared >= 2, `only ${compared} resource URLs compared`);
});
