import { ATTR } from '../axml/attrs.js';
import type { XmlAttribute } from '../axml/types.js';
import type { ResValue } from '../resources.js';
import type { Ctx, Node } from './read.js';
import { children, findAttr, loc, parseIntLikeAndroid, toInt } from './read.js';
import type { Attr, Sdk } from './types.js';

/** Build.VERSION_CODES.CUR_DEVELOPMENT: what a preview codename means as a number. */
export const CUR_DEVELOPMENT = 10000;

type SdkValue = { attr: Attr<number | string>; num?: number; code?: string };

/** ParsingPackageUtils.parseUsesSdk: a string value is a codename, anything else an int. */
function sdkValue(ctx: Ctx, n: Node, a: XmlAttribute | undefined): SdkValue | undefined {
  if (!a) return undefined;
  let v: ResValue = a.value;
  if (v.type === 'reference' && ctx.res) v = ctx.res.resolve(v.value) ?? v;
  const base = toInt(ctx, n, a);
  if (!base) return undefined;
  if (v.type === 'string') {
    // Any string is a codename to Android, even "21" (aapt compiles numbers to ints, so a numeric
    // string means a hand-made or tampered manifest; Android then refuses it on release builds).
    if (parseIntLikeAndroid(v.value) !== undefined) {
      ctx.anomalies.add({
        format: ctx.format,
        code: 'sdk-version-string',
        severity: 'warning',
        message: `${n.path}: SDK version "${v.value}" is a string; Android reads it as a codename`,
        offset: a.offset,
      });
    }
    return { attr: { ...base, value: v.value }, code: v.value };
  }
  if (v.type === 'reference' || v.type === 'attribute') return { attr: base };
  const num = typeof base.value === 'number' ? base.value : undefined;
  return { attr: base, num };
}

/** <uses-sdk>: minSdk defaults to 1, targetSdk to minSdk; the last <uses-sdk> wins. */
export function parseUsesSdk(ctx: Ctx, root: Node): Sdk {
  const all = children(root, 'uses-sdk');
  if (all.length > 1) {
    ctx.anomalies.add({
      format: ctx.format,
      code: 'multiple-uses-sdk',
      severity: 'warning',
      message: `${all.length} <uses-sdk> elements`,
      offset: all[1].el.offset,
    });
  }
  const sdk: Sdk = { min: 1, target: 1 };
  for (const n of all) {
    sdk.at = loc(n);
    const min = sdkValue(ctx, n, findAttr(ctx, n, ATTR.minSdkVersion));
    const target = sdkValue(ctx, n, findAttr(ctx, n, ATTR.targetSdkVersion));
    const max = toInt(ctx, n, findAttr(ctx, n, ATTR.maxSdkVersion));
    if (min) {
      sdk.minAttr = min.attr;
      if (min.code !== undefined) sdk.minCodename = min.code;
      sdk.min = min.code !== undefined ? CUR_DEVELOPMENT : (min.num ?? 1);
    }
    if (target) {
      sdk.targetAttr = target.attr;
      if (target.code !== undefined) sdk.targetCodename = target.code;
      sdk.target = target.code !== undefined ? CUR_DEVELOPMENT : (target.num ?? sdk.min);
    } else {
      sdk.target = sdk.min;
      if (sdk.minCodename !== undefined) sdk.targetCodename = sdk.minCodename;
    }
    if (max) {
      sdk.maxAttr = max;
      if (typeof max.value === 'number') sdk.max = max.value;
    }
  }
  return sdk;
}
