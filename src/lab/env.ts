/** What every route sees: dependencies (`deps`) and, once authenticated, the actor. */
import type { IncomingMessage } from 'node:http';
import type { Db } from '../store/open.js';
import type { Role } from '../store/schema.js';
import type { RateLimiter } from './auth/rate-limit.js';
import type { TrustedProxies } from './client-ip.js';
import type { JobRunner } from './jobs.js';
import type { UssdAllowEntry } from './ussd/allow-list.js';

export type Actor = {
  userId: string;
  orgId: string;
  role: Role;
  email: string;
  /** The session's CSRF token (cookie sessions only; '' for an API token). */
  csrfToken: string;
  /** Set when the caller authenticated with an API token (Authorization: Bearer dfs_…). */
  tokenId?: string;
};

export type LabDeps = {
  db: Db;
  /** Where artifacts are stored (`<dataDir>/artifacts/<sha256[0..2]>/<sha256>`). */
  dataDir: string;
  jobs: JobRunner;
  now: () => Date;
  loginLimiter: RateLimiter;
  /** Mark the session cookie Secure (set when served behind https). */
  secureCookies: boolean;
  sessionTtlMs: number;
  maxUploadBytes: number;
  maxJsonBytes: number;
  /** The only callback hosts USSD scans may reach (empty: USSD scans are off). */
  ussdAllow: readonly UssdAllowEntry[];
  /** Reverse proxies whose X-Forwarded-For is believed (client-ip.ts); none by default. */
  trustedProxies?: TrustedProxies;
  /** Report the unknown errors behind a 500 (default: console.error). */
  logError: (requestId: string, e: unknown) => void;
};

export type LabEnv = {
  Bindings: { incoming?: IncomingMessage };
  Variables: { deps: LabDeps; actor: Actor; requestId: string };
};
