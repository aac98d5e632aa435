/** Test helper: small smali sources for the storage, platform and resilience check fixtures. */

/** A smali class `cls` ('org/dfslab/fixture/Main') with the given method texts. */
export function smaliClass(
  cls: string,
  methods: string[],
  superClass = 'Landroid/app/Activity;',
): Record<string, string> {
  const text = [
    `.class public L${cls};`,
    `.super ${superClass}`,
    `.source "${cls.slice(cls.lastIndexOf('/') + 1)}.java"`,
    '',
    ...methods,
  ].join('\n');
  return { [`${cls}.smali`]: text };
}

/** A public instance method `name(proto)` with `locals` registers and the body lines (no return needed when it ends in one). */
export function method(
  name: string,
  proto: string,
  locals: number,
  body: string[],
  isStatic = false,
): string {
  const last = body[body.length - 1]?.trim() ?? '';
  const ret =
    last.startsWith('return') || last.startsWith('throw')
      ? []
      : [proto.endsWith(')V') ? 'return-void' : 'return-object v0'];
  return [
    `.method public ${isStatic ? 'static ' : ''}${name}${proto}`,
    `    .locals ${locals}`,
    ...body.map((l) => `    ${l}`),
    ...ret.map((l) => `    ${l}`),
    '.end method',
    '',
  ].join('\n');
}

/** Merges several smali source maps into one. */
export function sources(...parts: Record<string, string>[]): Record<string, string> {
  return Object.assign({}, ...parts) as Record<string, string>;
}
