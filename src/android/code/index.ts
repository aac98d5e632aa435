export {
  analyzeMethodValues, instanceInitialValue, staticInitialValue,
  type AnalyzeOptions, type CallValues, type MethodValues, type ReturnValue,
} from './analyze.js';
export { buildCfg, readTries, type BasicBlock, type Cfg, type TryRange } from './cfg.js';
export {
  classesImplementing, findClass, findMethod, methodsOfClass, resolveMethod, subclassesOf, supertypesOf,
  type ClassRef, type MethodHandle,
} from './find.js';
export { formatInsn } from './format.js';
export {
  isHarmlessCall, methodAlwaysReturnsConst, methodCallsOnReceiver, methodReturnsNullOrEmptyArray, methodReturnsWithoutThrowing,
  reachedOnEveryPath, trivialBody, valuesAtCall, type TrivialBody,
} from './predicates.js';
export { encodedStaticValue, readEncodedArray } from './static-values.js';
export {
  alternatives, constantInt, constantText, formatValue, hasNonConstantPart, isNullish, joinValues, knownBytes, possibleInts,
  possibleStrings, sameValue, MAX_ALTERNATIVES, NULL, UNKNOWN,
  type ArrayValue, type ClassValue, type ConcatValue, type FieldValue, type IntValue, type InvokeValue, type NewValue, type NullValue,
  type OneOfValue, type ParamValue, type StringValue, type ThisValue, type UnknownValue, type Value,
} from './values.js';
