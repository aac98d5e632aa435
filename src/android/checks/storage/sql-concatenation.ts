import { defineAndroidCheck } from '../../audit/context.js';
import { alternatives, hasNonConstantPart, type Value } from '../../code/index.js';
import { siteEvidence } from '../crypto/lib/sites.js';
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

/** True when the SQL is a concatenation (or a set of them) with at least one part that is not a constant. */
function builtWithInput(v: Value): boolean {
  return alternatives(v).some((a) => a.kind === 'concat' && hasNonConstantPart(a));
}

function shortApi(api: string): string {
  const cls = api.slice(api.lastIndexOf('/', api.indexOf(';')) + 1, api.indexOf(';'));
  const name = api.slice(api.indexOf('->') + 2, api.indexOf('('));
  return name === '<init>' ? `new ${cls}` : `${cls}.${name}`;
}

/**
 * SQL text built by concatenating a value that is not a constant: a selection, an account
 * number or a search string from the user or from another app (an exported provider) becomes SQL.
 */
export default defineAndroidCheck({
  id: 'AND-STORAGE-003',
  name: 'sql-concatenation',
  title: 'SQL built by string concatenation',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-CODE-4'], cwe: [89], figi: [] },
  needs: ['dex'],
  messages: {
    concat: '{api} in {where} runs SQL built by concatenation with a non-constant part: {sql}.',
  },
  remediation:
    'Pass values as bind arguments: rawQuery("SELECT … WHERE account = ?", new String[]{ account }), SQLiteDatabase.query with selectionArgs, or Room @Query with parameters. Never append user or caller input (including a ContentProvider selection) to SQL text; validate column and table names against a fixed list.',
  run(ctx, report) {
    for (const s of appSites(ctx, Object.keys(SINKS))) {
      const sql = s.values.args[SINKS[s.call.api]];
      if (!sql || !builtWithInput(sql)) continue;
      report({
        messageId: 'concat',
        data: { api: shortApi(s.call.api), where: s.where, sql: shortValue(sql, 240) },
        evidence: siteEvidence(ctx, s),
      });
    }
  },
});
