/**
 * Recall and precision on real vulnerable apps (InsecureBankv2 ×3 builds, DVBA, Ostorlab): every
 * weakness the upstream projects document that a static audit can see must be reported by the
 * right check at the right place; the others are printed with the reason; and where an app is
 * known clean in a respect, the check must stay silent. Tables: insecurebankv2.ts, dvba.ts,
 * ostorlab.ts; the write-up: docs/recall.md.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANDROID_CHECKS } from '../../src/android/checks/index.js';
import { requireShared } from '../helpers.js';
import { DVBA } from './dvba.js';
import { INSECUREBANKV2 } from './insecurebankv2.js';
import {
  appliesTo,
  auditShared,
  describeMatcher,
  explainMiss,
  matches,
  missing,
  outOfReach,
  staticRows,
} from './match.js';
import { OSTORLAB } from './ostorlab.js';
import { KNOWN_GAPS, KNOWN_NOISE, type Gap } from './known-gaps.js';
import type { AppTable } from './types.js';

const TABLES: AppTable[] = [INSECUREBANKV2, DVBA, OSTORLAB];

const gapOf = (app: string, build: string, row: string): Gap | undefined =>
  KNOWN_GAPS.find((g) => g.app === app && g.build === build && g.row === row);

test('recall tables are well formed', () => {
  const ids = new Set<string>();
  for (const t of TABLES) {
    const builds = new Set(t.builds.map((b) => b.key));
    for (const r of [...t.rows, ...t.silence]) {
      assert.ok(!ids.has(r.id), `duplicate row id ${r.id}`);
      ids.add(r.id);
      for (const b of r.builds ?? []) assert.ok(builds.has(b), `${r.id}: unknown build ${b}`);
    }
    const matchers = [
      ...t.rows.flatMap((r) => (r.static ? r.expect.map((m) => ({ r, m })) : [])),
      ...t.silence.map((s) => ({ r: s, m: s.silent })),
    ];
    for (const { r, m } of matchers) {
      const check = ANDROID_CHECKS.find((c) => c.id === m.checkId);
      const planned = 'planned' in r ? r.planned : undefined;
      if (!check) {
        // A row may name a check that does not exist only if it says so (planned) — then it fails
        // and must be listed in KNOWN_GAPS.
        assert.ok(
          planned?.startsWith(m.checkId),
          `${r.id}: ${m.checkId} is not registered and the row is not marked planned`,
        );
        continue;
      }
      if (m.messageId !== undefined)
        assert.ok(
          Object.hasOwn(check.messages, m.messageId),
          `${r.id}: ${m.checkId} has no messageId '${m.messageId}'`,
        );
    }
  }
  for (const g of KNOWN_GAPS) {
    const t = TABLES.find((x) => x.app === g.app);
    const row = t?.rows.find((r) => r.id === g.row);
    assert.ok(
      row?.static && appliesTo(row, g.build),
      `KNOWN_GAPS entry ${g.app}/${g.build}/${g.row} names no static row of that build`,
    );
  }
  for (const n of KNOWN_NOISE) {
    const t = TABLES.find((x) => x.app === n.app);
    const row = t?.silence.find((s) => s.id === n.silence);
    assert.ok(
      row && appliesTo(row, n.build),
      `KNOWN_NOISE entry ${n.app}/${n.build}/${n.silence} names no silence row of that build`,
    );
  }
});

for (const table of TABLES) {
  for (const build of table.builds) {
    test(`recall: ${table.app} ${build.key}`, async (t) => {
      if (!requireShared(t)) return;
      const r = await auditShared(build.path);
      assert.deepEqual(r.errors, [], 'no check may throw');
      const rows = staticRows(table, build.key);
      let detected = 0;
      for (const row of rows) {
        const miss = missing(row, r.findings);
        if (!miss.length) detected++;
        const gap = gapOf(table.app, build.key, row.id);
        await t.test(`${row.id} ${row.name} → ${row.expect.map(describeMatcher).join(' + ')}`, () => {
          if (gap) {
            assert.ok(
              miss.length > 0,
              `${row.id} is now detected: remove it from KNOWN_GAPS (${gap.reason})`,
            );
            return;
          }
          assert.deepEqual(
            miss.map((m) => `${describeMatcher(m)}: ${explainMiss(m, r.findings)}`),
            [],
            `${table.app} ${build.key} ${row.id} "${row.name}" is not reported`,
          );
        });
      }
      const out = outOfReach(table, build.key);
      const pct = rows.length ? ((100 * detected) / rows.length).toFixed(0) : '–';
      t.diagnostic(
        `${table.app} ${build.key}: recall ${detected}/${rows.length} static rows (${pct}%); ${out.length} documented items out of reach of static analysis:`,
      );
      for (const o of out) t.diagnostic(`  ${o.id} ${o.name}: ${o.reason}`);
      for (const row of rows) {
        const g = gapOf(table.app, build.key, row.id);
        if (g) t.diagnostic(`  KNOWN GAP ${row.id} ${row.name}: ${g.reason}`);
      }
    });

    test(`precision: ${table.app} ${build.key} is silent where it is clean`, async (t) => {
      if (!requireShared(t)) return;
      const r = await auditShared(build.path);
      for (const s of table.silence) {
        if (!appliesTo(s, build.key)) continue;
        const noisy = r.findings.filter((f) => matches(f, s.silent));
        const known = KNOWN_NOISE.find(
          (n) => n.app === table.app && n.build === build.key && n.silence === s.id,
        );
        if (known) {
          assert.ok(noisy.length > 0, `${s.id} is now silent: remove it from KNOWN_NOISE (${known.reason})`);
          t.diagnostic(`KNOWN FALSE POSITIVE ${s.id}: ${known.reason}`);
          continue;
        }
        assert.deepEqual(
          noisy.map((f) => `${f.checkId}/${f.messageId}: ${f.message.slice(0, 120)}`),
          [],
          `${s.id}: ${describeMatcher(s.silent)} must be silent (${s.fact})`,
        );
      }
    });
  }
}
