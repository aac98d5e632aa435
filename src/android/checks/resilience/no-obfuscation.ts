import { defineAndroidCheck } from '../../audit/context.js';
import { absenceEvidence } from '../storage/lib/app-code.js';
import { measureNames, pct } from './lib/names.js';

/** Share of short (1–2 character) names from which the code counts as renamed by R8/ProGuard. */
const RENAMED_SHARE = 0.3;
/** Fewer app classes than this: too little code to judge. */
const MIN_CLASSES = 5;

/**
 * The app's own code keeps its class, method and field names (FIGI T9.1): a decompiler shows
 * the PIN checks, the crypto and the API calls in readable form, which makes repackaging and
 * hooking easy.
 */
export default defineAndroidCheck({
  id: 'AND-RESILIENCE-005',
  name: 'no-obfuscation',
  title: 'Obfuscation of the app code (resilience)',
  severity: 'low',
  confidence: 'medium',
  refs: { masvs: ['MASVS-RESILIENCE-3'], cwe: [693], figi: ['FIGI-APP-T9.1'] },
  needs: ['dex'],
  tags: ['resilience'],
  messages: {
    clear:
      'Resilience: the app code is not obfuscated — of {classes} app classes (libraries excluded) {shortClasses} ({classPct}) have 1–2 character names, {shortMethods} of {methods} methods ({methodPct}) and {shortFields} of {fields} fields ({fieldPct}); {withSource} classes keep their source file name.',
    measured:
      'Obfuscation measured: of {classes} app classes (libraries excluded) {shortClasses} ({classPct}) have 1–2 character names, {shortMethods} of {methods} methods ({methodPct}) and {shortFields} of {fields} fields ({fieldPct}); {withSource} classes keep their source file name.',
  },
  remediation:
    'Enable R8 for the release build (minifyEnabled true with proguard-android-optimize.txt), keep only what reflection and the manifest need, and drop source file attributes (-renamesourcefileattribute SourceFile, no -keepattributes SourceFile). Consider a commercial obfuscator for PIN, crypto and integrity code; obfuscation slows reverse engineering, it does not replace server-side controls.',
  run(ctx, report) {
    if (!ctx.code) return;
    const st = measureNames(ctx.dex.map((d) => d.dex));
    if (st.classes < MIN_CLASSES) return;
    const data = {
      classes: st.classes,
      shortClasses: st.shortClasses,
      classPct: pct(st.shortClasses, st.classes),
      methods: st.methods,
      shortMethods: st.shortMethods,
      methodPct: pct(st.shortMethods, st.methods),
      fields: st.fields,
      shortFields: st.shortFields,
      fieldPct: pct(st.shortFields, st.fields),
      withSource: st.withSourceFile,
    };
    const renamed =
      st.shortClasses >= st.classes * RENAMED_SHARE ||
      (st.methods > 0 && st.shortMethods >= st.methods * RENAMED_SHARE);
    const evidence = absenceEvidence(
      ctx,
      `name statistics over ${st.classes} app classes: ${JSON.stringify(st)}`,
    );
    if (renamed) report({ messageId: 'measured', data, evidence, severity: 'info' });
    else report({ messageId: 'clear', data, evidence });
  },
});
