/** HTML escaping. Every string that reaches the HTML report goes through `esc` (app strings are hostile). */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values. */
export function esc(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  // C0 controls (except tab/newline) would make the document invalid; show them as U+FFFD.
  return (
    String(value)
      .replace(/[&<>"']/g, (c) => ENTITIES[c])
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd')
  );
}

/** Shortens very long text (bodies, snippets, inventories) and says how much was cut. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  return `${s.slice(0, max)}\n… (${s.length - max} more characters not shown)`;
}

/** A token safe to use in an id or class: lower-case letters, digits and '-'. */
export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}
