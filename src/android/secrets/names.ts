/**
 * Context: does a name (a variable, field, JSON key, resource name) say its value is a secret,
 * and is a value a real value rather than a placeholder or a UI label?
 */

export type SecretNameKind = 'password' | 'key' | 'token' | 'secret';

/** Words that make a secret-looking name harmless: UI labels, messages, key *names*, URLs. */
const HARMLESS_WORDS = new Set(
  (
    'hint label title text field prompt error err msg message forgot reset confirm confirmation invalid wrong incorrect ' +
    'required mismatch button btn show hide visibility visible toggle enter input edit change dialog summary desc ' +
    'description strength policy pattern regex length min max format type expired expiry header param params url uri ' +
    'endpoint path file name alias question placeholder empty missing lbl id count size timeout request response screen ' +
    'view activity fragment layout menu icon color colour style event listener callback status state manager provider ' +
    'util utils helper factory class key_name tag prefix suffix pref prefs preference column col table intent extra action ' +
    'remember never save saved checking check instructions instruction unlock lock lockscreen keyguard policy policydesc ' +
    'policylab accessibility expire limit mmi retry attempts attempt notification toast alert tooltip caption heading'
  ).split(' '),
);

/** 'appPasswordHint' / 'app_password_hint' / 'string/app-password.hint' → ['app', 'password', 'hint']. */
export function nameWords(name: string): string[] {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return base
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const NAME_RULES: [RegExp, SecretNameKind][] = [
  [/(^|_)(pass|pwd|pswd|passwd|passcode|passphrase)(_|$)|password/, 'password'],
  [/secret|(private|priv|signing|encryption|enc|aes|hmac|master|crypto|cipher)_?key|passkey/, 'secret'],
  [/api_?key|(access|app|consumer|client|license|subscription|server|merchant)_?key/, 'key'],
  [/(auth|access|api|session|refresh)_?token|bearer|credentials?|authorization/, 'token'],
];

/** Cheap pre-filter: every NAME_RULES pattern contains one of these. */
const NAME_HINT = /pass|pwd|pswd|secret|key|token|bearer|credential|authoriz/i;

/** How `name` suggests a secret, or undefined. `name` may be camelCase, snake_case or a resource name. */
export function secretNameKind(name: string): SecretNameKind | undefined {
  if (name.length === 0 || name.length > 80 || !NAME_HINT.test(name)) return undefined;
  const words = nameWords(name);
  if (words.some((w) => HARMLESS_WORDS.has(w))) return undefined;
  const joined = words.join('_');
  for (const [re, kind] of NAME_RULES) if (re.test(joined)) return kind;
  return undefined;
}

/** Values that stand for a secret without being one (docs, templates, samples). */
const PLACEHOLDER =
  /(your[_ -]?|my[_ -]?(api|secret|key|pass)|xxxx|\*\*\*\*|\.\.\.|changeme|change[_ -]?me|replace|example|sample|dummy|placeholder|insert|todo|fixme|<[^>]*>|\$\{|\{\{|%[0-9]*[sd]|^null$|^none$|^undefined$|^true$|^false$|^test$|^default$|^password$|^secret$|^admin$|^string$)/i;

const REPEATED_CHAR = /^(.)\1+$/;

export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER.test(value)) return true;
  // One character repeated ('aaaaaaaa', '00000000').
  return REPEATED_CHAR.test(value);
}

/** UUIDs: identifiers (installation ids, GUIDs), only rarely secrets. */
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Shapes of code, not data (module constants: a literal in the function is a new object per call). */
const CODE_SHAPES: readonly RegExp[] = [
  /\s/, // text with spaces
  /^L[\w/$]+;$/, // type descriptor
  /^([a-z_][\w$]*\.){2,}[\w$]+$/, // com.example.Foo
  /^([a-z_][\w$-]*\/)+[\w$.-]*$/, // a/b/c path
  /^[a-z]+(_[a-z]+)+$/, // snake_case key name
  /^[a-z]+([A-Z][a-z]+)+$/, // camelCase identifier
  /^[A-Z][a-z]+$/, // a Capitalised word (a UI label)
  /^[A-Z]+(_[A-Z]+)+$/, // CONSTANT_NAME
];

/** Values that are code, not data: descriptors, dotted class names, paths, identifiers, format strings. */
export function looksLikeCodeOrLabel(value: string): boolean {
  for (const re of CODE_SHAPES) if (re.test(value)) return true;
  return false;
}
