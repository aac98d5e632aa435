import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getTableName, sql } from 'drizzle-orm';
import { migrate, openStore, type Store } from './open.js';
import { MIGRATIONS, splitStatements } from './migrations.js';
import { orgs, schema } from './schema.js';

describe('store (PGlite)', () => {
  let store: Store;
  before(async () => {
    store = await openStore({ memory: true });
  });
  after(() => store.close());

  it('applies every migration once and records it', async () => {
    assert.deepEqual(await migrate(store.db), []);
    const r = await store.db.execute(sql`SELECT id FROM schema_migrations ORDER BY id`);
    assert.deepEqual(
      (r as unknown as { rows: { id: string }[] }).rows.map((x) => x.id),
      MIGRATIONS.map((m) => m.id),
    );
  });

  it('creates every table the drizzle schema describes', async () => {
    const r = await store.db.execute(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const have = new Set((r as unknown as { rows: { table_name: string }[] }).rows.map((x) => x.table_name));
    for (const t of Object.values(schema)) assert.ok(have.has(getTableName(t)), getTableName(t));
  });

  it('enforces the closed unions and the country code in SQL too', async () => {
    await store.db.insert(orgs).values({ name: 'BoG', type: 'central bank', country: 'GH' });
    await assert.rejects(
      store.db.insert(orgs).values({ name: 'x', type: 'bank' as 'central bank', country: 'GH' }),
    );
    await assert.rejects(store.db.insert(orgs).values({ name: 'x', type: 'central bank', country: 'gha' }));
  });

  it('rolls back a failing migration entirely', async () => {
    const bad = [
      { id: '9999_bad', sql: 'CREATE TABLE half_done (id int);\n--;\nSELECT * FROM no_such_table;' },
    ];
    await assert.rejects(migrate(store.db, bad));
    const r = await store.db.execute(sql`SELECT to_regclass('half_done') AS t`);
    assert.equal((r as unknown as { rows: { t: string | null }[] }).rows[0].t, null);
  });

  it('splits statements on --; lines only', () => {
    assert.deepEqual(splitStatements("SELECT ';';\n--;\n\nSELECT 2;\n--;\n"), ["SELECT ';';", 'SELECT 2;']);
  });
});

describe('store on disk', () => {
  it('keeps data across reopen of the same folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dfslab-store-'));
    try {
      const a = await openStore({ dataDir: dir });
      assert.equal(a.kind, 'pglite');
      await a.db.insert(orgs).values({ name: 'Kept', type: 'postal operator', country: 'SN' });
      await a.close();
      const b = await openStore({ dataDir: dir });
      const rows = await b.db.select().from(orgs);
      await b.close();
      assert.deepEqual(
        rows.map((o) => o.name),
        ['Kept'],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
