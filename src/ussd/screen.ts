/**
 * What a USSD screen is: its length budget (182 GSM-7 / 80 UCS-2 characters, TS 23.038 packing
 * of the 160-octet USSD-String) and what it asks for (prompt recognition).
 */

/** GSM 03.38 default alphabet (basic table), as one string. */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the extension table: each costs two septets (escape + char). */
const GSM7_EXT = '^{}\\[~]|€\f';

const BASIC = new Set(GSM7_BASIC);
const EXT = new Set(GSM7_EXT);

export const MAX_GSM7_CHARS = 182;
export const MAX_UCS2_CHARS = 80;

export type ScreenEncoding = 'gsm7' | 'ucs2';

export type ScreenSize = {
  encoding: ScreenEncoding;
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
  units: number;
  limit: number;
  fits: boolean;
};

/** How a network would encode `text` and whether it fits on one USSD screen. */
export function screenSize(text: string, gsm7Limit = MAX_GSM7_CHARS, ucs2Limit = MAX_UCS2_CHARS): ScreenSize {
  let septets = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXT.has(ch)) septets += 2;
    else return { encoding: 'ucs2', units: text.length, limit: ucs2Limit, fits: text.length <= ucs2Limit };
  }
  return { encoding: 'gsm7', units: septets, limit: gsm7Limit, fits: septets <= gsm7Limit };
}

export type PromptKind = 'choice' | 'confirm' | 'pin' | 'amount' | 'phone' | 'text' | 'none';

export type MenuOption = { key: string; label: string };

export type Prompt = { kind: PromptKind; options: MenuOption[] };

const OPTION_LINE = /^\s*([0-9]{1,2}|[*#0])\s*[.):-]\s*(\S.*)$/;
const PIN = /\b(pin|password|passcode|secret code|m-?pin)\b/i;
const NEW_PIN = /\bnew\s+(pin|password)\b/i;
const AMOUNT = /\b(amount|how much|value)\b/i;
const PHONE = /\b(phone|mobile|msisdn|recipient|number|account no|till)\b/i;
const CONFIRM = /\b(confirm|proceed|accept|are you sure|yes)\b/i;

/** The numbered options of a menu screen ('1. Balance', '2) Send', '0: Back'). */
export function menuOptions(text: string): MenuOption[] {
  const out: MenuOption[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = OPTION_LINE.exec(line);
    if (m) out.push({ key: m[1], label: m[2].trim() });
  }
  return out;
}

/**
 * What a CON screen asks for. A screen with numbered options is a choice (a confirm when one
 * option confirms); otherwise the last line decides: PIN, amount, phone number, or free text.
 */
export function recognisePrompt(text: string): Prompt {
  const options = menuOptions(text);
  if (options.length) {
    const confirm = options.some((o) => CONFIRM.test(o.label)) && options.length <= 3;
    return { kind: confirm ? 'confirm' : 'choice', options };
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const last = lines.at(-1) ?? '';
  if (PIN.test(last) || (NEW_PIN.test(text) && PIN.test(text))) return { kind: 'pin', options };
  if (AMOUNT.test(last)) return { kind: 'amount', options };
  if (PHONE.test(last)) return { kind: 'phone', options };
  if (PIN.test(text)) return { kind: 'pin', options };
  if (AMOUNT.test(text)) return { kind: 'amount', options };
  if (PHONE.test(text)) return { kind: 'phone', options };
  return { kind: lines.length ? 'text' : 'none', options };
}

/** A balance or statement shown on screen ('Balance: KES 1,000.00', 'bal GHS 20'). */
export const BALANCE_PATTERN =
  /\b(balance|bal\.?|statement|available)\b[^\n]{0,40}?\b(KES|KSH|GHS|NGN|UGX|TZS|RWF|ZMW|XOF|XAF|USD|EUR|[A-Z]{3})?\s?-?[0-9][0-9,]*(\.[0-9]{1,2})?\b/i;

/** True when `text` shows the PIN as a separate token. */
export function showsSecret(text: string, secret: string): boolean {
  if (!secret) return false;
  const esc = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^0-9])${esc}([^0-9]|$)`).test(text);
}

/** Markers of an internal error leaking to the screen or body. */
export const STACK_TRACE_PATTERN =
  /(\bat [\w$.<>]+ \(|Traceback \(most recent call last\)|\bException\b|\bSQLITE_|SQLSTATE|syntax error|ORA-[0-9]{5}|TypeError|ReferenceError|NullPointer|node:internal|\/node_modules\/)/;

/** `text` with every separate occurrence of `secret` (digit-bounded) replaced by `marker`. */
export function maskSecret(text: string, secret: string | undefined, marker = '<PIN>'): string {
  if (!secret) return text;
  const esc = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(^|[^0-9])${esc}(?=[^0-9]|$)`, 'g'), (_m, pre: string) => pre + marker);
}
