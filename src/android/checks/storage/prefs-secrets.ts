import { defineAndroidCheck, type AuditContext } from '../../audit/context.js';
import { constantText, type Value } from '../../code/index.js';
import { fieldAccessesOf, fieldDescriptor, typeUsers } from '../../dex/index.js';
import { siteEvidence, type ValueSite } from '../crypto/lib/sites.js';
import { appSites, sensitiveWord, shortValue } from './lib/app-code.js';
import { fromInvoke, methodName } from './lib/values.js';

const PUT_STRING =
  'Landroid/content/SharedPreferences$Editor;->putString(Ljava/lang/String;Ljava/lang/String;)Landroid/content/SharedPreferences$Editor;';
/** Key names that mean a credential (narrower than the logging words: a stored "balance" is not a secret). */
const SECRET_KEY =
  /\b(?:pin|mpin|passw(?:or)?d|pwd|passcode|token|otp|cvv|cvc|secret|credentials?|private ?key|api ?key)\b/;
/** A value that went through one of these calls is treated as protected. */
const PROTECTS = /encrypt|cipher|dofinal|seal|wrap|hash|digest|pbkdf|bcrypt|scrypt|argon|hmac/i;
const ENCRYPTED_PREFS = 'Landroidx/security/crypto/EncryptedSharedPreferences;';
const ENCRYPTED_PREFS_CREATE =
  'Landroidx/security/crypto/EncryptedSharedPreferences;->create(Landroid/content/Context;Ljava/lang/String;Landroidx/security/crypto/MasterKey;Landroidx/security/crypto/EncryptedSharedPreferences$PrefKeyEncryptionScheme;Landroidx/security/crypto/EncryptedSharedPreferences$PrefValueEncryptionScheme;)Landroid/content/SharedPreferences;';

function protectedValue(v: Value | undefined): boolean {
  return fromInvoke(v, (d) => PROTECTS.test(methodName(d))) !== undefined;
}

/**
 * `this.secret = encrypt(p); editor.putString("secret", this.secret)`: the field read gives no
 * value, so look at what the same method stored into that field before.
 */
function storedProtected(ctx: AuditContext, s: ValueSite, v: Value | undefined): boolean {
  if (!v || v.kind !== 'field') return false;
  const ix = ctx.code?.parts[s.call.part];
  if (!ix) return false;
  for (const a of fieldAccessesOf(ix, s.call.method)) {
    if (!a.write || a.offset >= s.call.offset || fieldDescriptor(ix.dex, a.fieldIdx) !== v.field) continue;
    const i = a.offset < s.mv.cfg.at.length ? s.mv.cfg.at[a.offset] : -1;
    const src = i >= 0 ? s.mv.insns[i].registers[0] : undefined;
    const stored = src !== undefined ? s.mv.stateBefore(a.offset)?.[src] : undefined;
    if (protectedValue(stored)) return true;
  }
  return false;
}

/**
 * A PIN, password or token saved with SharedPreferences.putString as written: the XML file in
 * shared_prefs/ is readable from a backup, a rooted phone or a debuggable build.
 */
export default defineAndroidCheck({
  id: 'AND-STORAGE-006',
  name: 'plaintext-secret-preferences',
  title: 'Secret stored in plain SharedPreferences',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-STORAGE-1'], cwe: [312], figi: ['FIGI-APP-T2.x-local'] },
  needs: ['dex'],
  messages: {
    plain:
      'SharedPreferences.Editor.putString("{key}", {value}) in {where}: a {word} is stored without encryption.',
  },
  remediation:
    'Never store the PIN or password; verify it on the server or keep a salted PBKDF2/Argon2 hash. Keep tokens in EncryptedSharedPreferences (androidx.security.crypto) or encrypt them with a key from the Android Keystore (AES/GCM), and clear them at logout.',
  run(ctx, report) {
    const encryptedPrefsUsed = ctx.code
      ? typeUsers(ctx.code, ENCRYPTED_PREFS).length > 0 || ctx.calls(ENCRYPTED_PREFS_CREATE).length > 0
      : false;
    for (const s of appSites(ctx, [PUT_STRING])) {
      const key = s.values.args[1] ? constantText(s.values.args[1]) : undefined;
      if (key === undefined) continue;
      const word = sensitiveWord(key);
      if (!word || !SECRET_KEY.test(word)) continue;
      const value = s.values.args[2];
      if (protectedValue(value) || storedProtected(ctx, s, value)) continue;
      report({
        messageId: 'plain',
        data: { key, value: shortValue(value), where: s.where, word },
        evidence: siteEvidence(ctx, s),
        ...(encryptedPrefsUsed ? { confidence: 'low' as const } : {}),
      });
    }
  },
});
