/**
 * DEX reader. `parseDex` reads the header (checksum, optional SHA-1), the map, the id tables (typed
 * arrays), class definitions and class_data (the encoded members as typed arrays in `dex.members`;
 * `dex.method(i)` and `dex.methods` build objects on demand); strings are decoded lazily
 * (`dex.string(i)`) and code stays in the buffer. `decodeMethod` decodes every Dalvik instruction of one code item (payloads
 * included). `analyzeDex` makes one allocation-light pass over all code items and records, per
 * method, invokes, field reads/writes, strings and types with bytecode offsets, plus reverse
 * indexes; `mergeDexIndexes` joins the indexes of a multidex APK without copying, and the query
 * functions (`callSites`, `stringUsers`, `fieldReaders`, …) look things up by smali descriptor.
 */
export { parseDex, readTypeList } from './parse.js';
export { isDex } from './header.js';
export { readCodeItem } from './classdata.js';
export { decodeMethod, iterateInstructions, type DexInsn, type DexPayload } from './decode.js';
export { analyzeDex, type DexIndex, type DexXrefs, type DexCsr } from './analyze.js';
export {
  mergeDexIndexes,
  invokesOf,
  fieldAccessesOf,
  stringsOf,
  typesOf,
  callSites,
  fieldReaders,
  fieldWriters,
  stringUsers,
  referencedStrings,
  forEachReferencedString,
  typeUsers,
  classMethods,
  siteMethod,
  siteMethodClass,
  type CodeIndex,
  type CodeSite,
  type MethodRef,
  type MethodInvoke,
  type FieldAccess,
  type StringUse,
  type TypeUse,
} from './query.js';
export {
  methodDescriptor,
  fieldDescriptor,
  protoDescriptor,
  methodClassDescriptor,
  descriptorToJava,
  type DescriptorStyle,
} from './descriptors.js';
export {
  OPCODES,
  invokeKindOf,
  type DexFormat,
  type IndexKind,
  type InvokeKind,
  type OpcodeInfo,
} from './opcodes.js';
export { ACC, NO_INDEX } from './constants.js';
export type * from './types.js';
export { mayContainOpcode, opcodeSet } from './opcode-filter.js';
