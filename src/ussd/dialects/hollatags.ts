/**
 * HollaTags (Nigeria), from the field list in the project notes (ussd-stk-notes §1.2): a GET
 * query `session_id, session_msisdn, session_operation (begin|continue|end), session_msg (≤ 160),
 * session_from, session_type (1 request, 2 notify, 3 response, 4 notify+end), session_mno`,
 * answered by JSON with the same keys.
 *
 * The notes give the names, not every meaning. What this adapter assumes (unverified against
 * HollaTags' own documentation, which we have not read):
 * - `session_from` carries the service code (it falls back to the app's code when absent);
 * - the number is sent without '+', like the other non-Africa's Talking gateways;
 * - `session_msg` is the dial string on `begin` and the latest input afterwards;
 * - the gateway sends type 1 on `begin` and 3 on `continue`; the app answers `continue` with
 *   type 1 (asks for input) and `end` with type 4; a reply is read from `session_operation`
 *   (and type 4 also means end).
 */
import { InputError } from '../../core/errors.js';
import type { Dialect, Hop, ParsedHop } from '../types.js';
import {
  bareMsisdn,
  chainOf,
  dialString,
  httpProblem,
  invalid,
  JSON_TYPE,
  parseJsonObject,
  plusMsisdn,
  str,
  type JsonRecord,
} from './common.js';

/** The longest `session_msg` the notes give for HollaTags. */
export const HOLLATAGS_MAX_MSG = 160;

const TYPE = { request: '1', notify: '2', response: '3', notifyEnd: '4' } as const;

function message(hop: Hop): string {
  return hop.isNew ? dialString(hop.serviceCode, hop.history) : (hop.history.at(-1) ?? '');
}

export const hollatags: Dialect = {
  name: 'hollatags',
  history: 'latest',
  encodeRequest(hop) {
    const q = new URLSearchParams({
      session_id: hop.sessionId,
      session_msisdn: bareMsisdn(hop.msisdn),
      session_operation: hop.isNew ? 'begin' : 'continue',
      session_msg: message(hop),
      session_from: hop.serviceCode,
      session_type: hop.isNew ? TYPE.request : TYPE.response,
      session_mno: hop.network,
    });
    return { method: 'GET', headers: {}, query: q.toString() };
  },
  decodeReply(status, _ct, body) {
    const http = httpProblem(status);
    if (http) return http;
    const o = parseJsonObject(body);
    if (!o) return invalid('hollatags: reply is not a JSON object', body);
    const text = str(o, 'session_msg');
    const op = str(o, 'session_operation')?.toLowerCase();
    if (text === undefined || (op !== 'continue' && op !== 'end'))
      return invalid('hollatags: reply lacks session_msg or a continue/end session_operation', body);
    const end = op === 'end' || str(o, 'session_type') === TYPE.notifyEnd;
    return { kind: end ? 'end' : 'con', text };
  },
  parseRequest(req, appServiceCode = ''): ParsedHop {
    const q = new URLSearchParams(req.query);
    const sessionId = q.get('session_id');
    const msisdn = q.get('session_msisdn');
    if (sessionId === null || msisdn === null)
      throw new InputError("hollatags: missing 'session_id' or 'session_msisdn'");
    const serviceCode = q.get('session_from') ?? appServiceCode;
    const msg = q.get('session_msg') ?? '';
    const isNew = q.get('session_operation') === 'begin';
    return {
      sessionId,
      msisdn: plusMsisdn(msisdn),
      serviceCode,
      network: q.get('session_mno') ?? '',
      isNew,
      input: isNew ? chainOf(msg, serviceCode) : msg,
    };
  },
  encodeReply(reply, hop) {
    const body: JsonRecord = {
      session_id: hop.sessionId,
      session_msisdn: bareMsisdn(hop.msisdn),
      session_operation: reply.kind === 'con' ? 'continue' : 'end',
      session_msg: reply.text,
      session_from: hop.serviceCode,
      session_type: reply.kind === 'con' ? TYPE.request : TYPE.notifyEnd,
      session_mno: hop.network,
    };
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(body) };
  },
};
