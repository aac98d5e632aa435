import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isDfslabError } from '../../core/errors.js';
import type { Dialect, Hop, InboundRequest, WireRequest } from '../types.js';
import {
  africasTalking,
  arkesel,
  chainOf,
  dialString,
  genericDialect,
  getDialect,
  hollatags,
  hubtel,
  nalo,
} from './index.js';

const hop = (over: Partial<Hop> = {}): Hop => ({
  sessionId: 'S1',
  msisdn: '+254700000001',
  serviceCode: '*384*123#',
  network: '63902',
  history: [],
  isNew: true,
  sequence: 1,
  ...over,
});

function inbound(w: WireRequest): InboundRequest {
  return {
    method: w.method,
    query: w.query ?? '',
    contentType: w.headers['content-type'] ?? '',
    body: w.body ?? '',
  };
}

const ALL: Dialect[] = [africasTalking, hubtel, arkesel, nalo, hollatags, genericDialect()];

describe('dial strings', () => {
  it('builds and splits chains', () => {
    assert.equal(dialString('*384*123#', []), '*384*123#');
    assert.equal(dialString('*384*123#', ['1', '0700', '50']), '*384*123*1*0700*50#');
    assert.equal(chainOf('*384*123*1*2#', '*384*123#'), '1*2');
    assert.equal(chainOf('*384*123#', '*384*123#'), '');
    assert.equal(chainOf('*999*1#', '*384*123#'), '', 'another code is not a chain');
  });
});

describe("Africa's Talking", () => {
  it('sends form fields with the *-joined history', () => {
    const w = africasTalking.encodeRequest(
      hop({ history: ['1', '0700000002', '500'], isNew: false, sequence: 4 }),
    );
    assert.equal(w.method, 'POST');
    assert.equal(w.headers['content-type'], 'application/x-www-form-urlencoded');
    const f = new URLSearchParams(w.body);
    assert.equal(f.get('text'), '1*0700000002*500');
    assert.equal(f.get('phoneNumber'), '+254700000001');
    assert.equal(f.get('serviceCode'), '*384*123#');
    assert.equal(f.get('networkCode'), '63902');
    assert.equal(f.get('sessionId'), 'S1');
  });
  it('first hop text is empty; a chain pre-fills it', () => {
    assert.equal(new URLSearchParams(africasTalking.encodeRequest(hop()).body).get('text'), '');
    assert.equal(
      new URLSearchParams(africasTalking.encodeRequest(hop({ history: ['1', '2'] })).body).get('text'),
      '1*2',
    );
  });
  it('decodes CON / END and rejects anything else', () => {
    assert.deepEqual(africasTalking.decodeReply(200, 'text/plain', 'CON Menu\n1. A'), {
      kind: 'con',
      text: 'Menu\n1. A',
    });
    assert.deepEqual(africasTalking.decodeReply(200, 'text/plain', 'END Bye'), { kind: 'end', text: 'Bye' });
    assert.equal(africasTalking.decodeReply(200, 'text/plain', 'Hello').kind, 'invalid');
    assert.equal(africasTalking.decodeReply(200, 'text/plain', 'con lower').kind, 'invalid');
    assert.equal(africasTalking.decodeReply(500, 'text/plain', 'CON x').problem, 'HTTP 500');
  });
  it('parses its own requests (app side)', () => {
    const p = africasTalking.parseRequest(
      inbound(africasTalking.encodeRequest(hop({ history: ['2', '5'], isNew: false }))),
    );
    assert.equal(p.fullText, '2*5');
    assert.equal(p.msisdn, '+254700000001');
    assert.throws(
      () => africasTalking.parseRequest({ method: 'POST', query: '', contentType: '', body: 'x=1' }),
      isDfslabError,
    );
  });
});

describe('Hubtel', () => {
  it('sends the dial string on Initiation and only the latest input afterwards', () => {
    const first = JSON.parse(hubtel.encodeRequest(hop({ history: ['1', '2'] })).body ?? '') as Record<
      string,
      unknown
    >;
    assert.equal(first.Type, 'Initiation');
    assert.equal(first.Message, '*384*123*1*2#');
    assert.equal(first.Mobile, '254700000001');
    const next = JSON.parse(
      hubtel.encodeRequest(hop({ history: ['1', '2', '300'], isNew: false, sequence: 3, clientState: 'st' }))
        .body ?? '',
    ) as Record<string, unknown>;
    assert.equal(next.Type, 'Response');
    assert.equal(next.Message, '300');
    assert.equal(next.Sequence, 3);
    assert.equal(next.ClientState, 'st');
  });
  it('decodes response / release and round-trips ClientState', () => {
    const r = hubtel.decodeReply(
      200,
      'application/json',
      JSON.stringify({ Type: 'Response', Message: 'Enter PIN', ClientState: 'abc' }),
    );
    assert.deepEqual(r, { kind: 'con', text: 'Enter PIN', clientState: 'abc' });
    assert.equal(
      hubtel.decodeReply(200, 'application/json', JSON.stringify({ Type: 'release', Message: 'Bye' })).kind,
      'end',
    );
    assert.equal(hubtel.decodeReply(200, 'application/json', '{"Type":"odd","Message":"x"}').kind, 'invalid');
    assert.equal(hubtel.decodeReply(200, 'application/json', 'CON not json').kind, 'invalid');
  });
  it('app side: the chain of a new session, the message later', () => {
    const p = hubtel.parseRequest(
      inbound(hubtel.encodeRequest(hop({ history: ['2', '0700'] }))),
      '*384*123#',
    );
    assert.equal(p.isNew, true);
    assert.equal(p.input, '2*0700');
    assert.equal(p.msisdn, '+254700000001');
  });
});

describe('Arkesel and Nalo', () => {
  it('Arkesel: newSession/userData out, message/continueSession back', () => {
    const body = JSON.parse(
      arkesel.encodeRequest(hop({ history: ['4'], isNew: false })).body ?? '',
    ) as Record<string, unknown>;
    assert.deepEqual(
      [body.sessionID, body.newSession, body.userData, body.msisdn],
      ['S1', false, '4', '254700000001'],
    );
    assert.deepEqual(
      arkesel.decodeReply(200, 'application/json', '{"message":"Hi","continueSession":true}'),
      { kind: 'con', text: 'Hi' },
    );
    assert.equal(arkesel.decodeReply(200, 'application/json', '{"message":"Hi"}').kind, 'invalid');
  });
  it('Nalo: MSGTYPE true starts, MSGTYPE true in the reply continues', () => {
    const body = JSON.parse(nalo.encodeRequest(hop()).body ?? '') as Record<string, unknown>;
    assert.deepEqual(
      [body.SESSIONID, body.MSGTYPE, body.USERDATA, body.MSISDN],
      ['S1', true, '*384*123#', '254700000001'],
    );
    assert.deepEqual(nalo.decodeReply(200, 'application/json', '{"MSG":"Bye","MSGTYPE":false}'), {
      kind: 'end',
      text: 'Bye',
    });
  });
});

describe('HollaTags', () => {
  it('GET query: begin with the dial string, continue with the latest input', () => {
    const first = hollatags.encodeRequest(hop({ history: ['1', '2'] }));
    assert.equal(first.method, 'GET');
    assert.equal(first.body, undefined);
    const q = new URLSearchParams(first.query);
    assert.deepEqual(
      [
        q.get('session_id'),
        q.get('session_msisdn'),
        q.get('session_operation'),
        q.get('session_msg'),
        q.get('session_type'),
        q.get('session_mno'),
        q.get('session_from'),
      ],
      ['S1', '254700000001', 'begin', '*384*123*1*2#', '1', '63902', '*384*123#'],
    );
    const next = new URLSearchParams(
      hollatags.encodeRequest(hop({ history: ['1', '4821'], isNew: false, sequence: 3 })).query,
    );
    assert.deepEqual(
      [next.get('session_operation'), next.get('session_msg'), next.get('session_type')],
      ['continue', '4821', '3'],
    );
  });
  it('decodes continue / end (and type 4) and rejects anything else', () => {
    const r = (o: unknown): string => hollatags.decodeReply(200, 'application/json', JSON.stringify(o)).kind;
    assert.equal(r({ session_operation: 'continue', session_msg: 'Menu', session_type: '1' }), 'con');
    assert.equal(r({ session_operation: 'end', session_msg: 'Bye' }), 'end');
    assert.equal(r({ session_operation: 'continue', session_msg: 'Bye', session_type: '4' }), 'end');
    assert.equal(r({ session_operation: 'begin', session_msg: 'x' }), 'invalid');
    assert.equal(r({ session_operation: 'end' }), 'invalid');
    assert.equal(hollatags.decodeReply(200, 'text/plain', 'CON Menu').kind, 'invalid');
    assert.equal(hollatags.decodeReply(502, 'application/json', '{}').problem, 'HTTP 502');
  });
  it('app side: the chain of a begin, the message later; missing ids are a typed error', () => {
    const p = hollatags.parseRequest(
      inbound(hollatags.encodeRequest(hop({ history: ['2', '0700'] }))),
      '*9#',
    );
    assert.deepEqual(
      [p.isNew, p.input, p.msisdn, p.serviceCode],
      [true, '2*0700', '+254700000001', '*384*123#'],
    );
    const later = hollatags.parseRequest(
      inbound(hollatags.encodeRequest(hop({ history: ['2', '0700'], isNew: false }))),
    );
    assert.deepEqual([later.isNew, later.input], [false, '0700']);
    assert.throws(
      () => hollatags.parseRequest({ method: 'GET', query: 'session_id=1', contentType: '', body: '' }),
      isDfslabError,
    );
  });
});

describe('generic', () => {
  it('default: GET query with the latest input', () => {
    const w = genericDialect().encodeRequest(hop({ history: ['1', '4821'], isNew: false }));
    assert.equal(w.method, 'GET');
    const q = new URLSearchParams(w.query);
    assert.equal(q.get('ussd_string'), '4821');
    assert.equal(q.get('new'), 'false');
  });
  it('configurable: JSON body with full history and custom markers', () => {
    const d = genericDialect({
      transport: 'json',
      fields: { sessionId: 'sid', msisdn: 'from', serviceCode: 'code', network: 'net', input: 'text' },
      history: 'full',
      con: 'C:',
      end: 'E:',
    });
    const w = d.encodeRequest(hop({ history: ['1', '2'], isNew: false }));
    assert.deepEqual(JSON.parse(w.body ?? ''), {
      sid: 'S1',
      from: '+254700000001',
      code: '*384*123#',
      net: '63902',
      text: '1*2',
    });
    assert.deepEqual(d.decodeReply(200, 'text/plain', 'C:Menu'), { kind: 'con', text: 'Menu' });
    assert.equal(d.decodeReply(200, 'text/plain', 'CON Menu').kind, 'invalid');
  });
});

describe('every dialect', () => {
  it('round-trips a reply through encodeReply / decodeReply', () => {
    for (const d of ALL) {
      const parsed = d.parseRequest(inbound(d.encodeRequest(hop())), '*384*123#');
      for (const kind of ['con', 'end'] as const) {
        const w = d.encodeReply({ kind, text: 'Line 1\nLine 2' }, parsed);
        assert.deepEqual(
          d.decodeReply(w.status, w.contentType, w.body),
          { kind, text: 'Line 1\nLine 2' },
          d.name,
        );
      }
    }
  });
  it('getDialect knows every name and refuses others', () => {
    for (const d of ALL) assert.equal(getDialect(d.name).name, d.name);
    assert.throws(() => getDialect('smpp'), isDfslabError);
  });
  it('hostile replies never throw (fixed seed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 599 }), fc.string({ maxLength: 200 }), (status, body) => {
        for (const d of ALL) {
          const r = d.decodeReply(status, 'application/json', body);
          assert.ok(['con', 'end', 'invalid'].includes(r.kind));
        }
      }),
      { seed: 5, numRuns: 500 },
    );
  });
  it('hostile requests give a typed error or a hop (fixed seed)', () => {
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST'), fc.string({ maxLength: 200 }), (method, body) => {
        for (const d of ALL) {
          try {
            d.parseRequest({ method, query: body, contentType: 'application/json', body }, '*1#');
          } catch (e) {
            assert.ok(isDfslabError(e), String(e));
          }
        }
      }),
      { seed: 6, numRuns: 500 },
    );
  });
});
