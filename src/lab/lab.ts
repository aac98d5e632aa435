/**
 * createLab: open the store, build the deps (in-process audit runner, sign-in limiter) and the
 * app, and on first start create the lab operator's organisation and an admin with a random
 * password, returned once for the caller to print (nothing ships with a default password).
 */
import { count } from 'drizzle-orm';
import { openStore, type Store, type StoreOptions } from '../store/open.js';
import { orgs, users } from '../store/schema.js';
import { createApp, type LabApp } from './app.js';
import { hashPassword, randomPassword } from './auth/passwords.js';
import { createRateLimiter } from './auth/rate-limit.js';
import { runAudit } from './audits/run-audit.js';
import type { LabDeps } from './env.js';
import { inProcessRunner } from './jobs.js';

export const DEFAULT_LIMITS = {
  sessionTtlMs: 12 * 60 * 60 * 1000,
  maxUploadBytes: 200 * 1024 * 1024,
  maxJsonBytes: 64 * 1024,
  loginFailures: 5,
  loginWindowMs: 15 * 60 * 1000,
};

export type LabOptions = {
  store: StoreOptions;
  /** Folder for artifacts; defaults to the store's data dir (required for an in-memory store or a URL). */
  dataDir?: string;
  secureCookies?: boolean;
  now?: () => Date;
  limits?: Partial<typeof DEFAULT_LIMITS>;
  logError?: (requestId: string, e: unknown) => void;
};

export type FirstAdmin = { email: string; password: string };

export type Lab = {
  app: LabApp;
  deps: LabDeps;
  store: Store;
  firstAdmin: FirstAdmin | undefined;
  close(): Promise<void>;
};

export async function createLab(opts: LabOptions): Promise<Lab> {
  const store = await openStore(opts.store);
  const dataDir = opts.dataDir ?? store.dataDir;
  if (!dataDir) {
    await store.close();
    throw new Error('createLab: a dataDir for artifacts is needed with an in-memory store or a database URL');
  }
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const now = opts.now ?? (() => new Date());
  const logError = opts.logError ?? ((id: string, e: unknown) => console.error(`[${id}]`, e));
  const deps: LabDeps = {
    db: store.db,
    dataDir,
    now,
    jobs: inProcessRunner(
      (id) => runAudit(deps, id),
      (e) => logError('job', e),
    ),
    loginLimiter: createRateLimiter({ max: limits.loginFailures, windowMs: limits.loginWindowMs, now }),
    secureCookies: opts.secureCookies ?? false,
    sessionTtlMs: limits.sessionTtlMs,
    maxUploadBytes: limits.maxUploadBytes,
    maxJsonBytes: limits.maxJsonBytes,
    logError,
  };
  const firstAdmin = await ensureFirstAdmin(deps);
  return {
    app: createApp(deps),
    deps,
    store,
    firstAdmin,
    close: async () => {
      await deps.jobs.idle();
      await store.close();
    },
  };
}

export const FIRST_ADMIN_EMAIL = 'admin@dfslab.local';

/** Create the lab operator organisation and its admin if the database has no user yet. */
export async function ensureFirstAdmin(deps: LabDeps): Promise<FirstAdmin | undefined> {
  const [{ n }] = await deps.db.select({ n: count() }).from(users);
  if (n > 0) return undefined;
  const password = randomPassword();
  const passwordHash = await hashPassword(password);
  const created = await deps.db.transaction(async (tx) => {
    const [again] = await tx.select({ n: count() }).from(users);
    if (again.n > 0) return false;
    const [org] = await tx
      .insert(orgs)
      .values({ name: 'Lab operator', type: 'lab operator', country: 'ZZ' })
      .returning({ id: orgs.id });
    await tx.insert(users).values({
      orgId: org.id,
      email: FIRST_ADMIN_EMAIL,
      name: 'Administrator',
      passwordHash,
      role: 'admin',
    });
    return true;
  });
  return created ? { email: FIRST_ADMIN_EMAIL, password } : undefined;
}
