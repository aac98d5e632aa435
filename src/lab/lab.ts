/**
 * createLab: open the store, build the deps (in-process audit runner, sign-in limiter) and the
 * app, and on first start create the lab operator's organisation and an admin with a random
 * password, returned once for the caller to print (nothing ships with a default password).
 */
import { asc, count, eq, inArray } from 'drizzle-orm';
import { openStore, type Store, type StoreOptions } from '../store/open.js';
import { audits, orgs, users } from '../store/schema.js';
import { createApp, type LabApp } from './app.js';
import { hashPassword, randomPassword } from './auth/passwords.js';
import { createRateLimiter } from './auth/rate-limit.js';
import { runAudit } from './audits/run-audit.js';
import type { TrustedProxies } from './client-ip.js';
import type { LabDeps } from './env.js';
import { inProcessRunner, type JobRunner } from './jobs.js';
import {
  startPgBossRunner,
  type JobSettings,
  type PgBossRunner,
  type PgBossRunnerOptions,
} from './jobs-pgboss.js';
import type { UssdAllowEntry } from './ussd/allow-list.js';
import { ussdJobExpirySeconds } from './ussd/create-scan.js';
import { isUssdInput } from './ussd/target.js';
import { workAudits, type WorkOptions } from './worker.js';

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
  /** Reverse proxies whose X-Forwarded-For is believed (`parseTrustedProxies`); none by default. */
  trustedProxies?: TrustedProxies;
  now?: () => Date;
  limits?: Partial<typeof DEFAULT_LIMITS>;
  logError?: (requestId: string, e: unknown) => void;
  /** `pg-boss` (default): durable jobs in the database; `in-process`: a simple in-memory chain. */
  jobs?: 'pg-boss' | 'in-process';
  /** Run audits in this process (default). false: only enqueue them, for separate workers. */
  work?: boolean;
  /** pg-boss job expiry and retry limit for the audits this lab enqueues (defaults 900 s, 2). */
  jobSettings?: JobSettings;
  /** Parallel audits of the in-process worker, and the TEST ONLY per-job delay. */
  workOptions?: WorkOptions;
  /** The only callback hosts USSD scans may reach (default none: USSD scans are off). */
  ussdAllow?: readonly UssdAllowEntry[];
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
  const onJobError = (e: unknown) => logError('job', e);
  let pgBoss: PgBossRunner | undefined;
  let jobs: JobRunner;
  if (opts.jobs === 'in-process') jobs = inProcessRunner((id) => runAudit(deps, id), onJobError);
  else {
    pgBoss = await startPgBossRunner({
      connection: bossConnection(opts.store, store),
      onError: onJobError,
      ...opts.jobSettings,
    }).catch(async (e: unknown) => {
      await store.close();
      throw e;
    });
    jobs = pgBoss;
  }
  const deps: LabDeps = {
    db: store.db,
    dataDir,
    now,
    jobs,
    loginLimiter: createRateLimiter({ max: limits.loginFailures, windowMs: limits.loginWindowMs, now }),
    secureCookies: opts.secureCookies ?? false,
    sessionTtlMs: limits.sessionTtlMs,
    maxUploadBytes: limits.maxUploadBytes,
    maxJsonBytes: limits.maxJsonBytes,
    logError,
    ussdAllow: opts.ussdAllow ?? [],
    trustedProxies: opts.trustedProxies,
  };
  if (opts.work !== false && pgBoss) await workAudits(pgBoss, deps, opts.workOptions);
  const firstAdmin = await ensureFirstAdmin(deps);
  if (opts.jobs === 'in-process') await resumeAudits(deps);
  return {
    app: createApp(deps),
    deps,
    store,
    firstAdmin,
    close: async () => {
      await deps.jobs.stop();
      await store.close();
    },
  };
}

function bossConnection(options: StoreOptions, store: Store): PgBossRunnerOptions['connection'] {
  if ('url' in options) return { connectionString: options.url };
  if (store.pglite) return { pglite: store.pglite };
  throw new Error('createLab: no database for pg-boss');
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

/**
 * Embedded mode runs one server process, so an audit left `running` was cut off by a crash or a
 * kill: put it back in the queue, and enqueue everything queued. (With several workers this is
 * pg-boss's job; see docs/lab.md.)
 */
export async function resumeAudits(deps: LabDeps): Promise<number> {
  await deps.db.update(audits).set({ status: 'queued', progress: null }).where(eq(audits.status, 'running'));
  const queued = await deps.db
    .select({ id: audits.id, input: audits.input })
    .from(audits)
    .where(inArray(audits.status, ['queued']))
    .orderBy(asc(audits.createdAt));
  for (const a of queued)
    await deps.jobs.enqueue(
      a.id,
      isUssdInput(a.input) ? { expireInSeconds: ussdJobExpirySeconds(a.input) } : {},
    );
  return queued.length;
}
