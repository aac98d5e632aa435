import type { Severity } from '../../../core/findings.js';
import { defineAndroidCheck } from '../../audit/context.js';
import type { Component } from '../../manifest/index.js';
import { APPWIDGET_UPDATE, BROADCAST_SMS, PROTECTED_BROADCASTS, SMS_BROADCASTS } from './lib/broadcasts.js';
import {
  componentEvidence,
  filterActions,
  isDisabled,
  isLauncherOnly,
  libraryOf,
  lower,
  shortName,
  valueOf,
} from './lib/util.js';

/**
 * Exported activities, services and receivers that no permission protects: any installed app can
 * start, bind to or send broadcasts to them. One check, one message per kind (the threat and the
 * severity differ by kind; the fix is the same). Providers have their own check (AND-MANIFEST-005),
 * components guarded by a permission are judged by AND-MANIFEST-007.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-004',
  name: 'exported-components',
  title: 'Exported component without permission',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-PLATFORM-1'], cwe: [926], figi: [] },
  needs: ['manifest'],
  messages: {
    activity: '{kind} {name} is exported ({reason}) without a permission: any app can start it{actions}.',
    activityNoFilter:
      '{kind} {name} sets android:exported="true" with no intent filter and no permission: it is not a public entry point, yet any app can start it directly and pass it extras.',
    service:
      'Service {name} is exported ({reason}) without a permission: any app can start or bind to it{actions}.',
    receiver:
      'Receiver {name} is exported ({reason}) without a permission: any app can send it broadcasts{actions}.',
    protectedBroadcast:
      'Receiver {name} is exported ({reason}) without a permission for system broadcasts only ({actions}): other apps cannot send those actions, but an explicit intent with no action still reaches onReceive().',
    widget:
      'Receiver {name} is an app widget provider ({actions}): it must be exported for the home screen, so any app can send it APPWIDGET_UPDATE; its onUpdate() must not act on extras.',
    smsReceiver:
      'Receiver {name} handles {actions} and is exported without android:permission="android.permission.BROADCAST_SMS": any app can send it a forged SMS (fake OTP or payment confirmation) with an explicit intent.',
  },
  remediation:
    'Set android:exported="false" on every component other apps do not need. For components that must be reachable by your own apps only, add android:permission naming a permission you declare with android:protectionLevel="signature". SMS receivers must declare android:permission="android.permission.BROADCAST_SMS". Treat every extra of an exported component as attacker input.',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m) return;
    for (const c of m.components) {
      if (c.kind === 'provider' || !c.exported.effective || c.effectivePermission !== undefined) continue;
      const r = classify(c);
      if (!r) continue;
      const disabled = isDisabled(m, c);
      const library = libraryOf(m, c);
      // Disabled components and components merged from a library (fix: update it or override the
      // entry with tools:node / tools:replace) are one step less severe.
      let severity = disabled ? lower(r.severity) : r.severity;
      if (library) severity = lower(severity);
      const list = filterActions(c);
      const actions =
        r.messageId === 'smsReceiver'
          ? list.join(', ') + priorityOf(c)
          : r.messageId === 'protectedBroadcast' || r.messageId === 'widget'
            ? list.join(', ')
            : list.length
              ? ` (actions: ${list.join(', ')})`
              : '';
      report({
        messageId: r.messageId,
        data: {
          kind: c.kind === 'activity-alias' ? 'Activity alias' : 'Activity',
          name:
            shortName(m, c) +
            (disabled ? ' (disabled)' : '') +
            (library ? ` (merged from the ${library} library)` : '') +
            aliasOf(c),
          reason: reasonText(c),
          actions,
        },
        evidence: componentEvidence(c),
        severity,
      });
    }
  },
});

/** ' (alias of .Target)' for an activity-alias: the alias exposes its target, even a private one. */
function aliasOf(c: Component): string {
  const target = c.kind === 'activity-alias' ? valueOf(c.targetActivity) : undefined;
  return target ? ` (alias of ${target})` : '';
}

/** The highest android:priority among the intent filters, as ' (priority N)' when set. */
function priorityOf(c: Component): string {
  const ps = c.intentFilters
    .map((f) => valueOf(f.priority))
    .filter((p): p is number => typeof p === 'number');
  return ps.length ? ` (priority ${Math.max(...ps)})` : '';
}

function reasonText(c: Component): string {
  if (c.exported.reason === 'explicit') return 'android:exported="true"';
  if (c.exported.reason === 'intent-filter') return 'implicitly, by its intent filter';
  return 'android:exported could not be resolved';
}

function classify(c: Component): { messageId: string; severity: Severity } | undefined {
  const actions = filterActions(c);
  switch (c.kind) {
    case 'activity':
    case 'activity-alias':
      if (isLauncherOnly(c)) return undefined; // the launcher entry point is meant to be public
      return c.intentFilters.length
        ? { messageId: 'activity', severity: 'low' }
        : { messageId: 'activityNoFilter', severity: 'medium' };
    case 'service':
      return { messageId: 'service', severity: 'medium' };
    case 'receiver':
      if (actions.some((a) => SMS_BROADCASTS.has(a)) && c.effectivePermission !== BROADCAST_SMS)
        return { messageId: 'smsReceiver', severity: 'high' };
      if (actions.length && actions.every((a) => PROTECTED_BROADCASTS.has(a)))
        return { messageId: 'protectedBroadcast', severity: 'low' };
      if (
        actions.includes(APPWIDGET_UPDATE) &&
        actions.every((a) => a === APPWIDGET_UPDATE || PROTECTED_BROADCASTS.has(a))
      )
        return { messageId: 'widget', severity: 'low' };
      return { messageId: 'receiver', severity: 'medium' };
    default:
      return undefined;
  }
}
