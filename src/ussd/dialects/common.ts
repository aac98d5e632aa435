/** Helpers shared by the dialect adapters. */
import { InputError } from '../../core/errors.js';
import type { Reply } from '../types.js';

export type JsonRecord = Record<string, unknown>;

/** The dial string of a chain: ('*384*123#', ['1','2']) → '*384*123*1*2#'. */
export function dialString(serviceCode: string, chain: readonly string[]): string {
  if (!chain.length) return serviceCode;
  const base = serviceCode.endsWith('#') ? serviceCode.slice(0, -1) : serviceCode;
  return `${base}*${chain.join('*')}#`;
}

/**
 * The chain after the service code: ('*384*123*1*2#', '*384*123#') → '1*2'. A dial string that
 * does not start with the service code is returned without its '#' (the app decides).
 */
export function chainOf(dial: string, serviceCode: string): string {
  const d = dial.endsWith('#') ? dial.slice(0, -1) : dial;
  const base = serviceCode.endsWith('#') ? serviceCode.slice(0, -1) : serviceCode;
  if (d === base) return '';
  if (base && d.startsWith(base + '*')) return d.slice(base.length + 1);
  return dial.startsWith('*') ? '' : d;
}

/** E.164 without '+' (Hubtel, Arkesel, Nalo send '233…'). */
export function bareMsisdn(msisdn: string): string {
  return msisdn.startsWith('+') ? msisdn.slice(1) : msisdn;
}

/** Back to E.164 with '+' when it is all digits. */
export function plusMsisdn(msisdn: string): string {
  return /^[0-9]{5,15}$/.test(msisdn) ? `+${msisdn}` : msisdn;
}

export function parseJsonObject(body: string): JsonRecord | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonRecord) : undefined;
  } catch {
    return undefined;
  }
}

export function str(o: JsonRecord, key: string): string | undefined {
  const v = o[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function requireStr(o: JsonRecord, key: string, dialect: string): string {
  const v = str(o, key);
  if (v === undefined) throw new InputError(`${dialect}: missing field '${key}'`);
  return v;
}

export function bool(o: JsonRecord, key: string): boolean | undefined {
  const v = o[key];
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1 || v === '1') return true;
  if (v === 'false' || v === 0 || v === '0') return false;
  return undefined;
}

export function httpProblem(status: number): Reply | undefined {
  if (status >= 200 && status < 300) return undefined;
  return { kind: 'invalid', text: '', problem: `HTTP ${status}` };
}

export function invalid(problem: string, text = ''): Reply {
  return { kind: 'invalid', text, problem };
}

/** Reads `CON …` / `END …` text replies with the given markers. */
export function decodeMarkedText(body: string, con: string, end: string): Reply {
  const conBare = con.trimEnd();
  const endBare = end.trimEnd();
  if (body.startsWith(con)) return { kind: 'con', text: body.slice(con.length) };
  if (body.startsWith(end)) return { kind: 'end', text: body.slice(end.length) };
  if (body === conBare || body.startsWith(conBare + '\n'))
    return { kind: 'con', text: body.slice(conBare.length + 1) };
  if (body === endBare || body.startsWith(endBare + '\n'))
    return { kind: 'end', text: body.slice(endBare.length + 1) };
  return invalid(`reply does not start with '${conBare}' or '${endBare}'`, body);
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export function isJson(contentType: string): boolean {
  return /\bjson\b/i.test(contentType);
}
