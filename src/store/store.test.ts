import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getTableName, sql } from 'drizzle-orm';
import { migrate, openStore, type Store } from './open.js';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
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

  it('0006 gives audits written before it their list item, and the trigger keeps it current', async () => {
    const client = new PGlite();
    const db = drizzlePglite({ client, schema }) as unknown as Store['db'];
    try {
      const upTo = MIGRATIONS.findIndex((m) => m.id === '0006_audit_list_item');
      assert.ok(upTo > 0);
      await migrate(db, MIGRATIONS.slice(0, upTo));
      const rows = async () =>
        (
          (await db.execute(sql`SELECT list_item FROM audits`)) as unknown as {
            rows: { list_item: string | null }[];
          }
        ).rows.map((r) =>
          r.list_item === null ? null : (JSON.parse(r.list_item) as Record<string, unknown>),
        );
      await db.execute(sql`INSERT INTO orgs (id, name, type, country)
        VALUES ('00000000-0000-4000-8000-000000000001', 'BoG', 'central bank', 'GH')`);
      await db.execute(sql`INSERT INTO audits (id, org_id, kind, status, report, created_at)
        VALUES ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', 'ussd', 'succeeded',
          '{"target":{"name":"Wallet","package":"org.x","versionName":"1.0","versionCode":7}}',
          '2026-01-02T03:04:05.678Z')`);
      await migrate(db);
      const [before] = await rows();
      assert.deepEqual(before, {
        id: '00000000-0000-4000-8000-0000000000a1',
        kind: 'ussd',
        artifactSha256: null,
        appName: 'Wallet',
        package: 'org.x',
        versionName: '1.0',
        versionCode: 7,
        targetName: 'Wallet',
        status: 'succeeded',
        progress: null,
        progressPercent: null,
        error: null,
        summary: null,
        createdAt: '2026-01-02T03:04:05.678Z',
        finishedAt: null,
      });
      // a later write (any column) and a version code that is not a number
      await db.execute(sql`UPDATE audits SET status = 'failed', error = 'x"y',
        report = '{"target":{"versionCode":"12abc"}}'`);
      const [after] = await rows();
      assert.equal(after?.status, 'failed');
      assert.equal(after?.error, 'x"y');
      assert.equal(after?.versionCode, null);
    } finally {
      await client.close();
    }
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
