import { defineAndroidCheck } from '../../audit/context.js';
import {
  alternatives,
  constantText,
  isNullish,
  possibleInts,
  type MethodValues,
  type Value,
} from '../../code/index.js';
import { siteEvidence } from '../crypto/lib/sites.js';
import { appSites, methodsNamed } from '../storage/lib/app-code.js';

const RECEIVER_EXPORTED = 0x2;
const RECEIVER_NOT_EXPORTED = 0x4;
/** Android 14: registering without RECEIVER_EXPORTED / RECEIVER_NOT_EXPORTED throws for app broadcasts. */
const ANDROID_14 = 34;
const FILTER = 'Landroid/content/IntentFilter;';
const CONTEXT_COMPAT = 'Landroidx/core/content/ContextCompat;->registerReceiver(';

type Shape = { filterAt: number; permissionAt?: number; flagsAt?: number };

function shapeOf(api: string): Shape | undefined {
  const proto = api.slice(api.indexOf('('));
  const compat = api.startsWith(CONTEXT_COMPAT);
  // Receiver first (or the Context for the static ContextCompat helper), then receiver, filter…
  const base = 2;
  if (
    proto.startsWith(
      '(Landroid/content/Context;Landroid/content/BroadcastReceiver;Landroid/content/IntentFilter;',
    )
  ) {
    if (!compat) return undefined;
    return proto.includes('Ljava/lang/String;')
      ? { filterAt: base, permissionAt: 3, flagsAt: 5 }
      : { filterAt: base, flagsAt: 3 };
  }
  if (!proto.startsWith('(Landroid/content/BroadcastReceiver;Landroid/content/IntentFilter;'))
    return undefined;
  const s: Shape = { filterAt: base };
  if (proto.includes('Ljava/lang/String;')) s.permissionAt = 3;
  if (proto.endsWith('I)Landroid/content/Intent;')) s.flagsAt = s.permissionAt ? 5 : 3;
  return s;
}

/** The constant actions of an IntentFilter built in this method (constructor argument and addAction calls). */
function filterActions(mv: MethodValues, v: Value | undefined): string[] | undefined {
  if (!v) return undefined;
  const out: string[] = [];
  for (const alt of alternatives(v)) {
    if (alt.kind !== 'new' || alt.type !== FILTER) return undefined;
    const first = alt.args?.[0] ? constantText(alt.args[0]) : undefined;
    if (first !== undefined) out.push(first);
    for (const c of mv.calls.values()) {
      if (!c.descriptor.startsWith(`${FILTER}->addAction(`)) continue;
      const recv = c.args[0];
      if (!recv || !alternatives(recv).some((r) => r.kind === 'new' && r.site === alt.site)) continue;
      const a = c.args[1] ? constantText(c.args[1]) : undefined;
      if (a === undefined) return undefined;
      out.push(a);
    }
  }
  return out;
}

/**
 * A broadcast receiver registered at run time that other apps can send to: without
 * RECEIVER_NOT_EXPORTED (or with RECEIVER_EXPORTED) and without a permission, any app can deliver
 * forged "payment done" or "session expired" events to it.
 */
export default defineAndroidCheck({
  id: 'AND-PLATFORM-007',
  name: 'exported-dynamic-receiver',
  title: 'Run-time broadcast receiver open to other apps',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-PLATFORM-1'], cwe: [925, 926], figi: [] },
  needs: ['dex', 'manifest'],
  messages: {
    noFlag:
      'registerReceiver in {where} has no RECEIVER_NOT_EXPORTED flag and no permission: any app can send it {actions}{target}.',
    exported:
      'registerReceiver in {where} passes RECEIVER_EXPORTED without a permission: any app can send it {actions}.',
  },
  remediation:
    'Register in-app receivers with ContextCompat.registerReceiver(context, receiver, filter, ContextCompat.RECEIVER_NOT_EXPORTED) (or Context.RECEIVER_NOT_EXPORTED on API 33+). When other apps must reach the receiver, require a signature permission (the broadcastPermission argument) and validate every extra.',
  run(ctx, report) {
    const apis = [
      ...methodsNamed(
        ctx,
        'registerReceiver',
        '(Landroid/content/BroadcastReceiver;Landroid/content/IntentFilter;',
      ),
      ...methodsNamed(
        ctx,
        'registerReceiver',
        '(Landroid/content/Context;Landroid/content/BroadcastReceiver;',
      ),
    ];
    for (const s of appSites(ctx, apis)) {
      const shape = shapeOf(s.call.api);
      if (!shape) continue;
      const perm = shape.permissionAt !== undefined ? s.values.args[shape.permissionAt] : undefined;
      if (perm && !isNullish(perm)) continue;
      const actions = filterActions(s.mv, s.values.args[shape.filterAt]);
      // Only the system can send protected android.* broadcasts; an unknown filter is not judged.
      if (!actions || actions.length === 0 || actions.every((a) => a.startsWith('android.'))) continue;
      const list = `(actions ${actions.map((a) => JSON.stringify(a)).join(', ')})`;
      const flagsV = shape.flagsAt !== undefined ? s.values.args[shape.flagsAt] : undefined;
      if (flagsV === undefined) {
        const target =
          ctx.targetSdk >= ANDROID_14
            ? '; with targetSdkVersion ≥ 34 this call also throws a SecurityException'
            : '';
        report({
          messageId: 'noFlag',
          data: { where: s.where, actions: list, target },
          evidence: siteEvidence(ctx, s),
        });
        continue;
      }
      const flags = possibleInts(flagsV);
      if (!flags) continue;
      if (
        flags.some((f) => (Number(f) & RECEIVER_EXPORTED) !== 0 && (Number(f) & RECEIVER_NOT_EXPORTED) === 0)
      ) {
        report({
          messageId: 'exported',
          data: { where: s.where, actions: list },
          evidence: siteEvidence(ctx, s),
          severity: 'low',
        });
      }
    }
  },
});
