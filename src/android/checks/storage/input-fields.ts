import type { FileEvidence } from '../../../core/findings.js';
import { defineAndroidCheck } from '../../audit/context.js';
import { inputTypeText, sensitiveInputFields, type InputField } from './lib/input-fields.js';

function evidence(f: InputField): FileEvidence {
  const at = f.inputType ?? f.element;
  return {
    kind: 'file',
    file: f.file,
    byteOffset: at.offset,
    snippet: `<${f.element.name} ${f.label} inputType=${inputTypeText(f)}> (line ${f.element.line})`,
  };
}

/**
 * Input fields of the app's layouts that take a password, PIN or account data but leave the
 * keyboard and the clipboard on: an unmasked PIN is readable over the shoulder, in screenshots and
 * screen recordings, and can be copied; text fields without textNoSuggestions are learnt by the
 * keyboard (its dictionary and cloud sync) and offered as suggestions later.
 */
export default defineAndroidCheck({
  id: 'AND-STORAGE-007',
  name: 'sensitive-input-fields',
  title: 'Password or account fields not protected from the keyboard cache and clipboard',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-STORAGE-2', 'MASVS-PLATFORM-3'], cwe: [549, 200], figi: [] },
  needs: ['zip'],
  messages: {
    unmasked:
      'Input field {label} in {file} (line {line}) looks like a password or PIN but is not masked (android:inputType {inputType}): the value is shown in clear, can be copied to the clipboard and is learnt by the keyboard.',
    cached:
      'Input field {label} in {file} (line {line}) takes account data but keeps keyboard suggestions on (android:inputType {inputType}, no textNoSuggestions): the keyboard learns and suggests what is typed and it can be copied to the clipboard.',
  },
  remediation:
    'In the layout, give PIN fields android:inputType="numberPassword" and password fields "textPassword"; give user name, account, card and amount fields "textNoSuggestions" (or a number type) and android:importantForAutofill where appropriate. If a field is masked in code (setInputType / PasswordTransformationMethod), declare it in the layout too so it is never shown in clear.',
  run(ctx, report) {
    for (const f of sensitiveInputFields(ctx)) {
      const data = { label: f.label, file: f.file, line: f.element.line, inputType: inputTypeText(f) };
      if (f.kind === 'secret' && !f.masked) report({ messageId: 'unmasked', data, evidence: evidence(f) });
      else if (f.kind === 'account' && !f.noSuggestions)
        report({ messageId: 'cached', data, evidence: evidence(f), severity: 'low' });
    }
  },
});
