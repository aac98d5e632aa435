import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { serveLab } from './serve.js';

describe('serveLab over real HTTP', () => {
  it('prints the first admin password once, signs in, and streams an upload', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dfslab-serve-'));
    const lines: string[] = [];
    const lab = await serveLab({
      store: { memory: true },
      dataDir: dir,
      port: 0,
      hostname: '127.0.0.1',
      log: (l) => lines.push(l),
    });
    try {
      const password =
        lines
          .find((l) => l.includes('password:'))
          ?.split('password:')[1]
          .trim() ?? '';
      assert.ok(password.length >= 20, lines.join('\n'));
      const bad = await fetch(`${lab.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@dfslab.local', password: 'password' }),
      });
      assert.equal(bad.status, 401);
      const res = await fetch(`${lab.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: lab.url },
        body: JSON.stringify({ email: 'admin@dfslab.local', password }),
      });
      assert.equal(res.status, 200);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      // a chunked, streamed body over a real socket
      const chunks = [new Uint8Array([0x50, 0x4b, 0x03, 0x04]), new Uint8Array(100_000)];
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          const next = chunks.shift();
          if (next) c.enqueue(next);
          else c.close();
        },
      });
      const up = await fetch(`${lab.url}/api/artifacts?name=x.apk`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/octet-stream' },
        body,
        duplex: 'half',
      } as RequestInit);
      assert.equal(up.status, 201);
      assert.equal(((await up.json()) as { size: number }).size, 100_004);
    } finally {
      await lab.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('dfslab serve / worker job flags', () => {
  const run = async (...args: string[]) => {
    const { buildProgram } = await import('../cli/program.js');
    return buildProgram().parseAsync(['node', 'dfslab', ...args]);
  };
  const subcommandHelp = async (name: string) => {
    const { buildProgram } = await import('../cli/program.js');
    return buildProgram()
      .commands.find((c) => c.name() === name)
      ?.helpInformation();
  };

  it('documents them in --help', async () => {
    const serve = (await subcommandHelp('serve')) ?? '';
    for (const flag of [
      '--job-expiry <seconds>',
      '--job-retries <n>',
      '--concurrency <n>',
      '--ussd-allow <hosts>',
      '--trust-proxy <list>',
    ])
      assert.ok(serve.includes(flag), flag);
    const worker = (await subcommandHelp('worker')) ?? '';
    for (const flag of ['--concurrency <n>', '--ussd-allow <hosts>']) assert.ok(worker.includes(flag), flag);
  });

  it('refuses bad values with one clear line, before starting anything', async () => {
    const cases: [string[], RegExp][] = [
      [['serve', '--job-expiry', '5'], /bad --job-expiry '5' \(10\.\.86400\)/],
      [['serve', '--job-expiry', '1e3'], /bad --job-expiry/],
      [['serve', '--job-retries', '-1'], /bad --job-retries/],
      [['serve', '--concurrency', '65'], /bad --concurrency/],
      [['serve', '--ussd-allow', 'http://x.example'], /bad USSD allow-list entry 'http:\/\/x.example'/],
      [['serve', '--concurrency', '0'], /--concurrency 0 needs DATABASE_URL/],
      [['serve', '--trust-proxy', '10.0.0.0/99'], /10\.0\.0\.0\/99/],
    ];
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      for (const [args, message] of cases)
        await assert.rejects(
          run(...args),
          (e: unknown) => e instanceof Error && message.test(e.message),
          args.join(' '),
        );
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });
});
