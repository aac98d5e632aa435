/** The harness stays inside its budget, never sends to another host, and enforces the hop limit. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { isDfslabError } from '../../src/core/errors.js';
import {
  crawlMenu,
  DEFAULT_CRAWL,
  DEFAULT_SESSION_LIMITS,
  getDialect,
  Harness,
  scanUssd,
  Session,
} from '../../src/ussd/index.js';
import { startUssdFixture, type FixtureServer } from '../fixtures/ussd/app.js';
import { fixtureScan } from '../ussd-helpers.js';

function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    handler?.(req, res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/cb`, hits: () => hits });
    }),
  );
}

describe('budget', () => {
  let fx: FixtureServer;
  before(async () => {
    fx = await startUssdFixture({ hardened: false, dialect: getDialect('africastalking') });
  });
  after(() => fx.close());

  it('a scan never sends more than maxRequests', async () => {
    const { report, requests, map } = await scanUssd(
      fixtureScan(fx.url, 'africastalking', { budget: { maxRequests: 15, minDelayMs: 0, maxMs: 30_000 } }),
    );
    assert.ok(requests <= 15, `${requests} requests`);
    assert.equal(fx.requests, requests);
    assert.match(map.truncated ?? '', /request count/);
    assert.ok(
      report.errors.every((e) => e.errorName === 'LimitError'),
      JSON.stringify(report.errors),
    );
  });

  it('spaces requests by minDelayMs, even when sent concurrently', async () => {
    const h = new Harness(fixtureScan(fx.url, 'africastalking').target, {
      maxRequests: 10,
      minDelayMs: 40,
      maxMs: 10_000,
    });
    const t0 = Date.now();
    await Promise.all([new Session(h).start(), new Session(h).start(), new Session(h).start()]);
    assert.ok(Date.now() - t0 >= 80, `${Date.now() - t0} ms for 3 requests`);
  });

  it('refuses once the request budget is spent', async () => {
    const h = new Harness(fixtureScan(fx.url, 'africastalking').target, {
      maxRequests: 1,
      minDelayMs: 0,
      maxMs: 10_000,
    });
    await new Session(h).start();
    await assert.rejects(new Session(h).start(), (e) => isDfslabError(e) && e.code === 'LIMIT');
  });
});

describe('one host only', () => {
  it('does not follow a redirect to another host', async () => {
    const decoy = await listen((_req, res) => res.end('CON decoy'));
    const redirector = await listen((_req, res) => {
      res.writeHead(307, { location: decoy.url });
      res.end();
    });
    try {
      const { report, requests } = await scanUssd(fixtureScan(redirector.url, 'africastalking'));
      assert.equal(decoy.hits(), 0, 'the decoy host got nothing');
      assert.equal(redirector.hits(), requests);
      for (const f of report.findings)
        for (const e of f.evidence)
          if (e.kind === 'http') assert.ok(e.request.url.startsWith(redirector.url));
    } finally {
      decoy.server.close();
      redirector.server.close();
    }
  });

  it('refuses non-http URLs', () => {
    const t = fixtureScan('http://x/', 'hubtel').target;
    assert.throws(() => new Harness({ ...t, url: 'file:///etc/passwd' }), isDfslabError);
    assert.throws(() => new Harness({ ...t, url: 'not a url' }), isDfslabError);
  });
});

describe('network limits', () => {
  it('a hop slower than the hop limit is cut off and marked', async () => {
    // The app would answer after 3 s; the 100 ms hop limit must cut it off long before (wide
    // margins: the test box may be heavily loaded).
    const slow = await listen((_req, res) => {
      setTimeout(() => res.end('CON late'), 3000).unref();
    });
    try {
      const t = {
        ...fixtureScan(slow.url, 'africastalking').target,
        limits: { ...DEFAULT_SESSION_LIMITS, hopTimeoutMs: 100 },
      };
      const ex = await new Session(new Harness(t, { maxRequests: 5, minDelayMs: 0, maxMs: 5000 })).start();
      assert.equal(ex.reply.kind, 'invalid');
      assert.deepEqual(ex.violations, ['timeout']);
      assert.ok(ex.ms < 1500, `${ex.ms} ms`);
    } finally {
      slow.server.closeAllConnections();
      slow.server.close();
    }
  });

  it('an over-long screen is marked (182 GSM-7 / 80 UCS-2)', async () => {
    let body = '';
    const app = await listen((_req, res) => res.end(body));
    try {
      const h = new Harness(fixtureScan(app.url, 'africastalking').target, {
        maxRequests: 5,
        minDelayMs: 0,
        maxMs: 5000,
      });
      body = `CON ${'x'.repeat(183)}`;
      assert.deepEqual((await new Session(h).start()).violations, ['over-long screen']);
      body = `CON ${'x'.repeat(182)}`;
      assert.deepEqual((await new Session(h).start()).violations, []);
      body = `CON ${'ş'.repeat(81)}`;
      const ex = await new Session(h).start();
      assert.equal(ex.size.encoding, 'ucs2');
      assert.deepEqual(ex.violations, ['over-long screen']);
    } finally {
      app.server.close();
    }
  });
});

describe('concurrency', () => {
  it('concurrent sends cannot overrun the request budget', async () => {
    const fx = await startUssdFixture({ hardened: false, dialect: getDialect('hubtel') });
    try {
      const h = new Harness(fixtureScan(fx.url, 'hubtel').target, {
        maxRequests: 3,
        minDelayMs: 0,
        maxMs: 10_000,
      });
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => new Session(h).start()));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 3);
      assert.equal(fx.requests, 3);
    } finally {
      await fx.close();
    }
  });
});

describe('crawl budget', () => {
  it('stops at the screen and depth limits and says why', async () => {
    const fx = await startUssdFixture({ hardened: false, dialect: getDialect('arkesel') });
    try {
      const target = fixtureScan(fx.url, 'arkesel').target;
      const small = await crawlMenu(new Harness(target, { maxRequests: 100, minDelayMs: 0, maxMs: 10_000 }), {
        ...DEFAULT_CRAWL,
        maxScreens: 4,
      });
      assert.equal(small.nodes.length, 4);
      assert.equal(small.truncated, 'screen limit 4');
      const shallow = await crawlMenu(
        new Harness(target, { maxRequests: 100, minDelayMs: 0, maxMs: 10_000 }),
        { ...DEFAULT_CRAWL, maxDepth: 1 },
      );
      assert.ok(shallow.nodes.every((n) => n.depth <= 1));
      assert.ok(shallow.nodes.some((n) => n.stop === 'depth limit'));
      assert.equal(shallow.truncated, undefined);
      assert.equal(shallow.root?.stop, undefined);
      const pinStops = shallow.nodes.filter((n) => n.prompt === 'pin');
      assert.ok(pinStops.length > 0);
    } finally {
      await fx.close();
    }
  });
  it('without a PIN the crawl stops at PIN prompts', async () => {
    const fx = await startUssdFixture({ hardened: true, dialect: getDialect('arkesel') });
    try {
      const map = await crawlMenu(
        new Harness(fixtureScan(fx.url, 'arkesel').target, {
          maxRequests: 100,
          minDelayMs: 0,
          maxMs: 10_000,
        }),
      );
      assert.ok(
        map.nodes
          .filter((n) => n.prompt === 'pin')
          .every((n) => n.stop === 'PIN unknown' || n.stop === 'depth limit'),
      );
      assert.ok(!map.nodes.some((n) => n.afterPin));
    } finally {
      await fx.close();
    }
  });
});
