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
    .action(async (o: { data: string; port: string; host: string; secureCookies?: boolean }) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`bad --port '${o.port}'`);
      const url = process.env.DATABASE_URL;
      const { serveLab } = await import('../lab/serve.js');
      const lab = await serveLab({
        store: url ? { url } : { dataDir: o.data },
        dataDir: o.data,
        port,
        hostname: o.host,
        secureCookies: o.secureCookies ?? false,
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
    .option('--concurrency <n>', 'audits run in parallel by this process', '1')
    .option('--migrate', 'apply pending database migrations instead of refusing to start')
    .action(async (o: { data: string; concurrency: string; migrate?: boolean }) => {
      const url = process.env.DATABASE_URL;
      if (!url) throw new InputError('dfslab worker needs DATABASE_URL=postgres://… (the queue lives there)');
      const concurrency = positiveInt(o.concurrency, '--concurrency', 64);
      const delay = process.env.DFSLAB_TEST_JOB_DELAY_MS;
      const { startWorker } = await import('../lab/worker.js');
      const worker = await startWorker({
        url,
        dataDir: o.data,
        concurrency,
        migrate: o.migrate ?? false,
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

function positiveInt(text: string, what: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InputError(`bad ${what} '${text}' (1..${max})`);
  return n;
}
