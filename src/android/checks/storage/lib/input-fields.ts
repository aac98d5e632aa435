/**
 * Text input fields declared in the app's layouts (res/layout*\/*.xml): which ones look like they
 * take a password, PIN or account data (by their android:id name and android:hint), and how their
 * android:inputType treats the keyboard (masking, suggestions).
 */
import { isDfslabError } from '../../../../core/errors.js';
import type { AuditContext } from '../../../audit/context.js';
import { resourceName } from '../../../arsc/index.js';
import type { XmlAttribute, XmlElement } from '../../../axml/types.js';

/** Framework attribute resource ids (matched by id: attribute names can be stripped). */
export const ATTR_ID = 0x010100d0;
export const ATTR_HINT = 0x01010150;
export const ATTR_PASSWORD = 0x0101015c;
export const ATTR_INPUT_TYPE = 0x01010220;

/** android.text.InputType masks and values. */
const CLASS_MASK = 0xf;
const VARIATION_MASK = 0xff0;
const CLASS_TEXT = 1;
const CLASS_NUMBER = 2;
const TEXT_PASSWORD = 0x80;
const TEXT_VISIBLE_PASSWORD = 0x90;
const TEXT_WEB_PASSWORD = 0xe0;
const NUMBER_PASSWORD = 0x10;
const TEXT_NO_SUGGESTIONS = 0x80000;

/** Layouts of bundled libraries (AppCompat, Material, media router, Facebook, Google sign-in …). */
const LIBRARY_LAYOUT =
  /^(abc_|mtrl_|design_|material_|notification_|select_dialog|support_|mr_|exo_|com_facebook_|common_google|leak_canary|browser_actions|custom_dialog|preference_|m3_)/;

/** Words (id/hint tokens) naming a secret the screen must mask. */
const SECRET_WORDS = new Set([
  'pwd',
  'pass',
  'pin',
  'mpin',
  'tpin',
  'upin',
  'otp',
  'cvv',
  'cvv2',
  'cvc',
  'secret',
]);
const SECRET_PARTS = ['password', 'passwd', 'passcode', 'passphrase', 'contrase', 'motdepasse'];
/** Words naming account data the keyboard should not learn. */
const ACCOUNT_WORDS = new Set([
  'username',
  'uname',
  'login',
  'account',
  'acct',
  'amount',
  'card',
  'iban',
  'pan',
]);
const ACCOUNT_PARTS = ['username', 'account', 'cardnumber'];

export type FieldKind = 'secret' | 'account';

export type InputField = {
  /** res/layout/…xml */
  file: string;
  element: XmlElement;
  /** `id/loginscreen_password` or the literal hint when there is no id. */
  label: string;
  kind: FieldKind;
  /** The android:inputType attribute, when present. */
  inputType?: XmlAttribute;
  /** True when the field masks what is typed (password input types or android:password="true"). */
  masked: boolean;
  /** True when keyboards neither learn nor suggest what is typed. */
  noSuggestions: boolean;
};

function attr(e: XmlElement, id: number): XmlAttribute | undefined {
  return e.attributes.find((a) => a.resourceId === id);
}

/** camelCase, snake_case and digits split into lower-case words. */
function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function kindOf(text: string): FieldKind | undefined {
  const ws = words(text);
  if (ws.some((w) => SECRET_WORDS.has(w) || SECRET_PARTS.some((p) => w.includes(p)))) return 'secret';
  if (ws.some((w) => ACCOUNT_WORDS.has(w) || ACCOUNT_PARTS.some((p) => w.includes(p)))) return 'account';
  return undefined;
}

/** The text an attribute names: a literal string, or the name of the referenced resource. */
function attrText(ctx: AuditContext, a: XmlAttribute | undefined): string | undefined {
  if (!a) return undefined;
  if (a.value.type === 'string') return a.value.value;
  if (a.value.type !== 'reference') return undefined;
  const table = ctx.apk.resources;
  try {
    return table ? resourceName(table, a.value.value) : undefined;
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
}

function typeFlags(
  inputType: XmlAttribute | undefined,
  legacyPassword: boolean,
): { masked: boolean; noSuggestions: boolean } {
  if (!inputType || inputType.value.type !== 'int')
    return { masked: legacyPassword, noSuggestions: legacyPassword };
  const v = inputType.value.value;
  const cls = v & CLASS_MASK;
  const variation = v & VARIATION_MASK;
  const masked =
    legacyPassword ||
    (cls === CLASS_TEXT && (variation === TEXT_PASSWORD || variation === TEXT_WEB_PASSWORD)) ||
    (cls === CLASS_NUMBER && variation === NUMBER_PASSWORD);
  // Keyboards do not learn number, phone or date input; text learns unless suggestions are off.
  const noSuggestions =
    masked || cls !== CLASS_TEXT || variation === TEXT_VISIBLE_PASSWORD || (v & TEXT_NO_SUGGESTIONS) !== 0;
  return { masked, noSuggestions };
}

function isEditText(e: XmlElement): boolean {
  return /(^|\.)(\w*EditText|AutoCompleteTextView)$/.test(e.name);
}

function collect(ctx: AuditContext, file: string, e: XmlElement, out: InputField[]): void {
  if (isEditText(e)) {
    const id = attrText(ctx, attr(e, ATTR_ID));
    const hint = attrText(ctx, attr(e, ATTR_HINT));
    const kind = kindOf(id ?? '') ?? kindOf(hint ?? '');
    if (kind) {
      const pw = attr(e, ATTR_PASSWORD);
      const legacy = pw?.value.type === 'boolean' && pw.value.value;
      const inputType = attr(e, ATTR_INPUT_TYPE);
      out.push({
        file,
        element: e,
        label: id ?? `hint "${hint ?? ''}"`,
        kind,
        inputType,
        ...typeFlags(inputType, legacy),
      });
    }
  }
  for (const c of e.children) collect(ctx, file, c, out);
}

/** Sensitive-looking input fields of the app's own layouts (the first configuration of each layout name). */
export function sensitiveInputFields(ctx: AuditContext): InputField[] {
  const out: InputField[] = [];
  const seen = new Set<string>();
  // The default configuration (res/layout/) first, so a field is reported where it is usually edited.
  const names = ctx.apk.zip.entries
    .filter((e) => !e.isDirectory && e.name.startsWith('res/layout'))
    .map((e) => e.name)
    .sort((a, b) => Number(!a.startsWith('res/layout/')) - Number(!b.startsWith('res/layout/')));
  for (const name of names) {
    const m = /^res\/layout[^/]*\/([^/]+)\.xml$/.exec(name);
    if (!m || LIBRARY_LAYOUT.test(m[1])) continue;
    const doc = ctx.apk.xml(name);
    if (!doc) continue;
    const fields: InputField[] = [];
    collect(ctx, name, doc.root, fields);
    for (const f of fields) {
      const key = `${m[1]}|${f.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return out;
}

/** The inputType as written (`0x1` …) or 'absent'. */
export function inputTypeText(f: InputField): string {
  const v = f.inputType?.value;
  return v && v.type === 'int' ? `0x${v.value.toString(16)}` : 'absent';
}
