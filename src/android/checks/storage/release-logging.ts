import type { DexEvidence } from '../../../core/findings.js';
import { defineAndroidCheck } from '../../audit/context.js';
import { alternatives, argIsConstString, hasNonConstantPart, type Value } from '../../code/index.js';
import { ACC } from '../../dex/index.js';
import { siteEvidence, type ValueSite } from '../crypto/lib/sites.js';
import {
  appPackagePrefix,
  appSites,
  isPersonalData,
  sensitiveLabel,
  shortValue,
  type IdleSite,
} from './lib/app-code.js';

const LEVELS = ['v', 'd', 'i', 'w', 'e', 'wtf'];
/** Logging APIs → index of the message among the arguments (receiver first); the tag, when any, is one before. */
const LOG_APIS: Record<string, number> = {};
for (const l of LEVELS) {
  LOG_APIS[`Landroid/util/Log;->${l}(Ljava/lang/String;Ljava/lang/String;)I`] = 1;
  LOG_APIS[`Landroid/util/Log;->${l}(Ljava/lang/String;Ljava/lang/String;Ljava/lang/Throwable;)I`] = 1;
}
LOG_APIS['Landroid/util/Log;->println(ILjava/lang/String;Ljava/lang/String;)I'] = 2;
for (const p of ['print', 'println']) {
  LOG_APIS[`Ljava/io/PrintStream;->${p}(Ljava/lang/String;)V`] = 1;
  LOG_APIS[`Ljava/io/PrintStream;->${p}(Ljava/lang/Object;)V`] = 1;
}
/** Callers of one logging wrapper that are examined. */
const MAX_WRAPPER_CALLERS = 200;
/** Non-sensitive sites listed in the summary finding. */
const MAX_SUMMARY_EVIDENCE = 5;

/** The parameter index when the message is (or is built from) a parameter of the logging method. */
function parameterPart(v: Value): number | undefined {
  for (const a of alternatives(v)) {
    if (a.kind === 'param') return a.index;
    if (a.kind === 'concat') for (const p of a.parts) if (p.kind === 'param') return p.index;
  }
  return undefined;
}

function apiName(api: string): string {
  return api.startsWith('Landroid/util/Log;')
    ? `Log.${api.slice(api.indexOf('->') + 2, api.indexOf('('))}`
    : `System.out.${api.slice(api.indexOf('->') + 2, api.indexOf('('))}`;
}

/**
 * Logging of values computed at run time in the release build. Logcat is readable with adb (and
 * by apps with READ_LOGS on old or rooted phones); a PIN, OTP or token in a message leaks there.
 */
export default defineAndroidCheck({
  id: 'AND-STORAGE-004',
  name: 'release-logging',
  title: 'Run-time values written to the system log',
  severity: 'high',
  confidence: 'medium',
  refs: { masvs: ['MASVS-STORAGE-2'], cwe: [532], figi: ['FIGI-APP-T2.x-logs'] },
  needs: ['dex'],
  messages: {
    sensitive: '{api} in {where} logs a run-time value labelled "{word}": {message}.',
    other:
      '{count} logging call(s) outside known libraries ({own} in the app package) write run-time values to logcat (none labelled as sensitive), e.g. {api} in {where}: {message}.',
  },
  remediation:
    'Strip logging from release builds: wrap calls in if (BuildConfig.DEBUG), use Timber with no tree planted in release, or add R8 rules (-assumenosideeffects class android.util.Log { *; }). Never log PINs, OTPs, passwords, tokens, card numbers or balances, even in debug builds.',
  run(ctx, report) {
    /** Unlabelled run-time messages: only the first is rendered (in the summary finding). */
    const others: { s: ValueSite; msg: Value }[] = [];
    /** Logging wrappers: a method that logs its own parameter `index` (the app's `MyLog.d(msg)`). */
    const wrappers = new Map<string, { index: number; api: string; isStatic: boolean }>();
    const judge = (s: ValueSite, msg: Value, api: string, through?: string): void => {
      if (!hasNonConstantPart(msg)) return;
      const word = sensitiveLabel(msg);
      if (word)
        report({
          messageId: 'sensitive',
          data: {
            api: through !== undefined ? `${api} (through ${through})` : api,
            where: s.where,
            message: shortValue(msg),
            word,
          },
          evidence: siteEvidence(ctx, s),
          severity: isPersonalData(word) ? 'medium' : 'high',
        });
      else if (through === undefined) others.push({ s, msg });
    };
    // A constant message is neither reported nor a wrapper's parameter: its method need not be analysed.
    const constantMessage: IdleSite = (c, code) => argIsConstString(code, c.dex, c.offset, LOG_APIS[c.api]);
    for (const s of appSites(ctx, Object.keys(LOG_APIS), constantMessage)) {
      const msg = s.values.args[LOG_APIS[s.call.api]];
      if (!msg) continue;
      const api = apiName(s.call.api);
      judge(s, msg, api);
      const p = parameterPart(msg);
      if (p !== undefined && !wrappers.has(s.mv.descriptor))
        wrappers.set(s.mv.descriptor, {
          index: p,
          api,
          isStatic: (s.mv.method.accessFlags & ACC.static) !== 0,
        });
    }
    // One level up: what the app passes to its logging wrappers (labels usually live at the caller).
    for (const [wrapper, w] of wrappers) {
      const arg = w.index + (w.isStatic ? 0 : 1);
      // Leaving sites out would shift which callers fall under the cap: only when all fit anyway.
      const idle: IdleSite | undefined =
        ctx.calls(wrapper).length <= MAX_WRAPPER_CALLERS
          ? (c, code) => argIsConstString(code, c.dex, c.offset, arg)
          : undefined;
      const sites = appSites(ctx, [wrapper], idle).slice(0, MAX_WRAPPER_CALLERS);
      const head = wrapper.slice(0, wrapper.indexOf('('));
      const name = head.slice(head.lastIndexOf('/') + 1);
      for (const s of sites) {
        const msg = s.values.args[arg];
        if (msg) judge(s, msg, w.api, name);
      }
    }
    if (others.length === 0) return;
    // The app's own package first: in an obfuscated app, renamed libraries cannot be told apart.
    const own = appPackagePrefix(ctx);
    const inOwn = (o: { s: ValueSite }): number => (own && o.s.cls.startsWith(own) ? 0 : 1);
    others.sort((a, b) => inOwn(a) - inOwn(b));
    const first = others[0];
    const evidence: DexEvidence[] = others.slice(0, MAX_SUMMARY_EVIDENCE).map((o) => siteEvidence(ctx, o.s));
    report({
      messageId: 'other',
      data: {
        count: others.length,
        own: others.filter((o) => inOwn(o) === 0).length,
        api: apiName(first.s.call.api),
        where: first.s.where,
        message: shortValue(first.msg),
      },
      evidence,
      // Not evidence of sensitive data (FIGI T2.x-logs is about that): a fact for the reviewer.
      severity: 'info',
    });
  },
});
