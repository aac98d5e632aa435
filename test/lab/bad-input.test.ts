/**
 * Bad input on every route of the OpenAPI document (so a new route is covered automatically):
 * malformed JSON, wrong types, missing fields, oversized bodies, hostile unicode in every string
 * field; and uploads that are oversized (streamed), truncated, empty or not an APK. Each is a
 * clear 4xx — or a 2xx where the value is legitimately accepted, and then it reads back exactly —
 * never a 5xx; the server keeps serving, and nothing half-written stays behind.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { count } from 'drizzle-orm';
import { artifactOwners, artifacts, audits } from '../../src/store/schema.js';
import { transcript, WEAK } from '../stk/transcripts.js';
import { addUser, call, signIn, testLab, type Client, type TestLab, uploadDemo } from '../lab-helpers.js';
import {
  example,
  HOSTILE_PARAMS,
  HOSTILE_TEXT,
  MUST_REFUSE,
  routesOf,
  stringFields,
  strings,
  withField,
  type OpenApiDoc,
  type Route,
} from './bad-input-helpers.js';

const DEMO = join(import.meta.dirname, '../../samples/demo-wallet.apk');
const MAX_UPLOAD = 256 * 1024;
const CHUNK = 64 * 1024;

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []))
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  return out.sort();
}

/** A body stream of `total` bytes that records how much the server pulled, or fails after `failAfter`. */
function meteredStream(total: number, first: Uint8Array, failAfter?: number) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (failAfter !== undefined && state.pulled >= failAfter)
        return ctrl.error(new Error('client went away'));
      if (state.pulled >= total) return ctrl.close();
      const chunk = new Uint8Array(Math.min(CHUNK, total - state.pulled));
      if (state.pulled === 0) chunk.set(first.subarray(0, chunk.length));
      state.pulled += chunk.length;
      ctrl.enqueue(chunk);
    },
  });
  return { stream, state };
}

async function assertClearError(res: Response, what: string): Promise<void> {
  assert.ok(res.status >= 400 && res.status < 500, `${what}: ${res.status}`);
  const body = (await res.json()) as { error?: { code?: string; message?: string; requestId?: string } };
  assert.ok(body.error?.code && body.error.requestId, `${what}: ${JSON.stringify(body)}`);
  const msg = body.error.message ?? '';
  assert.ok(msg.length > 0 && !msg.includes('\n') && !/\bat .*\.[jt]s:\d+/.test(msg), `${what}: ${msg}`);
}

describe('bad input on every route', () => {
  let lab: TestLab;
  let doc: OpenApiDoc;
  let routes: Route[];
  let admin: Client;
  let pwUser: Client;
  let pwCurrent = 'throwaway password 1';
  const ids: Record<string, string> = {};
  let n = 0;
  const ctx = { sha256: '', uuid: '', unique: () => String(++n) };

  before(async () => {
    lab = await testLab({ jobs: 'in-process', limits: { maxUploadBytes: MAX_UPLOAD } });
    assert.ok(lab.firstAdmin);
    admin = await signIn(lab, lab.firstAdmin.email, lab.firstAdmin.password);
    const me = (await (await call(lab, admin, 'GET', '/api/me')).json()) as { org: { id: string } };
    ids.org = me.org.id;
    ids.member = await addUser(lab, ids.org, 'member@bad-input.example', 'member password', 'analyst');
    await addUser(lab, ids.org, 'pw@bad-input.example', pwCurrent, 'analyst');
    pwUser = await signIn(lab, 'pw@bad-input.example', pwCurrent);
    ctx.sha256 = await uploadDemo(lab, admin);
    const audit = await call(lab, admin, 'POST', '/api/audits', { artifactSha256: ctx.sha256 });
    ids.audit = ((await audit.json()) as { id: string }).id;
    ctx.uuid = ids.audit;
    await lab.deps.jobs.idle();
    const fl = await call(lab, admin, 'GET', `/api/audits/${ids.audit}/findings`);
    ids.finding = ((await fl.json()) as { findings: { id: string }[] }).findings[0].id;
    const tok = await call(lab, admin, 'POST', '/api/tokens', { name: 'bad-input', role: 'viewer' });
    ids.token = ((await tok.json()) as { id: string }).id;
    doc = (await (await lab.app.request('/api/openapi.json')).json()) as OpenApiDoc;
    routes = routesOf(doc);
  });
  after(() => lab.dispose());

  const concrete = (r: Route) => {
    let p = r.path.replace('{userId}', ids.member);
    if (p.startsWith('/api/orgs/')) p = p.replace('{id}', ids.org);
    else if (p.startsWith('/api/findings/')) p = p.replace('{id}', ids.finding);
    else if (p.startsWith('/api/tokens/')) p = p.replace('{id}', ids.token);
    else p = p.replace('{id}', ids.audit);
    return p.endsWith('/compare') ? `${p}?base=${ids.audit}` : p;
  };

  /** The caller for a route: nobody for sign-in, a throwaway user for the password change. */
  async function who(r: Route): Promise<Client | undefined> {
    if (r.key === 'POST /api/session') return undefined;
    if (r.key !== 'POST /api/me/password') return admin;
    if ((await call(lab, pwUser, 'GET', '/api/me')).status !== 200)
      pwUser = await signIn(lab, 'pw@bad-input.example', pwCurrent);
    return pwUser;
  }

  async function send(
    r: Route,
    body: NonNullable<RequestInit['body']>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const c = await who(r);
    const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
    if (c) Object.assign(h, { cookie: c.cookie, 'x-csrf-token': c.csrf });
    const init: RequestInit & { duplex?: 'half' } = { method: r.method, headers: h, body };
    if (body instanceof ReadableStream) init.duplex = 'half';
    return lab.app.request(concrete(r), init);
  }

  /** Everything the admin can read, for finding an accepted value again. */
  async function readable(): Promise<string[]> {
    const paths = routes
      .filter((r) => r.method === 'GET' && !r.path.includes('{') && !r.path.endsWith('openapi.json'))
      .map((r) => r.path);
    paths.push(
      `/api/orgs/${ids.org}/members`,
      `/api/audits/${ids.audit}/findings`,
      `/api/orgs/${ids.org}/audit-log`,
    );
    const out: string[] = [];
    for (const p of paths) {
      const res = await call(lab, admin, 'GET', p);
      if (res.headers.get('content-type')?.includes('json')) strings(await res.json(), out);
    }
    return out;
  }

  const jsonRoutes = () => routes.filter((r) => r.json);

  it('finds JSON and upload routes', () => {
    assert.ok(jsonRoutes().length >= 5, String(jsonRoutes().length));
    assert.ok(routes.some((r) => r.key === 'POST /api/artifacts' && r.binary));
  });

  it('answers malformed JSON with 400 on every JSON route', async () => {
    const bad = ['{"a":', '[', 'nul', '{"a":1} trailing', '\uFEFF{}', '{"a":"\\x"}', '[]'.repeat(3), ''];
    for (const r of jsonRoutes())
      for (const text of bad) {
        const res = await send(r, text);
        assert.equal(res.status, 400, `${r.key} ${JSON.stringify(text)}: ${res.status}`);
        await assertClearError(res, `${r.key} ${JSON.stringify(text)}`);
      }
  });

  it('answers wrong types, missing fields and deep nesting with a clear 4xx', async () => {
    for (const r of jsonRoutes()) {
      const base = example(doc, r.json ?? {}, ctx) as Record<string, unknown>;
      const cases: unknown[] = [null, 42, 'text', true, [], [base], {}, '['.repeat(5000) + ']'.repeat(5000)];
      for (const k of Object.keys(base)) {
        const { [k]: _omitted, ...missing } = base;
        cases.push(missing);
        for (const wrong of [
          12345,
          'x',
          true,
          null,
          {},
          [],
          -1,
          Number.MAX_SAFE_INTEGER * 4,
          1.5,
          '9'.repeat(400),
        ])
          cases.push({ ...base, [k]: wrong });
      }
      for (const body of cases) {
        const text = typeof body === 'string' && body.startsWith('[') ? body : JSON.stringify(body);
        const res = await send(r, text);
        assert.ok(
          res.status < 500,
          `${r.key} ${text.slice(0, 80)}: ${res.status} ${await res.clone().text()}`,
        );
        if (res.status >= 400) await assertClearError(res, `${r.key} ${text.slice(0, 80)}`);
      }
    }
    assert.equal((await call(lab, admin, 'GET', '/api/me')).status, 200);
  });

  it('refuses bodies over the JSON limit with 413, with or without a Content-Length', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(lab.deps.maxJsonBytes) });
    for (const r of jsonRoutes()) {
      const res = await send(r, big);
      assert.equal(res.status, 413, `${r.key}: ${res.status}`);
      await assertClearError(res, r.key);
      const { stream, state } = meteredStream(4 * 1024 * 1024, new TextEncoder().encode('{"name":"'));
      const streamed = await send(r, stream);
      assert.equal(streamed.status, 413, `${r.key} streamed: ${streamed.status}`);
      assert.ok(state.pulled < 1024 * 1024, `${r.key} read ${state.pulled} bytes of an oversized body`);
    }
  });

  it('accepts hostile unicode exactly as sent, or refuses it with a clear 4xx, in every string field', async () => {
    for (const r of jsonRoutes()) {
      for (const field of stringFields(doc, r.json ?? {})) {
        for (const [label, text] of Object.entries(HOSTILE_TEXT)) {
          const base = example(doc, r.json ?? {}, ctx);
          const res = await send(r, JSON.stringify(withField(base, field, text)));
          const what = `${r.key} ${field}=${label}`;
          assert.ok(res.status < 500, `${what}: ${res.status} ${await res.clone().text()}`);
          if (res.status >= 400 || MUST_REFUSE.has(label)) {
            await assertClearError(res, what);
            continue;
          }
          if (r.key === 'POST /api/me/password' && field === 'newPassword') pwCurrent = text;
          if (/password/i.test(field)) continue; // never readable, by design
          const seen = [...strings(await res.json().catch(() => null)), ...(await readable())];
          assert.ok(
            seen.some((s) => s.includes(text)),
            `${what}: accepted (${res.status}) but not read back as sent`,
          );
        }
      }
    }
    assert.equal((await call(lab, admin, 'GET', '/api/me')).status, 200);
  });

  it('answers hostile text in every path and query parameter with a clear 4xx or a plain answer, never a 5xx', async () => {
    const demo = new Uint8Array(await readFile(DEMO));
    const capture = new TextEncoder().encode(transcript(WEAK, true));
    let tried = 0;
    let accepted = 0;
    for (const r of routes) {
      if (r.key === 'DELETE /api/session') continue; // would sign the admin out; no parameters anyway
      for (const param of r.params) {
        for (const [label, text] of Object.entries({ ...HOSTILE_TEXT, ...HOSTILE_PARAMS })) {
          // Every other parameter keeps its valid value; the body is the route's valid example. Text
          // with no UTF-8 form (a lone surrogate) goes as the bytes of an encoded surrogate.
          let encoded: string;
          try {
            encoded = encodeURIComponent(text);
          } catch {
            encoded = '%ED%A0%80%FF';
          }
          const url = new URL(concrete(r), 'http://lab.test');
          if (param.in === 'path') {
            const valid = concrete({ ...r, path: r.path.replace(`{${param.name}}`, '\u0000') });
            const at = valid.indexOf('\u0000');
            url.pathname = valid.slice(0, at) + encoded + valid.slice(at + 1).split('?')[0];
          } else {
            url.searchParams.delete(param.name);
            url.search = `${url.search ? `${url.search}&` : '?'}${param.name}=${encoded}`;
          }
          if (r.binary && param.name === 'name' && !url.searchParams.has('name'))
            url.searchParams.set('name', 'x.apk');
          const body = r.binary
            ? r.path === '/api/stk-audits'
              ? capture
              : demo
            : r.json
              ? JSON.stringify(example(doc, r.json, ctx))
              : r.method === 'GET' || r.method === 'HEAD'
                ? undefined
                : '{}';
          const c = await who(r);
          const h: Record<string, string> = {
            'content-type': r.binary ? 'application/octet-stream' : 'application/json',
          };
          if (c) Object.assign(h, { cookie: c.cookie, 'x-csrf-token': c.csrf });
          const res = await lab.app.request(url.pathname + url.search, {
            method: r.method,
            headers: h,
            body,
          });
          const what = `${r.key} ${param.in} ${param.name}=${label}`;
          assert.ok(res.status < 500, `${what}: ${res.status} ${await res.clone().text()}`);
          if (res.status >= 400) await assertClearError(res, what);
          tried++;
          if (res.status < 400) accepted++;
        }
      }
    }
    assert.ok(tried >= 100 && accepted > 0, `${tried} parameter cases, ${accepted} accepted`);
    assert.equal((await call(lab, admin, 'GET', '/api/me')).status, 200);
  });

  describe('uploads', () => {
    const uploadRoutes = () => routes.filter((r) => r.binary);
    let before: { rows: number[]; files: string[] };
    const snapshot = async () => ({
      rows: await Promise.all(
        [artifacts, artifactOwners, audits].map(
          async (t) => (await lab.deps.db.select({ n: count() }).from(t))[0].n,
        ),
      ),
      files: await files(join(lab.tmp, 'artifacts')),
    });
    const upload = (r: Route, body: NonNullable<RequestInit['body']>) =>
      send(r, body, { 'content-type': 'application/octet-stream' });

    it('refuses an oversized upload at the limit, while streaming, and keeps nothing', async () => {
      before = await snapshot();
      const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
      for (const r of uploadRoutes()) {
        const { stream, state } = meteredStream(8 * 1024 * 1024, zip);
        const res = await upload(r, stream);
        assert.equal(res.status, 413, `${r.key}: ${res.status}`);
        await assertClearError(res, r.key);
        assert.ok(
          state.pulled <= Math.max(MAX_UPLOAD, lab.deps.maxJsonBytes) + 4 * CHUNK,
          `${r.key} pulled ${state.pulled}`,
        );
      }
      assert.deepEqual(await snapshot(), before);
    });

    it('refuses truncated, empty and non-APK uploads with a clear 4xx and keeps nothing', async () => {
      for (const r of uploadRoutes()) {
        const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
        const truncated = await upload(r, meteredStream(MAX_UPLOAD - 1, zip, 2 * CHUNK).stream);
        await assertClearError(truncated, `${r.key} truncated`);
        await assertClearError(await upload(r, new Uint8Array(0)), `${r.key} empty`);
        const junk = await upload(r, new TextEncoder().encode('MZ\u0000 not an apk'));
        await assertClearError(junk, `${r.key} junk`);
        if (r.key === 'POST /api/artifacts') assert.equal(junk.status, 415);
      }
      assert.deepEqual(await snapshot(), before);
    });

    it('survives a client that disconnects mid-upload over TCP, and keeps nothing', async () => {
      const server = serve({ fetch: lab.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((res) => server.once('listening', () => res()));
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      try {
        const sock = connect(port, '127.0.0.1');
        await new Promise<void>((res) => sock.once('connect', () => res()));
        sock.write(
          `POST /api/artifacts?name=cut.apk HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
            `Cookie: ${admin.cookie}\r\nX-CSRF-Token: ${admin.csrf}\r\n` +
            `Content-Type: application/octet-stream\r\nContent-Length: ${MAX_UPLOAD - 10}\r\n\r\n`,
        );
        sock.write(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(100 * 1024)]));
        await sleep(100);
        sock.destroy();
        let now = await snapshot();
        for (let i = 0; i < 50 && JSON.stringify(now) !== JSON.stringify(before); i++) {
          await sleep(100);
          now = await snapshot();
        }
        assert.deepEqual(now, before);
        const me = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { cookie: admin.cookie } });
        assert.equal(me.status, 200);
      } finally {
        await new Promise<void>((res) => server.close(() => res()));
      }
    });
  });
});
