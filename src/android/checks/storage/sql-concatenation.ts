import { defineAndroidCheck, type AuditContext } from '../../audit/context.js';
import type { Component } from '../../manifest/index.js';
import { alternatives, hasNonConstantPart, supertypesOf, type Value } from '../../code/index.js';
import { siteEvidence, type ValueSite } from '../crypto/lib/sites.js';
import { appSites, shortValue } from './lib/app-code.js';

const DB = ['Landroid/database/sqlite/SQLiteDatabase;', 'Lnet/sqlcipher/database/SQLiteDatabase;'];

/** SQL sinks → index of the SQL text among the arguments (receiver first). */
const SINKS: Record<string, number> = Object.fromEntries(
  DB.flatMap((db) => [
    [`${db}->rawQuery(Ljava/lang/String;[Ljava/lang/String;)Landroid/database/Cursor;`, 1],
    [
      `${db}->rawQuery(Ljava/lang/String;[Ljava/lang/String;Landroid/os/CancellationSignal;)Landroid/database/Cursor;`,
      1,
    ],
    [`${db}->rawQuery(Ljava/lang/String;[Ljava/lang/Object;)Landroid/database/Cursor;`, 1],
    [`${db}->rawQuery(Ljava/lang/String;[Ljava/lang/String;)Lnet/sqlcipher/Cursor;`, 1],
    [`${db}->execSQL(Ljava/lang/String;)V`, 1],
    [`${db}->execSQL(Ljava/lang/String;[Ljava/lang/Object;)V`, 1],
    [`${db}->compileStatement(Ljava/lang/String;)Landroid/database/sqlite/SQLiteStatement;`, 1],
    [
      `${db}->rawQueryWithFactory(Landroid/database/sqlite/SQLiteDatabase$CursorFactory;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;`,
      2,
    ],
    // query(table, columns, selection, …): the selection is a WHERE clause.
    [
      `${db}->query(Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;`,
      3,
    ],
    [
      `${db}->query(Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;`,
      3,
    ],
    [
      `${db}->update(Ljava/lang/String;Landroid/content/ContentValues;Ljava/lang/String;[Ljava/lang/String;)I`,
      3,
    ],
    [`${db}->delete(Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;)I`, 2],
  ]),
);
const ROOM = [
  'Landroidx/sqlite/db/SimpleSQLiteQuery;-><init>(Ljava/lang/String;)V',
  'Landroidx/sqlite/db/SimpleSQLiteQuery;-><init>(Ljava/lang/String;[Ljava/lang/Object;)V',
];
for (const r of ROOM) SINKS[r] = 1;
const QB = 'Landroid/database/sqlite/SQLiteQueryBuilder;';
const QB_QUERY_HEAD = `${QB}->query(Landroid/database/sqlite/SQLiteDatabase;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;`;
SINKS[`${QB_QUERY_HEAD})Landroid/database/Cursor;`] = 3;
SINKS[`${QB_QUERY_HEAD}Ljava/lang/String;)Landroid/database/Cursor;`] = 3;
SINKS[`${QB_QUERY_HEAD}Ljava/lang/String;Landroid/os/CancellationSignal;)Landroid/database/Cursor;`] = 3;

const CONTENT_PROVIDER = 'Landroid/content/ContentProvider;';
/** ContentProvider entry points → index of their `selection` parameter (0-based, `this` not counted). */
const SELECTION_PARAM: Record<string, number> = {
  'query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;': 2,
  'update(Landroid/net/Uri;Landroid/content/ContentValues;Ljava/lang/String;[Ljava/lang/String;)I': 2,
  'delete(Landroid/net/Uri;Ljava/lang/String;[Ljava/lang/String;)I': 1,
};

/** The provider component declared for `cls`, when the class is a ContentProvider in the manifest. */
function providerOf(ctx: AuditContext, cls: string): Component | undefined {
  const name = cls.slice(1, -1).replace(/\//g, '.');
  return ctx.manifest?.components.find((c) => c.kind === 'provider' && c.name === name);
}

/** True when the SQL is a concatenation (or a set of them) with at least one part that is not a constant. */
function builtWithInput(v: Value): boolean {
  return alternatives(v).some((a) => a.kind === 'concat' && hasNonConstantPart(a));
}

function shortApi(api: string): string {
  const cls = api.slice(api.lastIndexOf('/', api.indexOf(';')) + 1, api.indexOf(';'));
  const name = api.slice(api.indexOf('->') + 2, api.indexOf('('));
  return name === '<init>' ? `new ${cls}` : `${cls}.${name}`;
}

type ProviderSite = { sel: number; exported: boolean; open: boolean; provider: string };

/** When `s` is in a ContentProvider's query/update/delete: the selection parameter and how reachable the provider is. */
function providerSite(ctx: AuditContext, s: ValueSite): ProviderSite | undefined {
  const m = s.mv.descriptor.slice(s.mv.descriptor.indexOf('->') + 2);
  const sel = SELECTION_PARAM[m];
  if (sel === undefined) return undefined;
  if (
    !supertypesOf(
      ctx.dex.map((d) => d.dex),
      s.cls,
    ).has(CONTENT_PROVIDER)
  )
    return undefined;
  const c = providerOf(ctx, s.cls);
  const perm = m.startsWith('query(') ? c?.effectiveReadPermission : c?.effectiveWritePermission;
  const open = c?.exported.effective === true && perm === undefined;
  const kind = m.startsWith('query(') ? 'read' : 'write';
  const provider = !c
    ? 'provider not declared in the manifest'
    : open
      ? `exported, no ${kind} permission`
      : c.exported.effective
        ? `exported, ${kind} permission ${perm ?? ''}`
        : 'not exported';
  return { sel, exported: c?.exported.effective === true, open, provider };
}

function usesParam(v: Value, index: number): boolean {
  return alternatives(v).some(
    (a) =>
      (a.kind === 'param' && a.index === index) ||
      (a.kind === 'concat' && a.parts.some((p) => usesParam(p, index))),
  );
}

/**
 * SQL text built by concatenating a value that is not a constant: a selection, an account
 * number or a search string from the user or from another app (an exported provider) becomes SQL.
 */
export default defineAndroidCheck({
  id: 'AND-STORAGE-003',
  name: 'sql-concatenation',
  title: 'SQL built from run-time or caller input (SQL injection)',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-CODE-4'], cwe: [89], figi: [] },
  needs: ['dex'],
  messages: {
    concat: '{api} in {where} runs SQL built by concatenation with a non-constant part: {sql}{from}.',
    providerSelection:
      '{api} in {where} runs the selection passed by the caller of the provider as SQL ({provider}): the caller can inject SQL into the WHERE clause (sub-queries over other tables).',
  },
  remediation:
    'Pass values as bind arguments: rawQuery("SELECT … WHERE account = ?", new String[]{ account }), SQLiteDatabase.query with selectionArgs, or Room @Query with parameters. Never append user or caller input (including a ContentProvider selection) to SQL text; validate column and table names against a fixed list.',
  run(ctx, report) {
    for (const s of appSites(ctx, Object.keys(SINKS))) {
      const sql = s.values.args[SINKS[s.call.api]];
      if (!sql) continue;
      const p = providerSite(ctx, s);
      const fromCaller = p !== undefined && usesParam(sql, p.sel);
      if (!builtWithInput(sql)) {
        // A provider that hands the caller's selection to SQL unchanged: the selection is SQL text chosen by the calling app.
        // Not reported for a provider other apps cannot reach (not exported, or not declared).
        if (p && fromCaller && p.exported)
          report({
            messageId: 'providerSelection',
            data: { api: shortApi(s.call.api), where: s.where, provider: p.provider },
            evidence: siteEvidence(ctx, s),
            severity: p.open ? 'high' : 'low',
            confidence: p.open ? 'high' : 'medium',
          });
        continue;
      }
      report({
        messageId: 'concat',
        data: {
          api: shortApi(s.call.api),
          where: s.where,
          sql: shortValue(sql, 240),
          from:
            p && fromCaller
              ? ` — it includes the selection passed by the provider's caller (${p.provider})`
              : '',
        },
        evidence: siteEvidence(ctx, s),
        ...(p && fromCaller && p.open ? { severity: 'high' as const, confidence: 'high' as const } : {}),
      });
    }
  },
});
