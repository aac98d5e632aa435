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
