/**
 * Names inside a locator step are percent-encoded when they hold a character the locator syntax
 * uses (`/ [ ] @ %`) or a control character: real manifests never do, hostile ones may.
 */
export function encodeStep(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[%/[\]@\u0000-\u001f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
