import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './sql-concatenation.js';
import { method, smaliClass } from './lib/smali.js';

const CLS = 'org/dfslab/fixture/Db';

function query(secondPart: string): Record<string, string> {
  return smaliClass(
    CLS,
    [
      method(
        'find',
        '(Landroid/database/sqlite/SQLiteDatabase;Ljava/lang/String;)Landroid/database/Cursor;',
        3,
        [
          'new-instance v0, Ljava/lang/StringBuilder;',
          'const-string v1, "SELECT * FROM tx WHERE account = \'"',
          'invoke-direct {v0, v1}, Ljava/lang/StringBuilder;-><init>(Ljava/lang/String;)V',
          secondPart,
          'invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;',
          'invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;',
          'move-result-object v1',
          'const/4 v2, 0',
          'invoke-virtual {p1, v1, v2}, Landroid/database/sqlite/SQLiteDatabase;->rawQuery(Ljava/lang/String;[Ljava/lang/String;)Landroid/database/Cursor;',
          'move-result-object v0',
          'return-object v0',
        ],
      ),
    ],
    'Ljava/lang/Object;',
  );
}

test('AND-STORAGE-003 sql-concatenation', async (t) => {
  const [injected, constant, bound] = await auditFixtures(t, check, [
    { smali: query('move-object v1, p2') },
    { smali: query('const-string v1, "42\'"') },
    {
      smali: smaliClass(
        CLS,
        [
          method(
            'find',
            '(Landroid/database/sqlite/SQLiteDatabase;[Ljava/lang/String;)Landroid/database/Cursor;',
            1,
            [
              'const-string v0, "SELECT * FROM tx WHERE account = ?"',
              'invoke-virtual {p1, v0, p2}, Landroid/database/sqlite/SQLiteDatabase;->rawQuery(Ljava/lang/String;[Ljava/lang/String;)Landroid/database/Cursor;',
              'move-result-object v0',
              'return-object v0',
            ],
          ),
        ],
        'Ljava/lang/Object;',
      ),
    },
  ]);
  if (!injected) return;
  const f = findingsOf(injected, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'concat');
  assert.match(
    f[0].message,
    /SQLiteDatabase\.rawQuery .*concat\("SELECT \* FROM tx WHERE account = '" \+ param1\)/,
  );
  const ev = f[0].evidence[0];
  assert.equal(ev.kind, 'dex');
  if (ev.kind === 'dex') {
    assert.equal(ev.class, `L${CLS};`);
    assert.match(ev.instruction ?? '', /rawQuery/);
  }
  assert.equal(findingsOf(constant, check.id).length, 0);
  assert.equal(findingsOf(bound, check.id).length, 0);
});

const PROV = 'org/dfslab/fixture/Prov';
const QUERY =
  '(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;';
const provider = smaliClass(
  PROV,
  [
    method(`query`, QUERY, 8, [
      'new-instance v0, Landroid/database/sqlite/SQLiteQueryBuilder;',
      'invoke-direct {v0}, Landroid/database/sqlite/SQLiteQueryBuilder;-><init>()V',
      'const/4 v1, 0',
      'move-object v2, p2',
      'move-object v3, p3',
      'move-object v4, p4',
      'const/4 v5, 0',
      'const/4 v6, 0',
      'move-object v7, p5',
      'invoke-virtual/range {v0 .. v7}, Landroid/database/sqlite/SQLiteQueryBuilder;->query(Landroid/database/sqlite/SQLiteDatabase;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;',
      'move-result-object v0',
      'return-object v0',
    ]),
  ],
  'Landroid/content/ContentProvider;',
);
const providerXml = (attrs: string): string =>
  `<provider android:name=".Prov" android:authorities="org.dfslab.fixture.prov" ${attrs} />`;

test('AND-STORAGE-003 provider selection passed to SQL', async (t) => {
  const [open, closed, guarded] = await auditFixtures(t, check, [
    { app: providerXml('android:exported="true"'), smali: provider },
    { app: providerXml('android:exported="false"'), smali: provider },
    {
      app: providerXml('android:exported="true" android:readPermission="org.dfslab.fixture.READ"'),
      smali: provider,
    },
  ]);
  if (!open) return;
  const f = findingsOf(open, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'providerSelection');
  assert.equal(f[0].severity, 'high');
  assert.match(
    f[0].message,
    /SQLiteQueryBuilder\.query in Lorg\/dfslab\/fixture\/Prov;->query.*exported, no read permission/,
  );
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'dex' && ev.class === `L${PROV};` && /SQLiteQueryBuilder;->query/.test(ev.instruction ?? ''),
  );
  assert.equal(findingsOf(closed, check.id).length, 0, 'a provider other apps cannot reach');
  const g = findingsOf(guarded, check.id);
  assert.equal(g.length, 1);
  assert.equal(g[0].severity, 'low');
});
