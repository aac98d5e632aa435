import { defineAndroidCheck } from '../../audit/context.js';
import { possibleInts } from '../../code/index.js';
import { siteEvidence } from '../crypto/lib/sites.js';
import { appSites } from '../storage/lib/app-code.js';
import { intentShape } from './lib/intents.js';

const FLAG_MUTABLE = 0x02000000;
const FLAG_IMMUTABLE = 0x04000000;
/** Android 12: PendingIntents must say FLAG_MUTABLE or FLAG_IMMUTABLE; before, the default is mutable. */
const ANDROID_12 = 31;

/** PendingIntent factories → [index of the Intent, index of the flags] among the arguments (all static). */
const FACTORIES: Record<string, [number, number]> = {};
for (const kind of ['getActivity', 'getBroadcast', 'getService', 'getForegroundService']) {
  FACTORIES[
    `Landroid/app/PendingIntent;->${kind}(Landroid/content/Context;ILandroid/content/Intent;I)Landroid/app/PendingIntent;`
  ] = [2, 3];
}
FACTORIES[
  'Landroid/app/PendingIntent;->getActivity(Landroid/content/Context;ILandroid/content/Intent;ILandroid/os/Bundle;)Landroid/app/PendingIntent;'
] = [2, 3];

/**
 * A PendingIntent wrapping an Intent with no component or package, and mutable: the app that
 * receives it (a notification listener, a widget host, any app it is handed to) can fill in the
 * target and extras and act with the wallet's identity and permissions.
 */
export default defineAndroidCheck({
  id: 'AND-PLATFORM-003',
  name: 'mutable-implicit-pending-intent',
  title: 'Mutable PendingIntent wrapping an implicit Intent',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-PLATFORM-1'], cwe: [927], figi: [] },
  needs: ['dex', 'manifest'],
  messages: {
    implicit:
      'PendingIntent.{api}(…, {intent}, {flags}) in {where}: the Intent has no component or package{action} and the PendingIntent is mutable ({why}).',
    unknownIntent:
      'PendingIntent.{api}(…, {flags}) in {where} is mutable ({why}) and wraps an Intent built elsewhere: check it names a component.',
  },
  remediation:
    'Create PendingIntents with PendingIntent.FLAG_IMMUTABLE, and wrap an explicit Intent (new Intent(context, TargetActivity.class) or setPackage(getPackageName())). Use FLAG_MUTABLE only where a system API requires it (inline reply, bubbles), and then still with an explicit Intent.',
  run(ctx, report) {
    const target = ctx.targetSdk;
    for (const s of appSites(ctx, Object.keys(FACTORIES))) {
      const [intentAt, flagsAt] = FACTORIES[s.call.api];
      const flagsV = s.values.args[flagsAt];
      const flags = flagsV ? possibleInts(flagsV) : undefined;
      if (!flags) continue;
      const mutable = flags
        .map(Number)
        .filter((f) => (f & FLAG_MUTABLE) !== 0 || ((f & FLAG_IMMUTABLE) === 0 && target < ANDROID_12));
      if (mutable.length === 0) continue;
      const f = mutable[0];
      const why =
        (f & FLAG_MUTABLE) !== 0 ? 'FLAG_MUTABLE' : `no FLAG_IMMUTABLE with targetSdkVersion ${target}`;
      const shape = intentShape(s.mv, s.values.args[intentAt]);
      const api = s.call.api.slice(s.call.api.indexOf('->') + 2, s.call.api.indexOf('('));
      const data = { api, where: s.where, flags: `0x${f.toString(16)}`, why };
      if (shape.kind === 'implicit') {
        report({
          messageId: 'implicit',
          data: {
            ...data,
            intent: shape.action !== undefined ? `new Intent("${shape.action}")` : 'new Intent()',
            action: shape.action !== undefined ? ` (action "${shape.action}")` : '',
          },
          evidence: siteEvidence(ctx, s),
        });
      } else if (shape.kind === 'unknown' && (f & FLAG_MUTABLE) !== 0) {
        report({
          messageId: 'unknownIntent',
          data,
          evidence: siteEvidence(ctx, s),
          severity: 'low',
          confidence: 'low',
        });
      }
    }
  },
});
