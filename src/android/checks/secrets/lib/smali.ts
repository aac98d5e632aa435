/** Smali text for the secrets check fixtures (test support; not used by the checks). */

export type SmaliField = { name: string; value?: string };

/** A smali string literal: quotes, backslashes and control characters escaped. */
export function smaliString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

/**
 * A class `cls` (slash form, e.g. 'org/dfslab/fixture/Api') with static String fields (optional
 * initial values) and one static method `run()` whose body is `body` (registers v0..v5).
 */
export function smaliClass(
  cls: string,
  fields: SmaliField[],
  body: string[],
  methodName = 'run',
): Record<string, string> {
  const lines = [
    `.class public L${cls};`,
    '.super Ljava/lang/Object;',
    ...fields.map(
      (f) =>
        `.field public static ${f.value !== undefined ? 'final ' : ''}${f.name}:Ljava/lang/String;${f.value !== undefined ? ` = ${smaliString(f.value)}` : ''}`,
    ),
    `.method public static ${methodName}()V`,
    '    .registers 6',
    ...body.map((l) => `    ${l}`),
    '    return-void',
    '.end method',
  ];
  return { [`${cls}.smali`]: lines.join('\n') + '\n' };
}

/** `const-string vN, "…"`. */
export const constString = (reg: number, s: string): string => `const-string v${reg}, ${smaliString(s)}`;

/** `sput-object vN, Lcls;->name:Ljava/lang/String;`. */
export const sput = (reg: number, cls: string, name: string): string =>
  `sput-object v${reg}, L${cls};->${name}:Ljava/lang/String;`;

/** res/values/strings.xml with the given names and values (XML-escaped). */
export function stringsXml(
  entries: Record<string, string>,
  file = 'values/strings.xml',
): Record<string, string> {
  const esc = (s: string): string =>
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '\\"')
      .replace(/'/g, "\\'");
  const body = Object.entries(entries)
    .map(([k, v]) => `  <string name="${k}">${esc(v)}</string>`)
    .join('\n');
  return { [file]: `<?xml version="1.0" encoding="utf-8"?>\n<resources>\n${body}\n</resources>\n` };
}
