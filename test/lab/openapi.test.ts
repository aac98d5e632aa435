import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testLab, type TestLab } from '../lab-helpers.js';

describe('lab OpenAPI document and HTTP hardening', () => {
  let lab: TestLab;
  before(async () => {
    lab = await testLab();
  });
  after(() => lab.dispose());

  it('serves an OpenAPI 3.1 document with every route and named schemas', async () => {
    const res = await lab.app.request('/api/openapi.json');
    assert.equal(res.status, 200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    assert.equal(doc.openapi, '3.1.0');
    const want: [string, string][] = [
      ['/api/session', 'post'],
      ['/api/session', 'delete'],
      ['/api/me', 'get'],
      ['/api/orgs/{id}/members', 'get'],
      ['/api/orgs/{id}/audit-log', 'get'],
      ['/api/artifacts', 'post'],
      ['/api/audits', 'post'],
      ['/api/audits/{id}', 'get'],
      ['/api/audits/{id}/findings', 'get'],
      ['/api/audits/{id}/report.json', 'get'],
      ['/api/audits/{id}/report.sarif', 'get'],
      ['/api/audits/{id}/report.html', 'get'],
      ['/api/findings/{id}', 'patch'],
    ];
    for (const [p, m] of want) assert.ok(doc.paths[p]?.[m], `${m.toUpperCase()} ${p}`);
    for (const s of ['Error', 'SignIn', 'Session', 'Me', 'Audit', 'Finding', 'Triage', 'Artifact'])
      assert.ok(doc.components.schemas[s], s);
    assert.ok(doc.components.securitySchemes.session);
    // every route but sign-in declares the session requirement
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops))
        if (!(p === '/api/session' && m === 'post')) assert.ok(op.security?.length, `${m} ${p} has security`);
  });

  it('sends security headers with a strict CSP on success and error responses', async () => {
    for (const path of ['/api/openapi.json', '/api/me', '/nope']) {
      const res = await lab.app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
      assert.ok(res.headers.get('x-request-id'), path);
    }
    const nf = await lab.app.request('/nope');
    assert.equal(nf.status, 404);
    assert.equal(((await nf.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
  });
});
