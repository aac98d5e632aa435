import { defineAndroidCheck } from '../../audit/context.js';
import { constantText, hasNonConstantPart } from '../../code/index.js';
import { stringsOf } from '../../dex/index.js';
import { siteEvidence, type ValueSite } from '../crypto/lib/sites.js';
import { appSites, constantPieces, sensitiveLabel, sensitiveWord, shortValue } from './lib/app-code.js';

/** Clipboard writes → [label index, text index] among the arguments (receiver first; -1: no label). */
const CLIP_APIS: Record<string, [number, number]> = {
  'Landroid/content/ClipData;->newPlainText(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)Landroid/content/ClipData;':
    [0, 1],
  'Landroid/content/ClipboardManager;->setText(Ljava/lang/CharSequence;)V': [-1, 1],
  'Landroid/text/ClipboardManager;->setText(Ljava/lang/CharSequence;)V': [-1, 1],
};
/** Android 13+: a clip marked with this extra is hidden from the clipboard preview. */
const IS_SENSITIVE = 'android.content.extra.IS_SENSITIVE';

function marksSensitive(ctx: Parameters<typeof appSites>[0], s: ValueSite): boolean {
  const ix = ctx.code?.parts[s.call.part];
  if (!ix) return false;
  return stringsOf(ix, s.call.method).some((u) => ix.dex.string(u.stringIdx) === IS_SENSITIVE);
}

/**
 * Sensitive values put on the clipboard: every app could read the clipboard until Android 10,
 * the keyboard and clipboard managers still can, and it syncs across devices.
 */
export default defineAndroidCheck({
  id: 'AND-STORAGE-005',
  name: 'clipboard-sensitive',
  title: 'Sensitive data copied to the clipboard',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-STORAGE-2', 'MASVS-PLATFORM-3'], cwe: [200], figi: [] },
  needs: ['dex'],
  messages: {
    sensitive: '{api} in {where} puts a run-time value labelled "{word}" on the clipboard: {text}.',
    other:
      '{api} in {where} puts a run-time value on the clipboard: {text} (label {label}); check it is never a PIN, OTP, token or account number.',
  },
  remediation:
    'Do not copy PINs, OTPs, passwords or tokens to the clipboard. Where copying is a feature (an account or reference number), mark the clip sensitive (ClipDescription extras: android.content.extra.IS_SENSITIVE = true on Android 13+), clear it after a short time, and disable copy on secret fields (android:inputType="textPassword", setLongClickable(false), a customSelectionActionModeCallback that returns false).',
  run(ctx, report) {
    for (const s of appSites(ctx, Object.keys(CLIP_APIS))) {
      const [labelAt, textAt] = CLIP_APIS[s.call.api];
      const text = s.values.args[textAt];
      if (!text || !hasNonConstantPart(text)) continue;
      if (marksSensitive(ctx, s)) continue;
      const label = labelAt >= 0 ? s.values.args[labelAt] : undefined;
      const word =
        [...constantPieces(label)].map(sensitiveWord).find((w) => w !== undefined) ?? sensitiveLabel(text);
      const api = s.call.api.includes('newPlainText') ? 'ClipData.newPlainText' : 'ClipboardManager.setText';
      const labelText = label ? constantText(label) : undefined;
      if (word)
        report({
          messageId: 'sensitive',
          data: { api, where: s.where, word, text: shortValue(text) },
          evidence: siteEvidence(ctx, s),
        });
      else
        report({
          messageId: 'other',
          data: {
            api,
            where: s.where,
            text: shortValue(text),
            label: labelText !== undefined ? JSON.stringify(labelText) : 'none',
          },
          evidence: siteEvidence(ctx, s),
          severity: 'low',
          confidence: 'low',
        });
    }
  },
});
