/** Never print a secret: the first 4 and last 2 characters and the length are enough to find it. */

const SHOWN_HEAD = 4;
const SHOWN_TAIL = 2;
/** Below this length, showing 6 characters would give most of the secret away. */
const SHORT = 12;

export function redact(secret: string): string {
  const n = secret.length;
  if (n < SHORT) return `${secret.slice(0, 1)}… (${n} chars)`;
  return `${secret.slice(0, SHOWN_HEAD)}…${secret.slice(n - SHOWN_TAIL)} (${n} chars)`;
}

/** `text` with every occurrence of each secret replaced by its redaction. */
export function redactIn(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join(redact(s));
  return out;
}

/**
 * A short snippet around the secret at `text[at, at + length)`, with the secret replaced by
 * `shown` (its redaction) and line breaks flattened.
 */
export function snippetAround(text: string, at: number, length: number, shown: string, radius = 24): string {
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, at + length + radius);
  const flat = (t: string): string => t.replace(/[\r\n\t]+/g, ' ');
  return flat(text.slice(start, at)) + shown + flat(text.slice(at + length, end));
}
