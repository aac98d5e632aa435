/**
 * Text dialects: Africa's Talking (form POST, `text` = every input joined by '*', replies
 * `CON …`/`END …`) and the generic one configured by field names, transport and reply markers.
 */
import { InputError } from '../../core/errors.js';
import type { Dialect, Hop, InboundRequest, ParsedHop, WireRequest } from '../types.js';
import {
  chainOf,
  decodeMarkedText,
  dialString,
  FORM,
  httpProblem,
  isJson,
  parseJsonObject,
  str,
} from './common.js';

function formFields(req: InboundRequest, transport: GenericConfig['transport']): Record<string, string> {
  if (transport === 'json') {
    const o = parseJsonObject(req.body);
    if (!o) throw new InputError('generic: body is not a JSON object');
    const out: Record<string, string> = {};
    for (const k of Object.keys(o)) {
      const v = str(o, k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  const params = new URLSearchParams(transport === 'query' ? req.query : req.body);
  return Object.fromEntries(params.entries());
}

export const africasTalking: Dialect = {
  name: 'africastalking',
  history: 'full',
  encodeRequest(hop: Hop) {
    const body = new URLSearchParams({
      sessionId: hop.sessionId,
      serviceCode: hop.serviceCode,
      phoneNumber: hop.msisdn,
      networkCode: hop.network,
      text: hop.history.join('*'),
    }).toString();
    return { method: 'POST', headers: { 'content-type': FORM }, body };
  },
  decodeReply(status, _contentType, body) {
    return httpProblem(status) ?? decodeMarkedText(body, 'CON ', 'END ');
  },
  parseRequest(req): ParsedHop {
    const f = formFields(req, req.method === 'GET' ? 'query' : 'form');
    if (f.sessionId === undefined || f.phoneNumber === undefined)
      throw new InputError("africastalking: missing 'sessionId' or 'phoneNumber'");
    const text = f.text ?? '';
    return {
      sessionId: f.sessionId,
      msisdn: f.phoneNumber,
      serviceCode: f.serviceCode ?? '',
      network: f.networkCode ?? '',
      isNew: text === '',
      input: text,
      fullText: text,
    };
  },
  encodeReply(reply) {
    return {
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: `${reply.kind === 'con' ? 'CON' : 'END'} ${reply.text}`,
    };
  },
};

/** Field names and markers of a generic gateway. */
export type GenericConfig = {
  transport: 'form' | 'json' | 'query';
  fields: {
    sessionId: string;
    msisdn: string;
    serviceCode: string;
    network: string;
    input: string;
    isNew?: string;
  };
  /** 'full': `input` carries the '*'-joined history (AT clones); 'latest': only this hop's input. */
  history: 'full' | 'latest';
  con: string;
  end: string;
};

/** A HollaTags/Crossgate-like default: GET query, latest input, CON/END text replies. */
export const DEFAULT_GENERIC: GenericConfig = {
  transport: 'query',
  fields: {
    sessionId: 'session_id',
    msisdn: 'msisdn',
    serviceCode: 'service_code',
    network: 'network',
    input: 'ussd_string',
    isNew: 'new',
  },
  history: 'latest',
  con: 'CON ',
  end: 'END ',
};

export function genericDialect(cfg: GenericConfig = DEFAULT_GENERIC): Dialect {
  const F = cfg.fields;
  return {
    name: 'generic',
    history: cfg.history,
    encodeRequest(hop): WireRequest {
      const input =
        cfg.history === 'full'
          ? hop.history.join('*')
          : hop.isNew
            ? dialString(hop.serviceCode, hop.history)
            : (hop.history.at(-1) ?? '');
      const fields: Record<string, string> = {
        [F.sessionId]: hop.sessionId,
        [F.msisdn]: hop.msisdn,
        [F.serviceCode]: hop.serviceCode,
        [F.network]: hop.network,
        [F.input]: input,
      };
      if (F.isNew) fields[F.isNew] = hop.isNew ? 'true' : 'false';
      if (cfg.transport === 'json')
        return {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(fields),
        };
      const enc = new URLSearchParams(fields).toString();
      if (cfg.transport === 'query') return { method: 'GET', headers: {}, query: enc };
      return { method: 'POST', headers: { 'content-type': FORM }, body: enc };
    },
    decodeReply(status, _ct, body) {
      return httpProblem(status) ?? decodeMarkedText(body, cfg.con, cfg.end);
    },
    parseRequest(req) {
      const transport =
        cfg.transport === 'query' ? 'query' : isJson(req.contentType) ? 'json' : cfg.transport;
      const f = formFields(req, transport);
      const sessionId = f[F.sessionId];
      const msisdn = f[F.msisdn];
      if (sessionId === undefined || msisdn === undefined)
        throw new InputError('generic: missing session or msisdn field');
      const serviceCode = f[F.serviceCode] ?? '';
      const raw = f[F.input] ?? '';
      const isNew = F.isNew ? f[F.isNew] === 'true' || f[F.isNew] === '1' : raw === '';
      if (cfg.history === 'full')
        return {
          sessionId,
          msisdn,
          serviceCode,
          network: f[F.network] ?? '',
          isNew,
          input: raw,
          fullText: raw,
        };
      return {
        sessionId,
        msisdn,
        serviceCode,
        network: f[F.network] ?? '',
        isNew,
        input: isNew ? chainOf(raw, serviceCode) : raw,
      };
    },
    encodeReply(reply) {
      return {
        status: 200,
        contentType: 'text/plain; charset=utf-8',
        body: `${reply.kind === 'con' ? cfg.con : cfg.end}${reply.text}`,
      };
    },
  };
}
