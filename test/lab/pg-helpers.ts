/**
 * A throwaway database on the real PostgreSQL test server (DFSLAB_TEST_DATABASE_URL, started by
 * scripts/test.mjs). In CI the server is mandatory: a missing one fails instead of skipping.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.DFSLAB_TEST_DATABASE_URL;

if (!PG_ADMIN_URL && (process.env.CI === 'true' || process.env.CI === '1')) {
  throw new Error(
    'DFSLAB_TEST_DATABASE_URL is not set: scripts/pg-test-server.sh could not start PostgreSQL',
  );
}

/** `skip` option for a describe() that needs the real server. */
export const NEEDS_PG = PG_ADMIN_URL ? false : 'DFSLAB_TEST_DATABASE_URL not set';

export type TestDb = { url: string; drop(): Promise<void> };

export async function createTestDb(prefix = 'dfslab_test'): Promise<TestDb> {
  if (!PG_ADMIN_URL) throw new Error('DFSLAB_TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
