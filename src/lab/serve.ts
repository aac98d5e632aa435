/** Run the lab over HTTP with @hono/node-server until SIGINT/SIGTERM. */
import { serve } from '@hono/node-server';
import { createLab, type LabOptions } from './lab.js';

export type ServeOptions = LabOptions & { port: number; hostname: string; log?: (line: string) => void };

export async function serveLab(opts: ServeOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const lab = await createLab(opts);
  const server = serve({ fetch: lab.app.fetch, port: opts.port, hostname: opts.hostname });
  await new Promise<void>((res) => server.once('listening', () => res()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const url = `http://${opts.hostname.includes(':') ? `[${opts.hostname}]` : opts.hostname}:${port}`;
  log(
    `dfslab lab listening on ${url} (${lab.store.kind}${lab.store.dataDir ? `, data in ${lab.store.dataDir}` : ''})`,
  );
  if (lab.firstAdmin) {
    log('First start: created the administrator. This password is shown only once:');
    log(`  email:    ${lab.firstAdmin.email}`);
    log(`  password: ${lab.firstAdmin.password}`);
  }
  return {
    url,
    stop: async () => {
      const closed = new Promise<void>((res) => server.close(() => res()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await lab.close();
    },
  };
}
