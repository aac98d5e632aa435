import type { DexClassDef, DexEncodedField, DexEncodedMethod, DexMembers } from './types.js';

const MIN_CAPACITY = 64;
const EMPTY_METHODS: readonly DexEncodedMethod[] = Object.freeze([]);
const EMPTY_FIELDS: readonly DexEncodedField[] = Object.freeze([]);

/**
 * The encoded fields and methods of every class_data_item, as typed arrays (one object per member
 * would cost a million allocations on a large app). `DexEncodedMethod` objects are built only on
 * request and cached, so `method(i)` returns the same object each time.
 */
export class MemberStore implements DexMembers {
  methodCount = 0;
  methodIdx: Uint32Array;
  methodFlags: Uint32Array;
  methodCodeOff: Uint32Array;
  methodClassDef: Uint32Array;
  methodDirect: Uint8Array;
  fieldCount = 0;
  fieldIdx: Uint32Array;
  fieldFlags: Uint32Array;
  private readonly cache = new Map<number, DexEncodedMethod>();
  private all: DexEncodedMethod[] | undefined;

  constructor(methodCapacity: number, fieldCapacity: number) {
    const m = Math.max(MIN_CAPACITY, methodCapacity);
    this.methodIdx = new Uint32Array(m);
    this.methodFlags = new Uint32Array(m);
    this.methodCodeOff = new Uint32Array(m);
    this.methodClassDef = new Uint32Array(m);
    this.methodDirect = new Uint8Array(m);
    const f = Math.max(MIN_CAPACITY, fieldCapacity);
    this.fieldIdx = new Uint32Array(f);
    this.fieldFlags = new Uint32Array(f);
  }

  pushMethod(idx: number, flags: number, codeOff: number, direct: boolean, classDef: number): void {
    if (this.methodCount === this.methodIdx.length) this.growMethods();
    const i = this.methodCount++;
    this.methodIdx[i] = idx;
    this.methodFlags[i] = flags;
    this.methodCodeOff[i] = codeOff;
    this.methodClassDef[i] = classDef;
    this.methodDirect[i] = direct ? 1 : 0;
  }

  pushField(idx: number, flags: number): void {
    if (this.fieldCount === this.fieldIdx.length) {
      const n = this.fieldIdx.length * 2;
      this.fieldIdx = grow32(this.fieldIdx, n);
      this.fieldFlags = grow32(this.fieldFlags, n);
    }
    const i = this.fieldCount++;
    this.fieldIdx[i] = idx;
    this.fieldFlags[i] = flags;
  }

  private growMethods(): void {
    const n = this.methodIdx.length * 2;
    this.methodIdx = grow32(this.methodIdx, n);
    this.methodFlags = grow32(this.methodFlags, n);
    this.methodCodeOff = grow32(this.methodCodeOff, n);
    this.methodClassDef = grow32(this.methodClassDef, n);
    const d = new Uint8Array(n);
    d.set(this.methodDirect);
    this.methodDirect = d;
  }

  /** Drops the spare capacity once every class is read. */
  trim(): void {
    const m = this.methodCount;
    this.methodIdx = this.methodIdx.subarray(0, m);
    this.methodFlags = this.methodFlags.subarray(0, m);
    this.methodCodeOff = this.methodCodeOff.subarray(0, m);
    this.methodClassDef = this.methodClassDef.subarray(0, m);
    this.methodDirect = this.methodDirect.subarray(0, m);
    this.fieldIdx = this.fieldIdx.subarray(0, this.fieldCount);
    this.fieldFlags = this.fieldFlags.subarray(0, this.fieldCount);
  }

  /** Defined method `i` (cached: the same object for the same index). */
  method(i: number): DexEncodedMethod {
    const all = this.all;
    if (all) return all[i];
    let m = this.cache.get(i);
    if (m) return m;
    m = {
      methodIdx: this.methodIdx[i],
      accessFlags: this.methodFlags[i],
      codeOff: this.methodCodeOff[i],
      direct: this.methodDirect[i] === 1,
      classDef: this.methodClassDef[i],
    };
    this.cache.set(i, m);
    return m;
  }

  /** Every defined method as objects (built once, on first use). */
  methods(): DexEncodedMethod[] {
    if (this.all) return this.all;
    const out = new Array<DexEncodedMethod>(this.methodCount);
    for (let i = 0; i < this.methodCount; i++) out[i] = this.method(i);
    this.all = out;
    this.cache.clear();
    return out;
  }

  methodRange(start: number, count: number): readonly DexEncodedMethod[] {
    if (count === 0) return EMPTY_METHODS;
    const out = new Array<DexEncodedMethod>(count);
    for (let k = 0; k < count; k++) out[k] = this.method(start + k);
    return out;
  }

  fieldRange(start: number, count: number): readonly DexEncodedField[] {
    if (count === 0) return EMPTY_FIELDS;
    const out = new Array<DexEncodedField>(count);
    for (let k = 0; k < count; k++)
      out[k] = { fieldIdx: this.fieldIdx[start + k], accessFlags: this.fieldFlags[start + k] };
    return out;
  }
}

function grow32(a: Uint32Array, n: number): Uint32Array {
  const out = new Uint32Array(n);
  out.set(a);
  return out;
}

/**
 * A class_def_item. Its members are ranges of the shared MemberStore; the object lists
 * (`directMethods`, …) are built on first access.
 */
export class ClassDefRecord implements DexClassDef {
  interfaces: readonly number[] = EMPTY_TYPES;
  fieldStart = 0;
  staticCount = 0;
  instanceCount = 0;
  methodStart = 0;
  directCount = 0;
  virtualCount = 0;
  private lists: MemberLists | undefined;

  constructor(
    private readonly store: MemberStore,
    public classIdx: number,
    public accessFlags: number,
    public superclassIdx: number,
    public sourceFileIdx: number,
    public annotationsOff: number,
    public classDataOff: number,
    public staticValuesOff: number,
  ) {}

  private memberLists(): MemberLists {
    if (this.lists) return this.lists;
    const s = this.store;
    this.lists = {
      staticFields: s.fieldRange(this.fieldStart, this.staticCount),
      instanceFields: s.fieldRange(this.fieldStart + this.staticCount, this.instanceCount),
      directMethods: s.methodRange(this.methodStart, this.directCount),
      virtualMethods: s.methodRange(this.methodStart + this.directCount, this.virtualCount),
    };
    return this.lists;
  }
  get staticFields(): readonly DexEncodedField[] {
    return this.memberLists().staticFields;
  }
  get instanceFields(): readonly DexEncodedField[] {
    return this.memberLists().instanceFields;
  }
  get directMethods(): readonly DexEncodedMethod[] {
    return this.memberLists().directMethods;
  }
  get virtualMethods(): readonly DexEncodedMethod[] {
    return this.memberLists().virtualMethods;
  }
}

type MemberLists = {
  staticFields: readonly DexEncodedField[];
  instanceFields: readonly DexEncodedField[];
  directMethods: readonly DexEncodedMethod[];
  virtualMethods: readonly DexEncodedMethod[];
};

const EMPTY_TYPES: readonly number[] = Object.freeze([]);
