/**
 * A throwaway database on the real PostgreSQL test server (DFSLAB_TEST_DATABASE_URL), for the
 * lab tests that run on both back ends. In CI a missing server is an error, never a skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.DFSLAB_TEST_DATABASE_URL;

if (!PG_ADMIN_URL && (process.env.CI === 'true' || process.env.CI === '1')) {
  throw new Error(
    'DFSLAB_TEST_DATABASE_URL is not set: scripts/pg-test-server.sh could not start PostgreSQL',
  );
}

/** `skip` option for describe(): false when the server is there. */
export const NEEDS_PG = PG_ADMIN_URL ? false : 'DFSLAB_TEST_DATABASE_URL not set';

export type ThrowawayDb = { url: string; drop(): Promise<void> };

export async function throwawayDb(): Promise<ThrowawayDb> {
  const name = `dfslab_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL ?? '');
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
