import type { ManifestEvidence } from '../../../core/findings.js';
import { MANIFEST_PATH } from '../../apk.js';
import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import type { XmlElement } from '../../axml/index.js';
import type { Component, Manifest } from '../../manifest/index.js';
import { shortName, valueOf } from './lib/util.js';

/** android:allowTaskReparenting (not in the manifest model: read from the binary XML). */
const ATTR_ALLOW_TASK_REPARENTING = 0x01010204;
/** Below this targetSdk, singleTask activities with the default affinity are reported (see the doc). */
const TARGET_28 = 28;
/** Res_value TYPE_INT_BOOLEAN. */
const TYPE_BOOLEAN = 0x12;

function modeOf(c: Component): string | undefined {
  const v = valueOf(c.launchMode);
  return typeof v === 'string' ? v : undefined;
}

/** Activities whose element sets allowTaskReparenting="true", by start-element offset. */
function reparenting(root: XmlElement | undefined): Map<number, number> {
  const out = new Map<number, number>();
  const app = root?.children.find((e) => e.name === 'application');
  for (const e of app?.children ?? []) {
    if (e.name !== 'activity' && e.name !== 'activity-alias') continue;
    const a = e.attributes.find((x) => x.resourceId === ATTR_ALLOW_TASK_REPARENTING);
    if (a && a.dataType === TYPE_BOOLEAN && a.data !== 0) out.set(e.offset, a.offset);
  }
  return out;
}

function ownAffinity(m: Manifest, affinity: string): boolean {
  return (
    affinity === m.package || affinity.startsWith(m.package + '.') || affinity.startsWith(m.package + ':')
  );
}

/**
 * Task hijacking (StrandHogg 1.0 family, Ren et al. USENIX Security 2015): activities that move
 * between tasks by affinity let another app's activity be stacked over the wallet's screens, or
 * place the wallet's screens in another app's task.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-008',
  name: 'task-hijacking',
  title: 'Activity task affinity allows task hijacking',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-PLATFORM-3'], cwe: [1021], figi: [] },
  needs: ['manifest'],
  messages: {
    foreignAffinity:
      'Activity {name} sets android:taskAffinity="{affinity}", outside the app\'s package{mode}: it joins the task of whichever app owns that affinity, so that app sees (and can cover) the wallet screen and its intent.',
    reparenting:
      'Activity {name} sets android:allowTaskReparenting="true"{affinity}: it moves into the task of the app with that affinity when that task comes forward, the reparenting behaviour task-hijacking attacks rely on.',
    singleTaskOldTarget:
      'Activity {name} uses launchMode singleTask with the default task affinity ({pkg}) and the app targets API {target}: a malicious app declaring taskAffinity="{pkg}" can have its activity placed in the wallet\'s task and shown in its place (StrandHogg 1.0).',
  },
  remediation:
    'Set android:taskAffinity="" on <application> (or on every sensitive activity) so the wallet\'s tasks cannot be joined by affinity, avoid launchMode="singleTask" for the login and payment screens (singleInstance, or standard with FLAG_ACTIVITY_NEW_TASK handled in code), remove android:allowTaskReparenting, and raise targetSdkVersion. StrandHogg 2.0 (CVE-2020-0096) is a platform bug fixed in the May 2020 Android security patch (Android 8.0-9; Android 10 is not affected): no manifest flag fixes it.',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m) return;
    const appAffinity = m.application?.taskAffinity;
    const reparent = reparenting(ctx.apk.manifestDoc?.root);
    for (const c of m.components) {
      if (c.kind !== 'activity' && c.kind !== 'activity-alias') continue;
      const affAttr = c.taskAffinity ?? appAffinity;
      const affinity = valueOf(affAttr);
      const mode = modeOf(c);
      const name = shortName(m, c);
      const reparentOffset = reparent.get(c.at.offset);
      if (reparentOffset !== undefined) {
        const ev: ManifestEvidence = {
          kind: 'manifest',
          file: MANIFEST_PATH,
          element: c.at.path,
          attribute: 'android:allowTaskReparenting',
          value: 'true',
          byteOffset: reparentOffset,
        };
        report({
          messageId: 'reparenting',
          data: { name, affinity: affinity !== undefined ? ` (taskAffinity "${affinity}")` : '' },
          evidence: ev,
          severity: affinity === '' ? 'low' : 'medium',
        });
      }
      if (affAttr && affinity !== undefined && affinity !== '' && !ownAffinity(m, affinity)) {
        const strong = mode === 'singleTask' || mode === 'singleInstance';
        report({
          messageId: 'foreignAffinity',
          data: { name, affinity, mode: mode ? ` with launchMode ${mode}` : '' },
          evidence: manifestEvidence(affAttr),
          severity: strong ? 'medium' : 'low',
        });
        continue;
      }
      if (
        mode === 'singleTask' &&
        ctx.targetSdk < TARGET_28 &&
        (affinity === undefined || affinity === m.package) &&
        c.launchMode
      ) {
        report({
          messageId: 'singleTaskOldTarget',
          data: { name, pkg: m.package, target: ctx.targetSdk },
          evidence: manifestEvidence(c.launchMode),
        });
      }
    }
  },
});
