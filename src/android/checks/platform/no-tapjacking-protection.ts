import { isDfslabError } from '../../../core/errors.js';
import { defineAndroidCheck, type AuditContext } from '../../audit/context.js';
import { isBundledLibrary } from '../shared/libraries.js';
import { absenceEvidence, callersOf, methodsNamed } from '../storage/lib/app-code.js';
import { callWithFlag } from './lib/presence.js';

/** android:filterTouchesWhenObscured, as its resource id appears in a binary layout's resource map or a style. */
const ATTR_FILTER_TOUCHES = 0x010102c4;
const MOTION_EVENT_GET_FLAGS = 'Landroid/view/MotionEvent;->getFlags()I';
/** Android 12 blocks touches that pass through untrusted overlays of other apps. */
const ANDROID_12 = 31;

function hasWord(data: Uint8Array, word: number): boolean {
  const b0 = word & 0xff;
  for (let i = data.indexOf(b0); i >= 0 && i + 4 <= data.length; i = data.indexOf(b0, i + 1)) {
    if (
      data[i + 1] === ((word >>> 8) & 0xff) &&
      data[i + 2] === ((word >>> 16) & 0xff) &&
      data[i + 3] === ((word >>> 24) & 0xff)
    )
      return true;
  }
  return false;
}

/** The first layout (or resources.arsc, for styles) that mentions android:filterTouchesWhenObscured. */
function resourceWithAttr(ctx: AuditContext): string | undefined {
  const names = ctx.apk.zip.entries
    .filter(
      (e) =>
        !e.isDirectory &&
        ((e.name.startsWith('res/layout') && e.name.endsWith('.xml')) || e.name === 'resources.arsc'),
    )
    .map((e) => e.name);
  for (const name of names) {
    try {
      const data = ctx.apk.entry(name);
      if (data && hasWord(data, ATTR_FILTER_TOUCHES)) return name;
    } catch (e) {
      if (!isDfslabError(e)) throw e;
    }
  }
  return undefined;
}

/**
 * No protection against tapjacking anywhere: an app drawing an overlay over the wallet can make
 * the user confirm a transfer or grant a permission while seeing something else.
 */
export default defineAndroidCheck({
  id: 'AND-PLATFORM-005',
  name: 'no-tapjacking-protection',
  title: 'No protection against tapjacking (overlay attacks)',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-PLATFORM-3'], cwe: [1021], figi: [] },
  needs: ['dex'],
  tags: ['control-absent'],
  messages: {
    absent:
      'No tapjacking protection found: no setFilterTouchesWhenObscured(true), no android:filterTouchesWhenObscured in layouts or styles, no onFilterTouchEventForSecurity override and no check of MotionEvent flags (FLAG_WINDOW_IS_OBSCURED); minSdkVersion {minSdk}{note}.',
  },
  remediation:
    'Set android:filterTouchesWhenObscured="true" on the confirm/pay/PIN buttons (or the root layout of those screens), or call view.setFilterTouchesWhenObscured(true); for finer control, override onFilterTouchEventForSecurity or reject events with MotionEvent.FLAG_WINDOW_IS_OBSCURED / FLAG_WINDOW_IS_PARTIALLY_OBSCURED. On Android 12+ also call setHideOverlayWindows(true) (HIDE_OVERLAY_WINDOWS permission) on sensitive screens.',
  run(ctx, report) {
    if (!ctx.code) return;
    if (
      callWithFlag(
        ctx,
        methodsNamed(ctx, 'setFilterTouchesWhenObscured', '(Z)'),
        1,
        1,
        'setFilterTouchesWhenObscured(true)',
      )
    )
      return;
    if (
      callWithFlag(
        ctx,
        methodsNamed(ctx, 'setHideOverlayWindows', '(Z)'),
        1,
        1,
        'setHideOverlayWindows(true)',
      )
    )
      return;
    const overrides = methodsNamed(
      ctx,
      'onFilterTouchEventForSecurity',
      '(Landroid/view/MotionEvent;)',
    ).filter((d) => {
      const cls = d.slice(0, d.indexOf('->'));
      return !cls.startsWith('Landroid/') && !isBundledLibrary(cls);
    });
    if (overrides.length > 0) return;
    if (callersOf(ctx, [MOTION_EVENT_GET_FLAGS]).length > 0) return;
    if (resourceWithAttr(ctx)) return;
    const activities = ctx.manifest?.components.filter((c) => c.kind === 'activity').length ?? 0;
    if (activities === 0) return;
    const minSdk = ctx.minSdk;
    report({
      messageId: 'absent',
      data: {
        minSdk,
        note:
          minSdk >= ANDROID_12
            ? ' (Android 12+ already blocks touches through untrusted overlays)'
            : '; devices before Android 12 pass touches through overlays',
      },
      evidence: absenceEvidence(
        ctx,
        'searched app code for setFilterTouchesWhenObscured, setHideOverlayWindows, onFilterTouchEventForSecurity overrides and MotionEvent.getFlags(); res/layout*/ and resources.arsc for android:filterTouchesWhenObscured (0x010102c4)',
      ),
      ...(minSdk >= ANDROID_12 ? { severity: 'low' as const } : {}),
    });
  },
});
