/** Every USSD check, in the order they run (the PIN brute force last: it may lock the account). */
import type { Check } from '../../core/check.js';
import type { UssdContext } from './context.js';
import { crossAccountAccess } from './authz.js';
import { balanceBeforePin, pinEcho } from './exposure.js';
import {
  callbackAuth,
  dialChaining,
  foreignSessionId,
  sessionNeverExpires,
  sessionReuse,
  starInjection,
} from './flow.js';
import { clientStateTampering } from './client-state.js';
import { gatewayFieldInjection } from './fields.js';
import { inputValidation } from './input.js';
import { amountEdgeCases, concurrentDoubleSpend, replayCompletedHop } from './money.js';
import { pinBruteForce, weakPinAccepted } from './pin.js';
import { simSwapGate } from './simswap.js';
import { predictableAppState } from './tokens.js';
import { plainHttpCallback, slowHops } from './transport.js';

export const USSD_CHECKS: readonly Check<UssdContext>[] = [
  plainHttpCallback,
  callbackAuth,
  balanceBeforePin,
  pinEcho,
  sessionReuse,
  foreignSessionId,
  starInjection,
  dialChaining,
  clientStateTampering,
  predictableAppState,
  inputValidation,
  gatewayFieldInjection,
  amountEdgeCases,
  crossAccountAccess,
  weakPinAccepted,
  sessionNeverExpires,
  simSwapGate,
  replayCompletedHop,
  concurrentDoubleSpend,
  slowHops,
  pinBruteForce,
];

export type { UssdContext, ProbeOptions } from './context.js';
export { defineUssdCheck } from './context.js';
