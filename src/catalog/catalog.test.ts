import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import {
  CWE_ENTRIES,
  FIGI_APP_TESTS,
  FIGI_USSD_TESTS,
  MASVS_CONTROLS,
  MASVS_GROUPS,
  MOBILE_TOP10_2016,
  MOBILE_TOP10_2024,
  SAF_BEST_PRACTICES,
  SAF_CONTROLS,
  SAF_THREATS,
  SECURITY_DIMENSIONS,
  catalogSource,
  catalogSources,
  cweName,
  cweNumber,
  masvsControl,
  mobileTop10,
  resolveRef,
  staticBaselineStatus,
  validateRefs,
} from './index.js';
import type { SourceRef } from './index.js';
import * as S from './schema.js';

const here = import.meta.dirname;

/** Parses every row; returns the failures as 'index: message' lines (so one assert shows all). */
function parseAll<T>(schema: z.ZodType<T>, rows: readonly unknown[]): string[] {
  const bad: string[] = [];
  rows.forEach((row, i) => {
    const r = schema.safeParse(row);
    if (!r.success)
      bad.push(`${i}: ${r.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
  });
  return bad;
}

function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

const ARRAYS: ReadonlyArray<[string, z.ZodType<unknown>, readonly { id: string | number }[]]> = [
  ['catalogSources', S.CatalogSourceSchema, catalogSources],
  ['MASVS_GROUPS', S.MasvsGroupSchema, MASVS_GROUPS],
  ['MASVS_CONTROLS', S.MasvsControlSchema, MASVS_CONTROLS],
  ['CWE_ENTRIES', S.CweEntrySchema, CWE_ENTRIES],
  ['MOBILE_TOP10_2016', S.MobileTop10EntrySchema, MOBILE_TOP10_2016],
  ['MOBILE_TOP10_2024', S.MobileTop10EntrySchema, MOBILE_TOP10_2024],
  ['FIGI_APP_TESTS', S.FigiAppTestSchema, FIGI_APP_TESTS],
  ['FIGI_USSD_TESTS', S.FigiUssdTestSchema, FIGI_USSD_TESTS],
  ['SECURITY_DIMENSIONS', S.SecurityDimensionSchema, SECURITY_DIMENSIONS],
  ['SAF_THREATS', S.SafThreatSchema, SAF_THREATS],
  ['SAF_BEST_PRACTICES', S.SafBestPracticeSchema, SAF_BEST_PRACTICES],
  ['SAF_CONTROLS', S.SafControlSchema, SAF_CONTROLS],
];

/** Every string value anywhere inside `v`, with its path. */
function strings(v: unknown, path: string, out: Array<[string, string]>): Array<[string, string]> {
  if (typeof v === 'string') out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) strings(x, `${path}.${k}`, out);
  return out;
}

describe('catalogue arrays', () => {
  for (const [name, schema, rows] of ARRAYS) {
    it(`${name}: every row parses, ids are unique, no text is empty`, () => {
      assert.ok(rows.length > 0, 'array is empty');
      assert.deepEqual(parseAll(schema, rows), []);
      assert.deepEqual(duplicates(rows.map((r) => r.id)), []);
      const empty = strings(rows, name, []).filter(([, s]) => s.trim() === '');
      assert.deepEqual(empty, []);
    });
  }

  it('the schemas reject broken rows (they can fail)', () => {
    const t = FIGI_APP_TESTS[0];
    assert.equal(S.FigiAppTestSchema.safeParse({ ...t, staticDecidable: !t.staticDecidable }).success, false);
    assert.equal(S.FigiAppTestSchema.safeParse({ ...t, title: '  ' }).success, false);
    assert.equal(S.FigiAppTestSchema.safeParse({ ...t, masvs: ['MASVS-NET-1'] }).success, false);
    assert.equal(S.FigiAppTestSchema.safeParse({ ...t, id: 'FIGI-APP-T1.9' }).success, false);
    assert.equal(S.FigiAppTestSchema.safeParse({ ...t, extra: 1 }).success, false);
    assert.equal(S.FigiAppTestSchema.safeParse({ ...t, number: null, confirmed: true }).success, false);
    assert.equal(S.MasvsControlSchema.safeParse({ ...MASVS_CONTROLS[0], area: 'CODE' }).success, false);
    assert.equal(S.SafControlSchema.safeParse({ ...SAF_CONTROLS[0], threats: [] }).success, false);
    assert.equal(S.SourceRefSchema.safeParse({ source: 'NOPE' }).success, false);
    assert.equal(
      S.CatalogSourceSchema.safeParse({ ...catalogSources[0], urls: ['http://x.org/'] }).success,
      false,
    );
  });
});

describe('cross-references', () => {
  it('every source ref names a catalogued source', () => {
    const refs: Array<[string, SourceRef]> = [];
    for (const [name, , rows] of ARRAYS)
      rows.forEach((r) => {
        const src = (r as { source?: SourceRef }).source;
        if (src) refs.push([`${name}:${r.id}`, src]);
      });
    assert.ok(refs.length > 100);
    assert.deepEqual(
      refs.filter(([, s]) => !catalogSource(s.source)),
      [],
    );
  });

  it('every catalogued source is cited or is a listed background source', () => {
    const cited = new Set<string>(['CWE', 'OWASP-MTOP10-2016', 'OWASP-MTOP10-2024']);
    for (const [, , rows] of ARRAYS)
      for (const r of rows) {
        const src = (r as { source?: SourceRef }).source;
        if (src) cited.add(src.source);
      }
    for (const id of ['MASVS', 'APP-AUDIT', 'USSD-STK', 'SAF-2020', 'AUDIT-GL', 'X.805'])
      assert.ok(cited.has(id), id);
  });

  it('MASVS and CWE links of FIGI tests, practices and USSD tests resolve', () => {
    const masvs = [...FIGI_APP_TESTS.flatMap((t) => t.masvs), ...SAF_BEST_PRACTICES.flatMap((b) => b.masvs)];
    const cwe = [...FIGI_APP_TESTS.flatMap((t) => t.cwe), ...FIGI_USSD_TESTS.flatMap((t) => t.cwe)];
    assert.deepEqual(validateRefs({ masvs, cwe, figi: [] }), []);
  });

  it('every SAF control links to existing threats', () => {
    const threatIds = new Set(SAF_THREATS.map((t) => t.id));
    const dangling = SAF_CONTROLS.flatMap((c) =>
      c.threats.filter((t) => !threatIds.has(t)).map((t) => `${c.id}->${t}`),
    );
    assert.deepEqual(dangling, []);
  });

  it('every FIGI id of every array resolves through resolveRef', () => {
    const ids = [
      ...FIGI_APP_TESTS,
      ...FIGI_USSD_TESTS,
      ...SAF_CONTROLS,
      ...SAF_THREATS,
      ...SAF_BEST_PRACTICES,
    ].map((x) => x.id);
    assert.deepEqual(duplicates(ids), []);
    assert.deepEqual(
      ids.filter((id) => resolveRef('figi', id)?.id !== id),
      [],
    );
  });
});

describe('content', () => {
  it('MASVS v2.1: 8 groups in order, 24 controls numbered 1..n per group', () => {
    assert.deepEqual(
      MASVS_GROUPS.map((g) => g.id),
      ['STORAGE', 'CRYPTO', 'AUTH', 'NETWORK', 'PLATFORM', 'CODE', 'RESILIENCE', 'PRIVACY'],
    );
    assert.equal(MASVS_CONTROLS.length, 24);
    const perGroup = Object.fromEntries(
      MASVS_GROUPS.map((g) => [g.id, MASVS_CONTROLS.filter((c) => c.area === g.id).map((c) => c.id)]),
    );
    const counts = {
      STORAGE: 2,
      CRYPTO: 2,
      AUTH: 3,
      NETWORK: 2,
      PLATFORM: 3,
      CODE: 4,
      RESILIENCE: 4,
      PRIVACY: 4,
    };
    for (const [area, n] of Object.entries(counts))
      assert.deepEqual(
        perGroup[area],
        Array.from({ length: n }, (_, i) => `MASVS-${area}-${i + 1}`),
      );
    assert.ok(MASVS_CONTROLS.filter((c) => c.area === 'PRIVACY').every((c) => c.since === '2.1.0'));
    assert.equal(masvsControl('MASVS-NETWORK-2')?.area, 'NETWORK');
    assert.equal(masvsControl('MASVS-NETWORK-3'), undefined);
  });

  it('CWE: every number the checks plan to cite is catalogued', () => {
    const wanted = [
      20, 22, 78, 89, 114, 200, 250, 259, 276, 295, 297, 311, 312, 319, 321, 326, 327, 328, 329, 330, 335,
      338, 345, 347, 489, 502, 521, 522, 530, 532, 540, 598, 602, 613, 639, 693, 749, 798, 829, 862, 918, 921,
      922, 925, 926, 927, 940, 1021, 1104, 307, 294, 384, 1204, 916, 668, 770, 400, 1390, 1391, 799, 837, 841,
      362, 367, 1188, 94, 15, 494, 353, 924, 757, 1240, 306,
    ];
    assert.deepEqual(
      wanted.filter((n) => cweName(n) === undefined),
      [],
    );
    const ids = CWE_ENTRIES.map((e) => e.id);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
      'kept in numeric order',
    );
  });

  it('CWE lookups accept numbers and CWE-n strings only', () => {
    assert.equal(cweNumber('CWE-319'), 319);
    assert.equal(cweNumber('cwe-319'), 319);
    assert.equal(cweNumber(' 532 '), 532);
    assert.equal(cweNumber(3.5), undefined);
    assert.equal(cweNumber(-1), undefined);
    assert.equal(cweNumber('CWE-'), undefined);
    assert.equal(cweNumber('319x'), undefined);
    assert.equal(cweName('CWE-532'), cweName(532));
    assert.equal(cweName(99999), undefined);
  });

  it('OWASP Mobile Top 10: both lists complete; 2016 confirmed, 2024 not', () => {
    for (const list of [MOBILE_TOP10_2016, MOBILE_TOP10_2024])
      assert.deepEqual(
        list.map((e) => e.id),
        Array.from({ length: 10 }, (_, i) => `M${i + 1}`),
      );
    assert.ok(MOBILE_TOP10_2016.every((e) => e.confirmed && e.year === 2016));
    assert.ok(MOBILE_TOP10_2024.every((e) => !e.confirmed && e.year === 2024));
    assert.equal(mobileTop10(2016, 'M3')?.title, 'Insecure Communication');
    assert.equal(mobileTop10(2024, 'M11'), undefined);
  });

  it('FIGI app tests: the twelve numbers read in the report, the rest marked as ours', () => {
    const read = [
      'T1.1',
      'T1.2',
      'T1.3',
      'T1.4',
      'T2.1',
      'T3.1',
      'T3.2',
      'T3.3',
      'T4.1',
      'T5.1',
      'T8.1',
      'T9.1',
    ];
    assert.deepEqual(
      FIGI_APP_TESTS.filter((t) => t.number !== null).map((t) => t.number),
      read,
    );
    assert.ok(FIGI_APP_TESTS.length <= 18, 'the report has 18 tests');
    for (const t of FIGI_APP_TESTS.filter((x) => x.number === null)) {
      assert.equal(t.confirmed, false, t.id);
      assert.match(t.id, /^FIGI-APP-T\d+\.x-[a-z]+$/);
    }
    // The report scopes out M6, M7 and M10 (they need source code).
    const cats = new Set(FIGI_APP_TESTS.map((t) => t.owaspTop10_2016));
    for (const out of ['M6', 'M7', 'M10']) assert.equal(cats.has(out), false, out);
    for (const t of FIGI_APP_TESTS) assert.ok(mobileTop10(2016, t.owaspTop10_2016), t.id);
  });

  it('FIGI app tests: static decidability follows the method', () => {
    const outcome = Object.fromEntries(FIGI_APP_TESTS.map((t) => [t.number ?? t.id, t.staticOutcome]));
    assert.equal(outcome['T1.1'], 'decides');
    assert.equal(outcome['T1.2'], 'decides');
    assert.equal(outcome['T3.3'], 'can-only-fail');
    assert.equal(outcome['T4.1'], 'needs-dynamic');
    assert.equal(outcome['FIGI-APP-T4.x-replay'], 'needs-dynamic');
    for (const t of FIGI_APP_TESTS) {
      if (t.method === 'static-manifest' || t.method === 'static-binary')
        assert.equal(t.staticOutcome, 'decides', t.id);
      else assert.notEqual(t.staticOutcome, 'decides', t.id);
      assert.equal(t.staticDecidable, t.staticOutcome === 'decides', t.id);
    }
  });

  it('staticBaselineStatus: a static audit never passes a test it cannot decide', () => {
    const byOutcome = (o: string) => FIGI_APP_TESTS.filter((t) => t.staticOutcome === o);
    for (const t of byOutcome('decides')) {
      assert.equal(staticBaselineStatus(t, false), 'pass');
      assert.equal(staticBaselineStatus(t, true), 'fail');
    }
    for (const t of byOutcome('can-only-fail')) {
      assert.equal(staticBaselineStatus(t, false), 'needs-dynamic-test');
      assert.equal(staticBaselineStatus(t, true), 'fail');
    }
    for (const t of byOutcome('needs-dynamic')) {
      assert.equal(staticBaselineStatus(t, false), 'needs-dynamic-test');
      assert.equal(staticBaselineStatus(t, true), 'needs-dynamic-test');
    }
    assert.ok(byOutcome('can-only-fail').length > 0 && byOutcome('needs-dynamic').length > 0);
  });

  it('SAF: 17 threats 8.1..8.17, 8 X.805 dimensions, 5 best-practice categories', () => {
    assert.deepEqual(
      SAF_THREATS.map((t) => t.safSection),
      Array.from({ length: 17 }, (_, i) => `8.${i + 1}`),
    );
    assert.equal(SECURITY_DIMENSIONS.length, 8);
    assert.deepEqual(
      SAF_BEST_PRACTICES.map((b) => b.safSection),
      ['9.1', '9.2', '9.3', '9.4', '9.5'],
    );
  });

  it('SAF controls: the ids read in the audit guideline, ascending', () => {
    const numbers = SAF_CONTROLS.map((c) => c.number);
    assert.deepEqual(
      numbers,
      [1, 2, 3, 17, 30, 31, 32, 33, 43, 44, 45, 46, 52, 53, 54, 87, 88, 89, 90, 91, 117, 118],
    );
    assert.equal(SAF_CONTROLS.find((c) => c.number === 17)?.confirmed, false);
  });
});

describe('resolveRef / validateRefs', () => {
  it('resolves each kind to its canonical id', () => {
    assert.equal(resolveRef('masvs', 'MASVS-NETWORK-1')?.id, 'MASVS-NETWORK-1');
    assert.equal(resolveRef('cwe', 319)?.id, 'CWE-319');
    assert.equal(resolveRef('cwe', 'CWE-319')?.title, cweName(319));
    assert.equal(resolveRef('figi', 'FIGI-APP-T3.1')?.source.source, 'APP-AUDIT');
    assert.equal(resolveRef('figi', 'FIGI-USSD-3.4')?.source.source, 'USSD-STK');
    assert.equal(resolveRef('figi', 'FIGI-SAF-C87')?.source.source, 'AUDIT-GL');
    assert.equal(resolveRef('figi', 'FIGI-APP-T2.x-logs')?.confirmed, false);
  });

  it('refuses unknown ids, wrong kinds and wrong types', () => {
    assert.equal(resolveRef('masvs', 'MASVS-NET-1'), undefined);
    assert.equal(resolveRef('masvs', 'FIGI-APP-T1.1'), undefined);
    assert.equal(resolveRef('figi', 'MASVS-NETWORK-1'), undefined);
    assert.equal(resolveRef('figi', 'FIGI-APP-T7.1'), undefined);
    assert.equal(resolveRef('figi', 'figi-app-t1.1'), undefined);
    assert.equal(resolveRef('masvs', 1), undefined);
    assert.equal(resolveRef('cwe', 99999), undefined);
    assert.equal(resolveRef('figi', '__proto__'), undefined);
  });

  it('lists exactly the unresolvable references, in input order', () => {
    assert.deepEqual(
      validateRefs({
        masvs: ['MASVS-CODE-4', 'MASVS-NET-1'],
        cwe: [319, 99999, 2.5],
        figi: ['FIGI-APP-T3.1', 'FIGI-APP-T3.x-cleartext', 'FIGI-APP-T7.1', 'FIGI-SAF-T-18'],
      }),
      ['MASVS-NET-1', 'CWE-99999', 'CWE-2.5', 'FIGI-APP-T7.1', 'FIGI-SAF-T-18'],
    );
    assert.deepEqual(validateRefs({ masvs: [], cwe: [], figi: [] }), []);
  });

  it('resolves the references the core report fixtures already cite', () => {
    assert.deepEqual(
      validateRefs({
        masvs: [
          'MASVS-NETWORK-1',
          'MASVS-CRYPTO-1',
          'MASVS-RESILIENCE-4',
          'MASVS-CODE-4',
          'MASVS-PLATFORM-1',
        ],
        cwe: [319, 327, 328, 294, 306, 489, 926, 20],
        figi: [
          'FIGI-APP-T3.1',
          'FIGI-APP-T5.1',
          'FIGI-USSD-3.4',
          'FIGI-APP-T1.2',
          'FIGI-APP-T1.4',
          'FIGI-APP-T3.3',
        ],
      }),
      [],
    );
  });
});

describe('module hygiene', () => {
  it('only schema.ts loads zod at runtime (the catalogue stays cheap to import)', () => {
    const files = readdirSync(here).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'schema.ts',
    );
    const offenders = files.filter((f) =>
      /^import (?!type )[^;]*from 'zod'/m.test(readFileSync(join(here, f), 'utf8')),
    );
    assert.deepEqual(offenders, []);
    assert.ok(files.includes('index.ts'));
  });
});
