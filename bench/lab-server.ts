/**
 * Child process of the lab benchmark: serves either the lab (seeded with bench/lab-seed.ts) or a
 * bare Hono route on 127.0.0.1, then prints one `BENCH {json}` line with the URL and credentials,
 * and runs until SIGTERM. Running the server in its own process lets wrk and the server each use a
 * core, as in production.
 *
 *   node --import tsx bench/lab-server.ts bare
 *   node --import tsx bench/lab-server.ts lab --data DIR            # embedded PGlite in DIR/pg
 *   node --import tsx bench/lab-server.ts lab --data DIR --url postgres://…
 */
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { createLab } from '../src/lab/lab.js';
import { BENCH_LINE } from './lab-procs.js';
import { DEFAULT_SEED, seedLab } from './lab-seed.js';

type Listening = { port: number; close(): Promise<void> };

function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<Listening> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  return new Promise((res) =>
    server.once('listening', () => {
      const addr = server.address();
      res({
        port: typeof addr === 'object' && addr ? addr.port : 0,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    }),
  );
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  const opt = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  let stop: () => Promise<void>;
  if (mode === 'bare') {
    const app = new Hono().get('/', (c) => c.json({ ok: true }));
    const l = await listen(app.fetch);
    stop = l.close;
    process.stdout.write(`${BENCH_LINE}${JSON.stringify({ url: `http://127.0.0.1:${l.port}` })}\n`);
  } else if (mode === 'lab') {
    const data = opt('data');
    if (!data) throw new Error('lab-server: --data DIR is needed');
    const url = opt('url');
    const lab = await createLab({
      store: url ? { url } : { dataDir: data },
      dataDir: data,
      work: false,
      logError: (id, e) => process.stderr.write(`[${id}] ${e instanceof Error ? e.message : String(e)}\n`),
    });
    const t0 = performance.now();
    const seeded = await seedLab(lab.deps.db, DEFAULT_SEED);
    const seedMs = Math.round(performance.now() - t0);
    // Settle the database as a lab in steady state would be: without this, autovacuum's analyze
    // and the checkpoint after ~85 MB of seeded reports land in whichever route is measured next.
    await lab.deps.db.execute(sql`VACUUM (ANALYZE)`);
    if (url) await lab.deps.db.execute(sql`CHECKPOINT`);
    const l = await listen(lab.app.fetch);
    stop = async () => {
      await l.close();
      await lab.close();
    };
    process.stdout.write(
      `${BENCH_LINE}${JSON.stringify({ url: `http://127.0.0.1:${l.port}`, kind: lab.store.kind, seedMs, ...seeded })}\n`,
    );
  } else throw new Error(`lab-server: unknown mode ${mode}; use bare or lab`);
  const onSignal = () => void stop().then(() => process.exit(0));
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
