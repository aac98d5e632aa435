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
