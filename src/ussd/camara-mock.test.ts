import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimSwapMock, type SimSwapMock } from './camara-mock.js';

async function post(
  url: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('mock CAMARA sim-swap v2', () => {
  let mock: SimSwapMock;
  before(async () => {
    mock = await startSimSwapMock({ token: 't' });
  });
  after(() => mock.close());

  it('answers /check from the seeded swaps and the maxAge window', async () => {
    const url = `${mock.apiRoot}/check`;
    assert.deepEqual((await post(url, { phoneNumber: '+254700000001' }, 't')).json, { swapped: false });
    mock.setSwapped('+254700000001', true);
    assert.deepEqual((await post(url, { phoneNumber: '+254700000001', maxAge: 1 }, 't')).json, {
      swapped: true,
    });
    mock.setSwapped('+254700000001', true, new Date(Date.now() - 300 * 3_600_000));
    assert.deepEqual(
      (await post(url, { phoneNumber: '+254700000001' }, 't')).json,
      { swapped: false },
      'older than the default 240 h',
    );
    assert.deepEqual((await post(url, { phoneNumber: '+254700000001', maxAge: 2400 }, 't')).json, {
      swapped: true,
    });
    mock.setSwapped('+254700000001', false);
  });
  it('/retrieve-date gives the swap time or null', async () => {
    const when = new Date('2026-01-02T03:04:05.000Z');
    mock.setSwapped('+254700000002', true, when);
    assert.equal(
      (await post(`${mock.apiRoot}/retrieve-date`, { phoneNumber: '+254700000002' }, 't')).json
        .latestSimChange,
      when.toISOString(),
    );
    assert.equal(
      (await post(`${mock.apiRoot}/retrieve-date`, { phoneNumber: '+254700000009' }, 't')).json
        .latestSimChange,
      null,
    );
  });
  it('uses the CAMARA error codes', async () => {
    const url = `${mock.apiRoot}/check`;
    assert.deepEqual(await post(url, { phoneNumber: '+254700000001' }), {
      status: 401,
      json: {
        status: 401,
        code: 'UNAUTHENTICATED',
        message: 'Request not authenticated due to missing, invalid, or expired credentials.',
      },
    });
    assert.equal((await post(url, { phoneNumber: '0700' }, 't')).json.code, 'MISSING_IDENTIFIER');
    assert.equal(
      (await post(url, { phoneNumber: '+254700000001', maxAge: 0 }, 't')).json.code,
      'OUT_OF_RANGE',
    );
    assert.equal((await post(url, 'not json', 't')).json.code, 'INVALID_ARGUMENT');
    assert.equal((await post(`${mock.apiRoot}/nope`, {}, 't')).status, 404);
    assert.ok(mock.calls.length >= 5);
  });
});
