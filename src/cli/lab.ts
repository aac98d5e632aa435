/** `dfslab serve`: the lab server (embedded PGlite in --data, or DATABASE_URL). */
import type { Command } from 'commander';
import { InputError } from '../core/errors.js';
import { serveLab } from '../lab/serve.js';
import { DEFAULT_DATA_DIR } from '../store/open.js';

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
}
