/**
 * `dfslab serve`: the lab server (embedded PGlite in --data, or DATABASE_URL).
 * `dfslab worker`: audit jobs from the queue on DATABASE_URL, without an HTTP side.
 */
import type { Command } from 'commander';
import { InputError } from '../core/errors.js';
import { DEFAULT_DATA_DIR } from '../store/defaults.js';

// The lab (PGlite, pg-boss, Hono) is loaded only when a lab command runs, so `dfslab audit` and
// the other analyzer commands do not pay for it.

export function registerLabCommands(program: Command): void {
  program
    .command('serve')
    .description('Start the lab server (embedded PostgreSQL in --data, or a real one from DATABASE_URL)')
    .option('--data <dir>', 'folder for the embedded database and uploaded artifacts', DEFAULT_DATA_DIR)
    .option('--port <n>', 'TCP port', '8080')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--secure-cookies', 'mark the session cookie Secure (when served behind https)')
    .option(
      '--job-expiry <seconds>',
      `a job held longer than this counts as abandoned and is retried (${JOB_EXPIRY.min}..${JOB_EXPIRY.max})`,
      String(JOB_EXPIRY.default),
    )
    .option(
      '--job-retries <n>',
      `retries after a failed or abandoned attempt before the audit fails (0..${JOB_RETRIES.max})`,
      String(JOB_RETRIES.default),
    )
    .option(
      '--concurrency <n>',
      `jobs run in parallel by this server (1..${CONCURRENCY_MAX}; 0 = none, leave them to dfslab worker)`,
      '1',
    )
    .option(
      '--ussd-allow <hosts>',
      'callback hosts USSD scans may reach, HOST[:PORT],… (default: $DFSLAB_USSD_ALLOW; empty: USSD scans off)',
    )
    .option(
      '--trust-proxy <list>',
      'reverse proxies whose X-Forwarded-For is believed (IPs or CIDR ranges, comma-separated; default: none)',
    )
    .action(async (o: ServeCliOptions) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`bad --port '${o.port}'`);
      const expireInSeconds = intIn(o.jobExpiry, '--job-expiry', JOB_EXPIRY.min, JOB_EXPIRY.max);
      const retryLimit = intIn(o.jobRetries, '--job-retries', 0, JOB_RETRIES.max);
      const concurrency = intIn(o.concurrency, '--concurrency', 0, CONCURRENCY_MAX);
      const { parseUssdAllowList } = await import('../lab/ussd/allow-list.js');
      const ussdAllow = parseUssdAllowList(o.ussdAllow ?? process.env.DFSLAB_USSD_ALLOW);
      const { parseTrustedProxies } = await import('../lab/client-ip.js');
      const trustedProxies = o.trustProxy ? parseTrustedProxies(o.trustProxy) : undefined;
      const url = process.env.DATABASE_URL;
      if (concurrency === 0 && !url)
        throw new InputError(
          '--concurrency 0 needs DATABASE_URL: no dfslab worker can reach the embedded database',
        );
      const { serveLab } = await import('../lab/serve.js');
      const lab = await serveLab({
        store: url ? { url } : { dataDir: o.data },
        dataDir: o.data,
        port,
        hostname: o.host,
        secureCookies: o.secureCookies ?? false,
        jobSettings: { expireInSeconds, retryLimit },
        work: concurrency > 0,
        workOptions: { concurrency: Math.max(1, concurrency) },
        ussdAllow,
        trustedProxies,
      });
      const stop = () => void lab.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('worker')
    .description('Take audit jobs from the queue on DATABASE_URL (a real PostgreSQL) until SIGTERM/SIGINT')
    .option(
      '--data <dir>',
      'folder holding the uploaded artifacts (shared with the server)',
      DEFAULT_DATA_DIR,
    )
    .option('--concurrency <n>', `jobs run in parallel by this process (1..${CONCURRENCY_MAX})`, '1')
    .option('--migrate', 'apply pending database migrations instead of refusing to start')
    .option(
      '--ussd-allow <hosts>',
      "callback hosts this worker's USSD scans may reach, HOST[:PORT],… (default: $DFSLAB_USSD_ALLOW)",
    )
    .addHelpText(
      'after',
      "\nJob expiry and retry limit travel with each job: set them on the server that enqueues\n(dfslab serve --job-expiry/--job-retries). USSD scans run only to hosts on BOTH the\nserver's and this worker's allow-list.",
    )
    .action(async (o: { data: string; concurrency: string; migrate?: boolean; ussdAllow?: string }) => {
      const url = process.env.DATABASE_URL;
      if (!url) throw new InputError('dfslab worker needs DATABASE_URL=postgres://… (the queue lives there)');
      const concurrency = positiveInt(o.concurrency, '--concurrency', CONCURRENCY_MAX);
      const { parseUssdAllowList } = await import('../lab/ussd/allow-list.js');
      const ussdAllow = parseUssdAllowList(o.ussdAllow ?? process.env.DFSLAB_USSD_ALLOW);
      const delay = process.env.DFSLAB_TEST_JOB_DELAY_MS;
      const { startWorker } = await import('../lab/worker.js');
      const worker = await startWorker({
        url,
        dataDir: o.data,
        concurrency,
        migrate: o.migrate ?? false,
        ussdAllow,
        testJobDelayMs: delay ? positiveInt(delay, 'DFSLAB_TEST_JOB_DELAY_MS', 600_000) : undefined,
        log: (line) => console.log(`dfslab worker ${process.pid}: ${line}`),
      }).catch((e: unknown) => {
        if (e instanceof Error && e.name === 'NotMigratedError') throw new InputError(e.message);
        throw e;
      });
      console.log(`dfslab worker ${process.pid} taking audit jobs (concurrency ${concurrency})`);
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        console.log(`dfslab worker ${process.pid} stopping: finishing running jobs`);
        void worker.stop().then(
          () => process.exit(0),
          (e: unknown) => {
            console.error(e);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

type ServeCliOptions = {
  data: string;
  port: string;
  host: string;
  secureCookies?: boolean;
  jobExpiry: string;
  jobRetries: string;
  concurrency: string;
  ussdAllow?: string;
  trustProxy?: string;
};

const JOB_EXPIRY = { min: 10, max: 86_400, default: 900 } as const;
const JOB_RETRIES = { max: 20, default: 2 } as const;
const CONCURRENCY_MAX = 64;

function intIn(text: string, what: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^[0-9]+$/.test(text.trim()) || !Number.isInteger(n) || n < min || n > max)
    throw new InputError(`bad ${what} '${text}' (${min}..${max})`);
  return n;
}

function positiveInt(text: string, what: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InputError(`bad ${what} '${text}' (1..${max})`);
  return n;
}
