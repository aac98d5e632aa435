/**
 * The Dalvik opcode table: name, instruction format and the kind of constant-pool index each
 * opcode carries. Parallel typed arrays (indexed by opcode) serve the hot scanning loop.
 */

export type DexFormat =
  | '10x'
  | '12x'
  | '11n'
  | '11x'
  | '10t'
  | '20t'
  | '20bc'
  | '22x'
  | '21t'
  | '21s'
  | '21h'
  | '21c'
  | '23x'
  | '22b'
  | '22t'
  | '22s'
  | '22c'
  | '22cs'
  | '30t'
  | '32x'
  | '31i'
  | '31t'
  | '31c'
  | '35c'
  | '35ms'
  | '35mi'
  | '3rc'
  | '3rms'
  | '3rmi'
  | '45cc'
  | '4rcc'
  | '51l';

export type IndexKind = 'string' | 'type' | 'field' | 'method' | 'proto' | 'call_site' | 'method_handle';

export type OpcodeInfo = { opcode: number; name: string; format: DexFormat; indexKind?: IndexKind };

/** Instruction length in 16-bit code units, per format. */
export const FORMAT_UNITS: Record<DexFormat, number> = {
  '10x': 1,
  '12x': 1,
  '11n': 1,
  '11x': 1,
  '10t': 1,
  '20t': 2,
  '20bc': 2,
  '22x': 2,
  '21t': 2,
  '21s': 2,
  '21h': 2,
  '21c': 2,
  '23x': 2,
  '22b': 2,
  '22t': 2,
  '22s': 2,
  '22c': 2,
  '22cs': 2,
  '30t': 3,
  '32x': 3,
  '31i': 3,
  '31t': 3,
  '31c': 3,
  '35c': 3,
  '35ms': 3,
  '35mi': 3,
  '3rc': 3,
  '3rms': 3,
  '3rmi': 3,
  '45cc': 4,
  '4rcc': 4,
  '51l': 5,
};

const UNOPS = [
  'neg-int',
  'not-int',
  'neg-long',
  'not-long',
  'neg-float',
  'neg-double',
  'int-to-long',
  'int-to-float',
  'int-to-double',
  'long-to-int',
  'long-to-float',
  'long-to-double',
  'float-to-int',
  'float-to-long',
  'float-to-double',
  'double-to-int',
  'double-to-long',
  'double-to-float',
  'int-to-byte',
  'int-to-char',
  'int-to-short',
];
const BINOP_NAMES = ['add', 'sub', 'mul', 'div', 'rem', 'and', 'or', 'xor', 'shl', 'shr', 'ushr'];
const BINOPS = [
  ...BINOP_NAMES.map((n) => `${n}-int`),
  ...BINOP_NAMES.map((n) => `${n}-long`),
  ...BINOP_NAMES.slice(0, 5).map((n) => `${n}-float`),
  ...BINOP_NAMES.slice(0, 5).map((n) => `${n}-double`),
];
const ARRAY_SUFFIX = ['', '-wide', '-object', '-boolean', '-byte', '-char', '-short'];
const LIT16 = [
  'add-int/lit16',
  'rsub-int',
  'mul-int/lit16',
  'div-int/lit16',
  'rem-int/lit16',
  'and-int/lit16',
  'or-int/lit16',
  'xor-int/lit16',
];
const LIT8 = [
  'add-int/lit8',
  'rsub-int/lit8',
  'mul-int/lit8',
  'div-int/lit8',
  'rem-int/lit8',
  'and-int/lit8',
  'or-int/lit8',
  'xor-int/lit8',
  'shl-int/lit8',
  'shr-int/lit8',
  'ushr-int/lit8',
];
const INVOKES = ['virtual', 'super', 'direct', 'static', 'interface'];

function buildTable(): OpcodeInfo[] {
  const t: OpcodeInfo[] = [];
  const put = (name: string, format: DexFormat, indexKind?: IndexKind): void => {
    const opcode = t.length;
    t.push(indexKind ? { opcode, name, format, indexKind } : { opcode, name, format });
  };
  const unused = (until: number): void => {
    while (t.length <= until) put(`unused-${t.length.toString(16).padStart(2, '0')}`, '10x');
  };
  put('nop', '10x');
  for (const k of ['', '-wide', '-object']) {
    put(`move${k}`, '12x');
    put(`move${k}/from16`, '22x');
    put(`move${k}/16`, '32x');
  }
  for (const k of ['', '-wide', '-object']) put(`move-result${k}`, '11x');
  put('move-exception', '11x');
  put('return-void', '10x');
  for (const k of ['', '-wide', '-object']) put(`return${k}`, '11x');
  put('const/4', '11n');
  put('const/16', '21s');
  put('const', '31i');
  put('const/high16', '21h');
  put('const-wide/16', '21s');
  put('const-wide/32', '31i');
  put('const-wide', '51l');
  put('const-wide/high16', '21h');
  put('const-string', '21c', 'string');
  put('const-string/jumbo', '31c', 'string');
  put('const-class', '21c', 'type');
  put('monitor-enter', '11x');
  put('monitor-exit', '11x');
  put('check-cast', '21c', 'type');
  put('instance-of', '22c', 'type');
  put('array-length', '12x');
  put('new-instance', '21c', 'type');
  put('new-array', '22c', 'type');
  put('filled-new-array', '35c', 'type');
  put('filled-new-array/range', '3rc', 'type');
  put('fill-array-data', '31t');
  put('throw', '11x');
  put('goto', '10t');
  put('goto/16', '20t');
  put('goto/32', '30t');
  put('packed-switch', '31t');
  put('sparse-switch', '31t');
  for (const n of ['cmpl-float', 'cmpg-float', 'cmpl-double', 'cmpg-double', 'cmp-long']) put(n, '23x');
  for (const n of ['eq', 'ne', 'lt', 'ge', 'gt', 'le']) put(`if-${n}`, '22t');
  for (const n of ['eq', 'ne', 'lt', 'ge', 'gt', 'le']) put(`if-${n}z`, '21t');
  unused(0x43);
  for (const p of ['aget', 'aput']) for (const s of ARRAY_SUFFIX) put(`${p}${s}`, '23x');
  for (const p of ['iget', 'iput']) for (const s of ARRAY_SUFFIX) put(`${p}${s}`, '22c', 'field');
  for (const p of ['sget', 'sput']) for (const s of ARRAY_SUFFIX) put(`${p}${s}`, '21c', 'field');
  for (const k of INVOKES) put(`invoke-${k}`, '35c', 'method');
  unused(0x73);
  for (const k of INVOKES) put(`invoke-${k}/range`, '3rc', 'method');
  unused(0x7a);
  for (const n of UNOPS) put(n, '12x');
  for (const n of BINOPS) put(n, '23x');
  for (const n of BINOPS) put(`${n}/2addr`, '12x');
  for (const n of LIT16) put(n, '22s');
  for (const n of LIT8) put(n, '22b');
  unused(0xf9);
  put('invoke-polymorphic', '45cc', 'method');
  put('invoke-polymorphic/range', '4rcc', 'method');
  put('invoke-custom', '35c', 'call_site');
  put('invoke-custom/range', '3rc', 'call_site');
  put('const-method-handle', '21c', 'method_handle');
  put('const-method-type', '21c', 'proto');
  if (t.length !== 256) throw new Error(`opcode table has ${t.length} entries`);
  return t;
}

export const OPCODES: readonly OpcodeInfo[] = buildTable();

/** Instruction length in code units, by opcode (payloads are handled separately). */
export const OP_UNITS: Uint8Array = Uint8Array.from(OPCODES, (o) => FORMAT_UNITS[o.format]);

/** What the scanner records for an opcode. */
export const XREF_CLASS = {
  none: 0,
  invoke: 1,
  fieldRead: 2,
  fieldWrite: 3,
  string: 4,
  type: 5,
  callSite: 6,
  methodHandle: 7,
  proto: 8,
} as const;
export type XrefClass = (typeof XREF_CLASS)[keyof typeof XREF_CLASS];

function xrefClassOf(o: OpcodeInfo): XrefClass {
  switch (o.indexKind) {
    case 'method':
      return XREF_CLASS.invoke;
    case 'field':
      return o.name.startsWith('iget') || o.name.startsWith('sget')
        ? XREF_CLASS.fieldRead
        : XREF_CLASS.fieldWrite;
    case 'string':
      return XREF_CLASS.string;
    case 'type':
      return XREF_CLASS.type;
    case 'call_site':
      return XREF_CLASS.callSite;
    case 'method_handle':
      return XREF_CLASS.methodHandle;
    case 'proto':
      return XREF_CLASS.proto;
    default:
      return XREF_CLASS.none;
  }
}

export const OP_XREF: Uint8Array = Uint8Array.from(OPCODES, xrefClassOf);

/** 1 when the opcode's index is a 32-bit value (const-string/jumbo), else the index is 16-bit. */
export const OP_WIDE_INDEX: Uint8Array = Uint8Array.from(OPCODES, (o) => (o.format === '31c' ? 1 : 0));

export type InvokeKind = 'virtual' | 'super' | 'direct' | 'static' | 'interface' | 'polymorphic' | 'custom';

/** The invoke kind of an invoke opcode, or undefined. */
export function invokeKindOf(opcode: number): InvokeKind | undefined {
  if (opcode >= 0x6e && opcode <= 0x72) return INVOKES[opcode - 0x6e] as InvokeKind;
  if (opcode >= 0x74 && opcode <= 0x78) return INVOKES[opcode - 0x74] as InvokeKind;
  if (opcode === 0xfa || opcode === 0xfb) return 'polymorphic';
  if (opcode === 0xfc || opcode === 0xfd) return 'custom';
  return undefined;
}

export function isStaticFieldOp(opcode: number): boolean {
  return opcode >= 0x60 && opcode <= 0x6d;
}
