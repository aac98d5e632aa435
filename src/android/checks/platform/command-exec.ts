import { defineAndroidCheck } from '../../audit/context.js';
import { alternatives, constantText, hasNonConstantPart, type Value } from '../../code/index.js';
import { resolveIn, viaText } from '../crypto/lib/resolve.js';
import { siteEvidence } from '../crypto/lib/sites.js';
import { appSites, shortValue } from '../storage/lib/app-code.js';

/** Process launchers → index of the command among the arguments (receiver first). */
const EXEC: Record<string, number> = {
  'Ljava/lang/Runtime;->exec(Ljava/lang/String;)Ljava/lang/Process;': 1,
  'Ljava/lang/Runtime;->exec([Ljava/lang/String;)Ljava/lang/Process;': 1,
  'Ljava/lang/Runtime;->exec(Ljava/lang/String;[Ljava/lang/String;)Ljava/lang/Process;': 1,
  'Ljava/lang/Runtime;->exec([Ljava/lang/String;[Ljava/lang/String;)Ljava/lang/Process;': 1,
  'Ljava/lang/Runtime;->exec(Ljava/lang/String;[Ljava/lang/String;Ljava/io/File;)Ljava/lang/Process;': 1,
  'Ljava/lang/Runtime;->exec([Ljava/lang/String;[Ljava/lang/String;Ljava/io/File;)Ljava/lang/Process;': 1,
  'Ljava/lang/ProcessBuilder;-><init>([Ljava/lang/String;)V': 1,
  'Ljava/lang/ProcessBuilder;-><init>(Ljava/util/List;)V': 1,
  'Ljava/lang/ProcessBuilder;->command([Ljava/lang/String;)Ljava/lang/ProcessBuilder;': 1,
};

/** The command text when every part is known: a constant string, or a String[] of constants. */
function commandText(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  const alts = alternatives(v);
  const out: string[] = [];
  for (const a of alts) {
    if (a.kind === 'array') {
      if (!a.elements) return undefined;
      const parts = a.elements.map((e) => constantText(e));
      if (parts.some((p) => p === undefined)) return undefined;
      out.push(parts.join(' '));
      continue;
    }
    const t = constantText(a);
    if (t === undefined) return undefined;
    out.push(t);
  }
  return out.join(' | ');
}

function isDynamic(v: Value | undefined): boolean {
  if (!v) return true;
  return alternatives(v).some((a) =>
    a.kind === 'array' ? !a.elements || a.elements.some(hasNonConstantPart) : hasNonConstantPart(a),
  );
}

/**
 * Shell commands run with Runtime.exec / ProcessBuilder. A command built from run-time text is
 * open to injection with the wallet's identity; a fixed command is still worth knowing about.
 */
export default defineAndroidCheck({
  id: 'AND-PLATFORM-002',
  name: 'command-execution',
  title: 'Operating-system command executed',
  severity: 'high',
  confidence: 'medium',
  refs: { masvs: ['MASVS-CODE-4', 'MASVS-PLATFORM-1'], cwe: [78], figi: [] },
  needs: ['dex'],
  messages: {
    dynamic: '{api} in {where} runs a command built from run-time values: {command}.',
    su: '{api} in {where} runs {command}: a root check (or a use of root) by the app.',
    constant: '{api} in {where} runs the fixed command {command}.',
  },
  remediation:
    'Do not run shell commands from a payment app; use the Android APIs instead. If a command is unavoidable, pass a fixed executable and an argument array (ProcessBuilder with a String[]), never a string built from user, server or intent input, and never through "sh -c".',
  run(ctx, report) {
    for (const s of appSites(ctx, Object.keys(EXEC))) {
      const v = s.values.args[EXEC[s.call.api]];
      const api = s.call.api.startsWith('Ljava/lang/Runtime;')
        ? 'Runtime.exec'
        : s.call.api.includes('<init>')
          ? 'new ProcessBuilder'
          : 'ProcessBuilder.command';
      const data = { api, where: s.where };
      // A command passed in by the caller (an `exec(cmd)` helper) is looked up one or two callers up.
      const resolved = v && alternatives(v).some((a) => a.kind === 'param') ? resolveIn(ctx, s.mv, v) : [];
      const texts = resolved.map((r) => commandText(r.value));
      const fromCaller = resolved.length > 0 && texts.every((t) => t !== undefined) ? resolved : undefined;
      const own = commandText(v);
      const text = own ?? (fromCaller ? texts[0] : undefined);
      const shownText =
        own !== undefined
          ? JSON.stringify(own)
          : (fromCaller ?? []).map((r, i) => `${JSON.stringify(texts[i])}${viaText(r)}`).join(' or ');
      if (text === undefined) {
        const shown = resolved.find((r) => commandText(r.value) === undefined);
        // A List (ProcessBuilder(List)) or an unknown array: not traced, reported when parts are visibly dynamic.
        if (isDynamic(v))
          report({
            messageId: 'dynamic',
            data: { ...data, command: shown ? `${shortValue(shown.value)}${viaText(shown)}` : shortValue(v) },
            evidence: siteEvidence(ctx, s),
          });
        continue;
      }
      const words = text
        .trim()
        .split(/\s+/)
        .map((w) => w.slice(w.lastIndexOf('/') + 1));
      if (words[0] === 'su' || (words[0] === 'which' && words[1] === 'su')) {
        report({
          messageId: 'su',
          data: { ...data, command: shownText },
          evidence: siteEvidence(ctx, s),
          severity: 'info',
          confidence: 'high',
        });
      } else {
        report({
          messageId: 'constant',
          data: { ...data, command: shownText },
          evidence: siteEvidence(ctx, s),
          severity: 'low',
          confidence: 'high',
        });
      }
    }
  },
});
