/**
 * JSON dialects that send only the latest input: Hubtel Programmable Services (Type/Message/
 * ClientState), Arkesel (newSession/userData/continueSession) and Nalo (MSGTYPE/USERDATA/MSG).
 */
import { InputError } from '../../core/errors.js';
import type { Dialect, Hop, ParsedHop, Reply } from '../types.js';
import {
  bareMsisdn,
  bool,
  chainOf,
  dialString,
  httpProblem,
  invalid,
  JSON_TYPE,
  parseJsonObject,
  plusMsisdn,
  requireStr,
  str,
  type JsonRecord,
} from './common.js';

const HEADERS = { 'content-type': JSON_TYPE };

/** On a new session these gateways send the whole dial string; later, only the latest input. */
function message(hop: Hop): string {
  return hop.isNew ? dialString(hop.serviceCode, hop.history) : (hop.history.at(-1) ?? '');
}

function decodeJson(
  status: number,
  body: string,
  name: string,
  read: (o: JsonRecord) => Reply | undefined,
): Reply {
  const http = httpProblem(status);
  if (http) return http;
  const o = parseJsonObject(body);
  if (!o) return invalid(`${name}: reply is not a JSON object`, body);
  return read(o) ?? invalid(`${name}: reply lacks its required fields`, body);
}

function inboundObject(body: string, name: string): JsonRecord {
  const o = parseJsonObject(body);
  if (!o) throw new InputError(`${name}: body is not a JSON object`);
  return o;
}

export const hubtel: Dialect = {
  name: 'hubtel',
  history: 'latest',
  encodeRequest(hop) {
    const body: JsonRecord = {
      Type: hop.isNew ? 'Initiation' : 'Response',
      Mobile: bareMsisdn(hop.msisdn),
      SessionId: hop.sessionId,
      ServiceCode: hop.serviceCode,
      Message: message(hop),
      Operator: hop.network,
      Sequence: hop.sequence,
      ClientState: hop.clientState ?? '',
    };
    return { method: 'POST', headers: HEADERS, body: JSON.stringify(body) };
  },
  decodeReply(status, _ct, body) {
    return decodeJson(status, body, 'hubtel', (o) => {
      const type = str(o, 'Type')?.toLowerCase();
      const text = str(o, 'Message');
      if (text === undefined || (type !== 'response' && type !== 'release')) return undefined;
      const r: Reply = { kind: type === 'response' ? 'con' : 'end', text };
      const cs = str(o, 'ClientState');
      if (cs) r.clientState = cs;
      return r;
    });
  },
  parseRequest(req): ParsedHop {
    const o = inboundObject(req.body, 'hubtel');
    const type = requireStr(o, 'Type', 'hubtel');
    const serviceCode = str(o, 'ServiceCode') ?? '';
    const msg = str(o, 'Message') ?? '';
    const isNew = type === 'Initiation';
    const p: ParsedHop = {
      sessionId: requireStr(o, 'SessionId', 'hubtel'),
      msisdn: plusMsisdn(requireStr(o, 'Mobile', 'hubtel')),
      serviceCode,
      network: str(o, 'Operator') ?? '',
      isNew,
      input: isNew ? chainOf(msg, serviceCode) : msg,
    };
    const cs = str(o, 'ClientState');
    if (cs) p.clientState = cs;
    return p;
  },
  encodeReply(reply, hop) {
    const body: JsonRecord = {
      SessionId: hop.sessionId,
      Type: reply.kind === 'con' ? 'response' : 'release',
      Message: reply.text,
      Label: 'dfslab',
      ClientState: reply.clientState ?? '',
      DataType: reply.kind === 'con' ? 'input' : 'display',
      FieldType: 'text',
    };
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(body) };
  },
};

export const arkesel: Dialect = {
  name: 'arkesel',
  history: 'latest',
  encodeRequest(hop) {
    const body: JsonRecord = {
      sessionID: hop.sessionId,
      userID: 'dfslab',
      newSession: hop.isNew,
      msisdn: bareMsisdn(hop.msisdn),
      userData: message(hop),
      network: hop.network,
    };
    return { method: 'POST', headers: HEADERS, body: JSON.stringify(body) };
  },
  decodeReply(status, _ct, body) {
    return decodeJson(status, body, 'arkesel', (o) => {
      const text = str(o, 'message');
      const cont = bool(o, 'continueSession');
      if (text === undefined || cont === undefined) return undefined;
      return { kind: cont ? 'con' : 'end', text };
    });
  },
  parseRequest(req, appServiceCode = '') {
    const o = inboundObject(req.body, 'arkesel');
    const isNew = bool(o, 'newSession') ?? false;
    const data = str(o, 'userData') ?? '';
    return {
      sessionId: requireStr(o, 'sessionID', 'arkesel'),
      msisdn: plusMsisdn(requireStr(o, 'msisdn', 'arkesel')),
      serviceCode: appServiceCode,
      network: str(o, 'network') ?? '',
      isNew,
      input: isNew ? chainOf(data, appServiceCode) : data,
    };
  },
  encodeReply(reply, hop) {
    const body: JsonRecord = {
      sessionID: hop.sessionId,
      userID: 'dfslab',
      msisdn: bareMsisdn(hop.msisdn),
      message: reply.text,
      continueSession: reply.kind === 'con',
    };
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(body) };
  },
};

export const nalo: Dialect = {
  name: 'nalo',
  history: 'latest',
  encodeRequest(hop) {
    const body: JsonRecord = {
      USERID: 'dfslab',
      MSISDN: bareMsisdn(hop.msisdn),
      USERDATA: message(hop),
      MSGTYPE: hop.isNew,
      NETWORK: hop.network,
      SESSIONID: hop.sessionId,
    };
    return { method: 'POST', headers: HEADERS, body: JSON.stringify(body) };
  },
  decodeReply(status, _ct, body) {
    return decodeJson(status, body, 'nalo', (o) => {
      const text = str(o, 'MSG');
      const cont = bool(o, 'MSGTYPE');
      if (text === undefined || cont === undefined) return undefined;
      return { kind: cont ? 'con' : 'end', text };
    });
  },
  parseRequest(req, appServiceCode = '') {
    const o = inboundObject(req.body, 'nalo');
    const isNew = bool(o, 'MSGTYPE') ?? false;
    const data = str(o, 'USERDATA') ?? '';
    return {
      sessionId: requireStr(o, 'SESSIONID', 'nalo'),
      msisdn: plusMsisdn(requireStr(o, 'MSISDN', 'nalo')),
      serviceCode: appServiceCode,
      network: str(o, 'NETWORK') ?? '',
      isNew,
      input: isNew ? chainOf(data, appServiceCode) : data,
    };
  },
  encodeReply(reply, hop) {
    const body: JsonRecord = {
      USERID: 'dfslab',
      MSISDN: bareMsisdn(hop.msisdn),
      MSG: reply.text,
      MSGTYPE: reply.kind === 'con',
    };
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(body) };
  },
};
