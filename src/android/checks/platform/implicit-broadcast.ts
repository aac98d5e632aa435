import { defineAndroidCheck } from '../../audit/context.js';
import { isNullish } from '../../code/index.js';
import { siteEvidence } from '../crypto/lib/sites.js';
import { appSites, methodsNamed, sensitiveWord } from '../storage/lib/app-code.js';
import { extraKeys, intentShape } from './lib/intents.js';

/** Broadcast senders: name, proto prefix; the Intent is argument 1 and the permission, when any, argument 2. */
const SENDERS: readonly [string, string][] = [
  ['sendBroadcast', '(Landroid/content/Intent;)'],
  ['sendBroadcast', '(Landroid/content/Intent;Ljava/lang/String;)'],
  ['sendOrderedBroadcast', '(Landroid/content/Intent;Ljava/lang/String;)'],
  ['sendStickyBroadcast', '(Landroid/content/Intent;)'],
  ['sendBroadcastAsUser', '(Landroid/content/Intent;Landroid/os/UserHandle;)'],
];

/**
 * Broadcasts sent with an implicit Intent and no receiver permission: every installed app can
 * register for the action and read the extras (balances, tokens, transaction data).
 */
export default defineAndroidCheck({
  id: 'AND-PLATFORM-006',
  name: 'implicit-broadcast',
  title: 'Implicit broadcast sent without a permission',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-PLATFORM-1'], cwe: [927], figi: [] },
  needs: ['dex'],
  messages: {
    implicit: '{api}({intent}) in {where}: any app can receive this broadcast{extras}.',
  },
  remediation:
    'Send in-app events with an explicit Intent (setPackage(getPackageName()) or setComponent), or through a local mechanism (LiveData, Flow, LocalBroadcastManager in old code). If other apps must receive it, require a signature-level permission: sendBroadcast(intent, "com.example.wallet.permission.EVENTS").',
  run(ctx, report) {
    const apis = SENDERS.flatMap(([n, p]) => methodsNamed(ctx, n, p));
    for (const s of appSites(ctx, apis)) {
      const permission = s.call.api.includes('(Landroid/content/Intent;Ljava/lang/String;')
        ? s.values.args[2]
        : undefined;
      if (permission && !isNullish(permission)) continue;
      const shape = intentShape(s.mv, s.values.args[1]);
      if (shape.kind !== 'implicit') continue;
      const keys = extraKeys(s.mv, shape.sites);
      const sensitive = keys.filter((k) => sensitiveWord(k) !== undefined);
      const api = s.call.api.slice(s.call.api.indexOf('->') + 2, s.call.api.indexOf('('));
      report({
        messageId: 'implicit',
        data: {
          api,
          intent: shape.action !== undefined ? `new Intent("${shape.action}")` : 'new Intent()',
          where: s.where,
          extras: keys.length ? `, with extras ${keys.map((k) => JSON.stringify(k)).join(', ')}` : '',
        },
        evidence: siteEvidence(ctx, s),
        ...(sensitive.length ? { severity: 'high' as const } : {}),
      });
    }
  },
});
