/**
 * `name = value` / `"name": "value"` matches in free text. The regex alone, run globally, tries
 * every position of the text, and on long texts (an R8 map of class names, a JSON blob) most of
 * the scan's time went there; `assignmentMatches` gives the same matches, in the same order, but
 * tries the regex only just before each '=' or ':'.
 */

/**
 * `password=…`, `"api_key": "…"`, `secret: …` inside a text (config files, query strings, JSON):
 * a name (2–61 characters), an optional quote, spaces, the operator, spaces, the value.
 */
export const ASSIGNMENT =
  /["']?([A-Za-z_][A-Za-z0-9_.-]{1,60})["']?\s*(?:=|:|=>)\s*(?:"([^"\s]{4,256})"|'([^'\s]{4,256})'|([^\s"'&,;<>)}\]]{4,256}))/g;

/** ASSIGNMENT tried at one position only. */
const ASSIGNMENT_AT = new RegExp(ASSIGNMENT.source, 'y');
const OPERATOR = /[=:]/g;
/** The regex's `\s` (Unicode white space and line terminators). */
const SPACE = /\s/;
const QUOTE = /["']/;
/** Characters of a name after its first. */
const NAME_CHAR = /[A-Za-z0-9_.-]/;
/** From a match's start to its name's last character: a quote and 61 name characters. */
const MAX_NAME_REACH = 62;

/**
 * The matches of ASSIGNMENT in `text` that its global exec loop finds, in order.
 *
 * Why trying only a few positions is enough: a match starting at or after `from` holds no '=' or
 * ':' before its operator (a name, quotes and spaces have none), so it uses the first operator
 * `o` at or after `from`, and its name ends at the last name character before `["']?\s*` and `o`,
 * 61 characters at most, after an optional quote. Positions before that cannot start a match;
 * when none of the positions left does, no match starts before `o` and the search goes on after it.
 */
export function assignmentMatches(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let from = 0;
  for (;;) {
    OPERATOR.lastIndex = from;
    const op = OPERATOR.exec(text);
    if (!op) return out;
    const o = op.index;
    const m = matchBefore(text, from, o);
    if (!m) {
      from = o + 1;
      continue;
    }
    out.push(m);
    from = m.index + m[0].length;
  }
}

/** The leftmost match starting in [from, o) whose operator is the one at `o`, if any. */
function matchBefore(text: string, from: number, o: number): RegExpExecArray | null {
  let k = o - 1;
  while (k >= from && SPACE.test(text[k])) k--;
  if (k >= from && QUOTE.test(text[k])) k--;
  if (k < from || !NAME_CHAR.test(text[k])) return null;
  let start = k;
  while (start > from && k - start < MAX_NAME_REACH && NAME_CHAR.test(text[start - 1])) start--;
  for (let p = Math.max(from, start - 1); p < k; p++) {
    ASSIGNMENT_AT.lastIndex = p;
    const m = ASSIGNMENT_AT.exec(text);
    if (m) return m;
  }
  return null;
}
