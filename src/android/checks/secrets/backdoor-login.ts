import { defineAndroidCheck } from '../../audit/context.js';
import { alternatives, constantText, type MethodValues, type Value } from '../../code/index.js';
import { insnAt, methodValues, whereText, siteEvidence, type ValueSite } from '../crypto/lib/sites.js';
import { stringPrefilter } from '../../dex/lookups.js';
import { isBundledLibrary, isTestClass } from '../shared/libraries.js';
import { appStrings, siteClass } from '../storage/lib/app-code.js';

/** Comparisons of a String with another; receiver is argument 0, the other operand argument 1. */
const EQUALS = [
  'Ljava/lang/String;->equals(Ljava/lang/Object;)Z',
  'Ljava/lang/String;->equalsIgnoreCase(Ljava/lang/String;)Z',
  'Ljava/lang/String;->contentEquals(Ljava/lang/CharSequence;)Z',
];
/** Account names that only a developer or tester would type: "devadmin", "admin", "debug", "backdoor" … */
export const BACKDOOR =
  /^(dev|debug|test|admin|administrator|backdoor|super|superuser|superadmin|root|master|qa)(_|-|\.)?(admin|user|login|mode|account|acc|dev|test|debug|root|[0-9]{0,4})$/i;
/**
 * What a BACKDOOR match must hold, judged on a string's bytes before it is decoded: at most 21
 * characters ("administrator" + separator + "account"), and the first two letters of one of the
 * leading words (dev/debug, test, admin/administrator, backdoor, super…, root, master, qa).
 */
export const BACKDOOR_PREFILTER = stringPrefilter(22, ['de', 'te', 'ad', 'ba', 'su', 'ro', 'ma', 'qa']);
/** Names (fields, extras, preference keys) of the value a user typed to log in. */
const USER_INPUT =
  /(^|[^a-z])(user|username|uname|login|loginid|userid|account|role|msisdn|email)([^a-z]|$)/i;
/** A login path: the class, the method or the input field's owner says so. */
const LOGIN_PATH = /login|logon|signin|sign_in|auth/i;
const MAX_DEPTH = 3;

/** `Lpkg/Cls;->name:T` → `name`; `getStringExtra("uname")` → `uname`; EditText text → `text`. */
function inputName(v: Value, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const alt of alternatives(v)) {
    if (alt.kind === 'field') {
      const name = alt.field.slice(alt.field.indexOf('->') + 2, alt.field.indexOf(':'));
      if (USER_INPUT.test(splitCamel(name))) return alt.field;
    } else if (alt.kind === 'invoke') {
      if (/->(getStringExtra|getString|getQueryParameter)\(/.test(alt.method)) {
        const key = alt.args[1] ? constantText(alt.args[1]) : undefined;
        if (key !== undefined && USER_INPUT.test(splitCamel(key))) return `"${key}"`;
      }
      // toString() / trim() / toLowerCase() of the input.
      const inner = alt.args[0] ? inputName(alt.args[0], depth + 1) : undefined;
      if (inner) return inner;
    }
  }
  return undefined;
}

function splitCamel(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

/**
 * A login path that compares what the user typed with a constant account name and branches on it
 * ("devadmin" → /devlogin in InsecureBankv2): a backdoor left by the developers, which anyone who
 * decompiles the app can use.
 */
export default defineAndroidCheck({
  id: 'AND-SECRET-006',
  name: 'backdoor-login',
  title: 'Hard-coded developer account in the login path',
  severity: 'high',
  confidence: 'medium',
  refs: { masvs: ['MASVS-AUTH-1', 'MASVS-CODE-4'], cwe: [489, 798], figi: ['FIGI-APP-T4.1'] },
  needs: ['dex'],
  messages: {
    backdoor:
      '{api} in {where} compares the user input {input} with the hard-coded account name "{value}" and branches on it: a developer backdoor in the login path.',
  },
  remediation:
    'Remove developer and test accounts and their special routes (/devlogin, debug menus) from release builds; decide roles on the server from the authenticated session, never from the user name typed on the device. Disable the account on the server too: it has shipped.',
  run(ctx, report) {
    const methods = new Set<string>();
    for (const h of appStrings(
      ctx,
      BACKDOOR_PREFILTER,
      (s) => BACKDOOR.test(s),
      (c) => !isTestClass(c) && !isBundledLibrary(c),
    ))
      methods.add(`${h.site.part}:${h.site.method}`);
    if (methods.size === 0) return;
    const cache = new Map<string, MethodValues | undefined>();
    for (const api of EQUALS) {
      for (const call of ctx.calls(api)) {
        const key = `${call.part}:${call.method}`;
        if (!methods.has(key)) continue;
        if (!cache.has(key)) cache.set(key, methodValues(call.dex, call.encoded));
        const mv = cache.get(key);
        const values = mv?.calls.get(call.offset);
        if (!mv || !values) continue;
        const [a, b] = values.args;
        if (!a || !b) continue;
        for (const [c, other] of [
          [b, a],
          [a, b],
        ]) {
          const value = constantText(c);
          if (value === undefined || !BACKDOOR.test(value)) continue;
          const input = inputName(other);
          const cls = siteClass(ctx, call) ?? '';
          if (!input || !LOGIN_PATH.test(`${mv.descriptor} ${input}`)) continue;
          const site: ValueSite = {
            call,
            values,
            mv,
            insn: insnAt(mv, call.dex, call.offset),
            where: whereText(mv.descriptor, call.offset),
            cls,
          };
          const name = api.slice(api.indexOf('->') + 2, api.indexOf('('));
          report({
            messageId: 'backdoor',
            data: { api: `String.${name}`, where: site.where, input, value },
            evidence: siteEvidence(ctx, site),
          });
          break;
        }
      }
    }
  },
});
