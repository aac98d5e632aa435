import { defineAndroidCheck } from '../../audit/context.js';
import { fieldReaders } from '../../dex/index.js';
import { absenceEvidence } from '../storage/lib/app-code.js';
import { callWithFlag, fieldWriteWithFlag } from './lib/presence.js';

const FLAG_SECURE = 0x2000;
const SET_FLAGS = 'Landroid/view/Window;->setFlags(II)V';
const ADD_FLAGS = 'Landroid/view/Window;->addFlags(I)V';
const SET_SECURE = 'Landroid/view/SurfaceView;->setSecure(Z)V';
const LAYOUT_FLAGS = 'Landroid/view/WindowManager$LayoutParams;->flags:I';
/** Jetpack Compose dialogs and popups: SecureFlagPolicy.SecureOn. */
const COMPOSE_SECURE =
  'Landroidx/compose/ui/window/SecureFlagPolicy;->SecureOn:Landroidx/compose/ui/window/SecureFlagPolicy;';

/**
 * No screen of the app sets WindowManager.LayoutParams.FLAG_SECURE: the PIN pad, balances and
 * receipts appear in screenshots, screen recordings, the recent-apps thumbnail and can be captured
 * by a malicious accessibility or screen-sharing app.
 */
export default defineAndroidCheck({
  id: 'AND-PLATFORM-004',
  name: 'no-flag-secure',
  title: 'No screen is protected with FLAG_SECURE',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-PLATFORM-3'], cwe: [200], figi: [] },
  needs: ['dex'],
  tags: ['control-absent'],
  messages: {
    absent:
      'No FLAG_SECURE found in the app code ({activities} activities): screens showing the PIN, balances or statements can be captured in screenshots, recordings and the recent-apps view.',
  },
  remediation:
    'Call getWindow().setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE) in onCreate of every activity that shows a PIN, OTP, balance, statement or card data (a base activity is simplest), and set it on dialogs and bottom sheets too (Compose: SecureFlagPolicy.SecureOn).',
  run(ctx, report) {
    if (!ctx.code) return;
    const found =
      callWithFlag(ctx, [SET_FLAGS, ADD_FLAGS], 1, FLAG_SECURE, 'Window flags with FLAG_SECURE') ??
      callWithFlag(ctx, [SET_SECURE], 1, 1, 'SurfaceView.setSecure(true)') ??
      fieldWriteWithFlag(ctx, LAYOUT_FLAGS, FLAG_SECURE, 'WindowManager.LayoutParams.flags |= FLAG_SECURE');
    if (found) return;
    if (fieldReaders(ctx.code, COMPOSE_SECURE).length > 0) return;
    const activities = ctx.manifest?.components.filter((c) => c.kind === 'activity').length ?? 0;
    if (activities === 0) return;
    report({
      messageId: 'absent',
      data: { activities },
      evidence: absenceEvidence(
        ctx,
        'searched app code for Window.setFlags/addFlags with 0x2000, SurfaceView.setSecure(true), writes of WindowManager.LayoutParams.flags and Compose SecureFlagPolicy.SecureOn',
      ),
    });
  },
});
