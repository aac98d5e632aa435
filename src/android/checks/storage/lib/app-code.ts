/**
 * Shared by the storage, platform and resilience code checks: which classes are the app's own
 * (not a bundled library), which value parts look sensitive, and where a control appears in app
 * code (call sites and constant strings found through the reverse index, never a full scan).
 */
import type { ManifestEvidence, TextEvidence } from '../../../../core/findings.js';
import { isDfslabError } from '../../../../core/errors.js';
import { manifestEvidence, type ApiCall, type AuditContext } from '../../../audit/context.js';
import {
  alternatives,
  dropPrepared,
  formatValue,
  isAnalysed,
  preparedCode,
  type MethodValues,
  type PreparedCode,
  type Value,
} from '../../../code/index.js';
import { methodClassDescriptor, siteMethodClass, type CodeSite } from '../../../dex/index.js';
import type { StringPrefilter } from '../../../dex/lookups.js';
import { referencedStringsWhere } from '../../../dex/query.js';
import { insnAt, methodValues, whereText, type ValueSite } from '../../crypto/lib/sites.js';
import { isBundledLibrary } from '../../shared/libraries.js';

export { methodsNamed } from './method-names.js';

/** True for a class of a well-known bundled library (the shared BUNDLED_LIBRARY_PREFIXES set). */
export const isLibraryClass = isBundledLibrary;

/** Words that mark a value as sensitive in a mobile-money app (matched in constant text, case-insensitive). */
export const SENSITIVE_WORDS =
  /\b(?:pin|mpin|upin|passw(?:or)?d|pwd|pass(?:code|phrase)?|token|otp|cvv|cvc|card(?:_?(?:no|number))?|pan|balance|secret|credentials?|account[ _]?(?:no|number)|ssn)\b/i;

/** The word-split form of a text (camelCase and snake_case broken into words) for SENSITIVE_WORDS. */
export function wordsOf(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.:=/]+/g, ' ')
    .toLowerCase();
}

/** The first sensitive word in `text` (after splitting camelCase / snake_case), else undefined. */
export function sensitiveWord(text: string): string | undefined {
  const words = wordsOf(text);
  const m = SENSITIVE_WORDS.exec(words);
  if (m) return m[0];
  // Run-together keys: "newpass", "userpin", "smsotp", "accesstoken".
  for (const w of words.split(/[^a-z0-9]+/)) {
    const c = COMPOUND.exec(w);
    if (c && w.length > c[1].length) return c[1];
  }
  return undefined;
}

const COMPOUND = /(passw(?:or)?d|pass|pin|otp|token|secret)$/;

/** Every constant text piece of a value: its constant alternatives and the constant parts of concatenations. */
export function constantPieces(v: Value | undefined, out: string[] = [], depth = 0): string[] {
  if (!v || depth > 4) return out;
  for (const alt of alternatives(v)) {
    const r = alt.kind === 'field' && alt.initial ? alt.initial : alt;
    if (r.kind === 'string') out.push(r.text);
    else if (r.kind === 'concat') for (const p of r.parts) constantPieces(p, out, depth + 1);
    else if (r.kind === 'field') out.push(r.field.slice(r.field.indexOf('->') + 2));
    else if (r.kind === 'invoke') {
      // A getter's name says what it returns (getPin(), getPassword()).
      const name = r.method.slice(r.method.indexOf('->') + 2, r.method.indexOf('('));
      if (/^get[A-Z]/.test(name)) out.push(name.slice(3));
    }
  }
  return out;
}

/** A short rendering of a traced value for messages (bounded length). */
export function shortValue(v: Value | undefined, max = 160): string {
  if (!v) return '?';
  const s = formatValue(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Tells a site that cannot matter to its caller from the method's decoded code alone (e.g. a log
 * call whose message is a constant string), so that a method whose every site is idle need not be
 * analysed. It must be certain: it answers for what the value analysis would give at the site.
 */
export type IdleSite = (call: ApiCall, code: PreparedCode) => boolean;

/**
 * The class of a call's method when it is a bundled library's, read from the class id alone.
 * Undefined otherwise (then `siteClass` decides, which also checks the method's name and proto):
 * a library method with a malformed name or proto gives no site either way (its analysis fails).
 */
function libraryClassOf(call: ApiCall): string | undefined {
  let cls: string;
  try {
    cls = methodClassDescriptor(call.dex, call.encoded.methodIdx);
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
  return cls.length > 0 && !cls.includes('->') && isLibraryClass(cls) ? cls : undefined;
}

/** True when every call (all in one method) is idle; false when the method cannot be decoded. */
function allIdle(calls: readonly ApiCall[], idle: IdleSite): boolean {
  const first = calls[0];
  if (first.encoded.codeOff === 0 || isAnalysed(first.dex, first.encoded)) return false;
  try {
    const code = preparedCode(first.dex, first.encoded);
    if (!calls.every((c) => idle(c, code))) return false;
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return false;
  }
  dropPrepared(first.dex, first.encoded);
  return true;
}

/**
 * Value sites of `apis` in the app's own code (bundled libraries left out), in code order. The
 * calls are grouped by method first, so a method with several sites is analysed once. With
 * `idle`, a method whose every site is idle is left out without being analysed.
 */
export function appSites(ctx: AuditContext, apis: readonly string[], idle?: IdleSite): ValueSite[] {
  const calls = apis.flatMap((api) => ctx.calls(api));
  calls.sort((a, b) => a.part - b.part || a.method - b.method || a.offset - b.offset);
  const out: ValueSite[] = [];
  let last:
    { part: number; method: number; mv: MethodValues | undefined; cls: string; skip: boolean } | undefined;
  for (let k = 0; k < calls.length; k++) {
    const call = calls[k];
    if (!last || last.part !== call.part || last.method !== call.method) {
      const cls = libraryClassOf(call) ?? siteClass(ctx, call) ?? '';
      let skip = isLibraryClass(cls);
      if (!skip && idle) {
        let end = k + 1;
        while (end < calls.length && calls[end].part === call.part && calls[end].method === call.method)
          end++;
        skip = allIdle(calls.slice(k, end), idle);
      }
      last = {
        part: call.part,
        method: call.method,
        cls,
        skip,
        mv: skip ? undefined : methodValues(call.dex, call.encoded),
      };
    }
    const mv = last.mv;
    const values = mv?.calls.get(call.offset);
    if (last.skip || !mv || !values) continue;
    out.push({
      call,
      values,
      mv,
      insn: insnAt(mv, call.dex, call.offset),
      where: whereText(mv.descriptor, call.offset),
      cls: last.cls,
    });
  }
  return out;
}

/** The class descriptor that holds a code site (undefined for a malformed method). */
export function siteClass(ctx: AuditContext, site: CodeSite): string | undefined {
  const code = ctx.code;
  if (!code) return undefined;
  try {
    return siteMethodClass(code, site);
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
}

/** Call sites of any of `apis` from classes that `keep` accepts (default: app code). */
export function callersOf(
  ctx: AuditContext,
  apis: readonly string[],
  keep: (cls: string) => boolean = (c) => !isLibraryClass(c),
): CodeSite[] {
  const out: CodeSite[] = [];
  for (const api of apis) {
    for (const s of ctx.calls(api)) {
      const cls = siteClass(ctx, s);
      if (cls && keep(cls)) out.push(s);
    }
  }
  return out;
}

export type StringHit = { value: string; site: CodeSite; cls: string };

/**
 * Constant strings used by app code (const-string sites outside libraries) that `match` accepts.
 * `pre` must pass every string `match` accepts: strings it rules out on their bytes are never
 * decoded.
 */
export function appStrings(
  ctx: AuditContext,
  pre: StringPrefilter,
  match: (s: string) => boolean,
  keep: (cls: string) => boolean = (c) => !isLibraryClass(c),
): StringHit[] {
  const code = ctx.code;
  if (!code) return [];
  const out: StringHit[] = [];
  for (const { value, sites } of referencedStringsWhere(code, pre, match))
    for (const site of sites) {
      const cls = siteClass(ctx, site);
      if (cls && keep(cls)) out.push({ value, site, cls });
    }
  return out;
}

/** Evidence for an app-wide absence: the <application> element (or the manifest) plus what was searched. */
export function absenceEvidence(ctx: AuditContext, searched: string): (ManifestEvidence | TextEvidence)[] {
  const text: TextEvidence = { kind: 'text', text: searched };
  const app = ctx.manifest?.application;
  return app ? [manifestEvidence(app.at), text] : [text];
}

const TELEPHONY = 'Landroid/telephony/TelephonyManager;->';
/** Subscriber and device identifiers: personal data, less critical than credentials (see isPersonalData). */
const PII_GETTERS: Record<string, string> = {
  getLine1Number: 'phone number',
  getDeviceId: 'IMEI',
  getImei: 'IMEI',
  getSubscriberId: 'IMSI',
  getSimSerialNumber: 'SIM serial',
};

/** True for the labels of personal identifiers (phone number, IMEI…) rather than credentials. */
export function isPersonalData(label: string): boolean {
  return Object.values(PII_GETTERS).includes(label);
}

const SMS_BODY = /^Landroid\/telephony\/(?:gsm\/)?SmsMessage;->get(?:Display)?MessageBody\(/;

/** The name a non-constant value carries: a field's name or a getter's (getPin → Pin), else undefined. */
function ownName(v: Value): string | undefined {
  const r = v.kind === 'field' && v.initial ? v.initial : v;
  if (v.kind === 'field') return v.field.slice(v.field.indexOf('->') + 2, v.field.lastIndexOf(':'));
  if (r.kind === 'invoke') {
    const name = r.method.slice(r.method.indexOf('->') + 2, r.method.indexOf('('));
    // json.getString("accessToken"), intent.getStringExtra("pin"), prefs.getString("token", …): the key names the value.
    if (/^(?:get|opt)/.test(name)) {
      const key = r.args.find((a) => a.kind === 'string');
      if (key?.kind === 'string') return key.text;
    }
    if (/^get[A-Z]/.test(name)) return name.slice(3);
    if (name === 'valueOf' || name === 'toString') return r.args[0] ? ownName(r.args[0]) : undefined;
  }
  return undefined;
}

/**
 * The sensitive word that labels a run-time part of a message: the last word of the constant
 * text just before it ("pin=" + x, "Password: " + x) or the run-time part's own name (a field
 * `password`, a call `getPin()`). Words elsewhere in the text ("resolve account failure") do not count.
 */
export function sensitiveLabel(v: Value | undefined, depth = 0): string | undefined {
  if (!v || depth > 3) return undefined;
  for (const alt of alternatives(v)) {
    // An SMS body is where mobile-money OTPs and transaction confirmations arrive.
    if (alt.kind === 'invoke' && SMS_BODY.test(alt.method)) return 'SMS body';
    if (alt.kind === 'invoke' && alt.method.startsWith(TELEPHONY)) {
      const pii = PII_GETTERS[alt.method.slice(TELEPHONY.length, alt.method.indexOf('('))];
      if (pii) return pii;
    }
    const own = alt.kind === 'concat' ? undefined : ownName(alt);
    const w = own ? sensitiveWord(own) : undefined;
    if (w) return w;
    if (alt.kind !== 'concat') continue;
    let before = '';
    for (const p of alt.parts) {
      const text = p.kind === 'string' ? p.text : undefined;
      if (text !== undefined) {
        before = text;
        continue;
      }
      // The last two words of the label: "pin=", "password is: ", "card number ".
      const last = wordsOf(before)
        .split(/[^a-z0-9]+/)
        .filter(Boolean)
        .slice(-2)
        .join(' ');
      const lw = last ? sensitiveWord(last) : undefined;
      if (lw) return lw;
      const inner = sensitiveLabel(p, depth + 1);
      if (inner) return inner;
      before = '';
    }
  }
  return undefined;
}

/** `Lcom/example/wallet/` for package com.example.wallet (undefined without a manifest package). */
export function appPackagePrefix(ctx: AuditContext): string | undefined {
  const pkg = ctx.manifest?.package;
  return typeof pkg === 'string' && pkg ? `L${pkg.replace(/\./g, '/')}/` : undefined;
}
