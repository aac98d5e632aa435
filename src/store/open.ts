/**
 * openStore: the one entry point to the database. `{ dataDir }` (or nothing) opens an embedded
 * PGlite whose files live in a folder; `{ url }` connects a `pg` Pool to a real PostgreSQL;
 * `{ memory: true }` is an in-memory PGlite for tests. The same migrations and drizzle queries
 * run on all three.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { MIGRATIONS, splitStatements, type Migration } from './migrations.js';
import { schema } from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

import { DEFAULT_DATA_DIR } from './defaults.js';
export { DEFAULT_DATA_DIR };

/**
 * `migrate: false` (a real server only): do not change the schema; refuse with a
 * NotMigratedError unless every known migration is applied (`dfslab worker` without --migrate).
 */
export type StoreOptions = { url: string; migrate?: boolean } | { dataDir?: string } | { memory: true };

/** The database lacks migrations this code needs (or has ones it does not know). */
export class NotMigratedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotMigratedError';
  }
}

export type Store = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The folder for the database (embedded mode) and uploaded artifacts; undefined for memory. */
  dataDir: string | undefined;
  /** The embedded database, for hosting pglite-socket (embedded mode only). */
  pglite: PGlite | undefined;
  close(): Promise<void>;
};

/** A lock id that no other application on the same database is likely to use ("dfslab" in ASCII). */
const MIGRATION_LOCK = 0x6466736c6162;

/**
 * Connections per process. An authenticated read holds one for one or two short queries, so a
 * few per database core keep it busy; more only queue inside PostgreSQL. Not tuned: other sizes
 * have not been measured yet.
 */
export const POOL_MAX = 10;
const POOL_END_WAIT_MS = 5_000;

/** pool.end() resolves before its sockets have closed: also wait for every client to be gone. */
async function endPool(pool: pg.Pool): Promise<void> {
  const open = pool.totalCount;
  let removed = 0;
  const gone = new Promise<void>((res) => {
    if (open === 0) res();
    pool.on('remove', () => {
      if (++removed >= open) res();
    });
    setTimeout(res, POOL_END_WAIT_MS).unref();
  });
  await pool.end();
  await gone;
}

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  if ('url' in opts) {
    const pool = new pg.Pool({ connectionString: opts.url, max: POOL_MAX });
    // An idle connection the server dropped (a restart, a terminated backend) is replaced on the
    // next query; without a listener pg's 'error' event would end the process.
    pool.on('error', () => undefined);
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const store: Store = {
      db,
      kind: 'postgres',
      dataDir: undefined,
      pglite: undefined,
      close: () => endPool(pool),
    };
    const ready = opts.migrate === false ? checkMigrated(db) : migrate(db);
    await ready.catch(async (e: unknown) => {
      await pool.end();
      throw e;
    });
    return store;
  }
  const memory = 'memory' in opts;
  const dataDir = memory ? undefined : resolve(opts.dataDir ?? DEFAULT_DATA_DIR);
  let client: PGlite;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    client = new PGlite(resolve(dataDir, 'pg'));
  } else client = new PGlite();
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  await migrate(db).catch(async (e: unknown) => {
    await client.close();
    throw e;
  });
  return { db, kind: 'pglite', dataDir, pglite: client, close: () => client.close() };
}

/**
 * Apply every migration not yet recorded in schema_migrations, each in its own transaction, under
 * an advisory lock so two processes starting together do not race. Returns the ids applied.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await tx.execute(
        sql.raw(
          'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
        ),
      );
      const seen = await tx.execute(sql`SELECT count(*)::int AS n FROM schema_migrations WHERE id = ${m.id}`);
      if (Number((seen as unknown as { rows: { n: number }[] }).rows[0]?.n) > 0) return false;
      for (const stmt of splitStatements(m.sql)) await tx.execute(sql.raw(stmt));
      await tx.execute(sql`INSERT INTO schema_migrations (id) VALUES (${m.id})`);
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}

/** Migrations this code knows that the database has not applied (all of them on an empty one). */
export async function pendingMigrations(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<{ pending: string[]; unknown: string[] }> {
  const r = await db.execute(sql`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  const present = (r as unknown as { rows: { present: boolean }[] }).rows[0]?.present === true;
  const applied = new Set<string>();
  if (present) {
    const rows = await db.execute(sql`SELECT id FROM schema_migrations`);
    for (const x of (rows as unknown as { rows: { id: string }[] }).rows) applied.add(x.id);
  }
  const known = new Set(migrations.map((m) => m.id));
  return {
    pending: migrations.filter((m) => !applied.has(m.id)).map((m) => m.id),
    unknown: [...applied].filter((id) => !known.has(id)).sort(),
  };
}

async function checkMigrated(db: Db): Promise<void> {
  const { pending, unknown } = await pendingMigrations(db);
  if (pending.length > 0)
    throw new NotMigratedError(
      `the database is not migrated (${pending.length} pending: ${pending.join(', ')}); ` +
        'start `dfslab serve` on it once, or run the worker with --migrate',
    );
  if (unknown.length > 0)
    throw new NotMigratedError(
      `the database has migrations this dfslab does not know (${unknown.join(', ')}); upgrade this worker`,
    );
}
