/** Every SIM OTA check, in id order. */
import type { Check } from '../../core/check.js';
import type { StkAuditContext } from '../audit/types.js';
import noSecurity from './no-security.js';
import rcOnly from './rc-only.js';
import singleDes from './single-des.js';
import counter from './counter.js';
import signedPor from './signed-por.js';
import badCc from './bad-cc-processed.js';
import oracle from './decryption-oracle.js';
import browser from './browser-no-security.js';

export const STK_CHECKS: readonly Check<StkAuditContext>[] = [
  noSecurity,
  rcOnly,
  singleDes,
  counter,
  signedPor,
  badCc,
  oracle,
  browser,
];
