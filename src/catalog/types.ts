/**
 * Types of the dfslab reference catalogue. Data lives in plain modules (no zod at runtime);
 * `schema.ts` holds the zod schemas that the catalogue test parses every array with.
 *
 * Own-words rule: every descriptive text in the catalogue is written by dfslab. Facts and ids
 * come from the cited sources; sentences are never copied from them.
 */
import type { MasvsArea } from '../core/findings.js';

/** Short ids of the documents the catalogue cites (see `CATALOG_SOURCES` in sources.ts). */
export const SOURCE_IDS = [
  'SAF-2020',
  'SAF-2021',
  'SAF-gitbook',
  'X.1150',
  'AUDIT-GL',
  'APP-AUDIT',
  'USSD-STK',
  'X.1456',
  'SS7-TR',
  'SS7-gitbook',
  'SIM-gitbook',
  'APPBP-gitbook',
  'KSP',
  'LAB-ITU',
  'LAB-FIGI',
  'LAB-NEWS',
  'FG-DFS',
  'X.Sup42',
  'MASVS',
  'X.805',
  'OWASP-MTOP10-2016',
  'OWASP-MTOP10-2024',
  'CWE',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** One document the catalogue cites. */
export type CatalogSource = {
  id: SourceId;
  title: string;
  /** First address is the canonical one. */
  urls: readonly string[];
  /** Edition / version / date, when the source has one. */
  edition?: string;
};

/** Where a catalogue entry comes from: a source id plus an optional place inside it. */
export type SourceRef = {
  source: SourceId;
  /** Section, page range, release tag, e.g. 'v2.1.0' or 'pp. 8-18'. */
  locator?: string;
};

// ---------------------------------------------------------------- MASVS

/** One of the eight MASVS control groups (area ids are core's `MASVS_AREAS`). */
export type MasvsGroup = {
  id: MasvsArea;
  /** Group name as in MASVS, e.g. 'MASVS-STORAGE'. */
  group: string;
  /** What the group covers, in our words. */
  summary: string;
};

export type MasvsControl = {
  /** e.g. 'MASVS-STORAGE-1'. */
  id: string;
  area: MasvsArea;
  /** The control's intent in our words (not the MASVS sentence). */
  statement: string;
  /** Version that introduced the control, when later than 2.0.0 (PRIVACY came with 2.1.0). */
  since?: string;
  source: SourceRef;
};

// ---------------------------------------------------------------- CWE

export type CweEntry = {
  /** CWE number, e.g. 319 for CWE-319. */
  id: number;
  /** Short label in our words (common terms such as 'SQL injection' kept as they are). */
  name: string;
};

// ---------------------------------------------------------------- OWASP Mobile Top 10

export type MobileTop10Year = 2016 | 2024;
export type MobileTop10Entry = {
  /** 'M1'..'M10'. */
  id: string;
  year: MobileTop10Year;
  /** Category name (a name, not a sentence). */
  title: string;
  /** Whether the name was read in a source (false: from memory, to check). */
  confirmed: boolean;
};

// ---------------------------------------------------------------- FIGI app audit

export type AppTestMethod =
  'static-manifest' | 'static-binary' | 'dynamic-device' | 'dynamic-mitm' | 'rooted-device';

/**
 * What a static audit (no device, no proxy) can conclude for a test:
 * - 'decides': static evidence settles pass and fail;
 * - 'can-only-fail': static evidence can show a fail, but a pass needs a dynamic test;
 * - 'needs-dynamic': only a dynamic test can settle it either way.
 */
export type StaticOutcome = 'decides' | 'can-only-fail' | 'needs-dynamic';

export type FigiAppTest = {
  /** Catalogue id cited by findings, e.g. 'FIGI-APP-T1.1'. Unconfirmed tests use 'Tn.x-<topic>'. */
  id: string;
  /** Test number as printed in the report ('T1.1'), or null when the number was not read. */
  number: string | null;
  title: string;
  /** What an app must show to pass, in our words. */
  passes: string;
  owaspTop10_2016: string;
  /** MASVS v2 control ids (dfslab's crosswalk, not an ITU table). */
  masvs: readonly string[];
  cwe: readonly number[];
  method: AppTestMethod;
  staticOutcome: StaticOutcome;
  /** True exactly when `staticOutcome` is 'decides'. */
  staticDecidable: boolean;
  /** Why a static audit cannot (fully) decide, or what judgement remains. */
  staticNote?: string;
  /** What about this entry was not confirmed in the source. */
  note?: string;
  /** False when the id or the wording was inferred rather than read in the report. */
  confirmed: boolean;
  source: SourceRef;
};

// ---------------------------------------------------------------- FIGI USSD/STK tests

export type UssdLayer = 'core' | 'ran' | 'sim' | 'device' | 'ss7' | 'service';

export type FigiUssdTest = {
  /** e.g. 'FIGI-USSD-3.4'. */
  id: string;
  /** Section number in the report, e.g. '3.4'. */
  number: string;
  title: string;
  /** What the test tries to find out, in our words. */
  goal: string;
  layer: UssdLayer;
  cwe: readonly number[];
  /** False when the procedure was not read (only the heading). */
  confirmed: boolean;
  source: SourceRef;
};

// ---------------------------------------------------------------- FIGI SAF

export const SECURITY_DIMENSION_IDS = [
  'access-control',
  'authentication',
  'non-repudiation',
  'data-confidentiality',
  'communication-security',
  'data-integrity',
  'availability',
  'privacy',
] as const;
export type SecurityDimensionId = (typeof SECURITY_DIMENSION_IDS)[number];

export type SecurityDimension = {
  id: SecurityDimensionId;
  name: string;
  /** Meaning in our words. */
  summary: string;
  source: SourceRef;
};

export type SafThreat = {
  /** e.g. 'FIGI-SAF-T-01' (the T-nn numbering is dfslab's; ITU numbers them by section). */
  id: string;
  /** Section in the FIGI SAF report, e.g. '8.1'. */
  safSection: string;
  /** Clause in ITU-T X.1150, e.g. '13.1'. */
  x1150Clause: string;
  /** Short name in our words. */
  name: string;
  source: SourceRef;
};

export type SafBestPractice = {
  /** e.g. 'FIGI-SAF-BP-1'. */
  id: string;
  /** Section of the SAF report, e.g. '9.1'. */
  safSection: string;
  name: string;
  /** Main points, in our words. */
  points: readonly string[];
  masvs: readonly string[];
  source: SourceRef;
};

export const SAF_ENTITIES = ['customer', 'mno', 'dfs-provider', 'third-party', 'psp'] as const;
export type SafEntity = (typeof SAF_ENTITIES)[number];

export const AUDIT_GROUPS = [
  'access-control',
  'authentication',
  'availability',
  'fraud-detection',
  'network-security',
  'privacy-confidentiality',
] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export type SafControl = {
  /** e.g. 'FIGI-SAF-C1'. */
  id: string;
  /** The C-number in the SAF report / audit guideline. */
  number: number;
  /** Assessed entities; empty when the source row names none. */
  entities: readonly SafEntity[];
  /** Audit-guideline group; null when the source row names none. */
  auditGroup: AuditGroup | null;
  /** The control's gist in our words. */
  gist: string;
  /** Threat ids this control mitigates: dfslab's mapping, not an ITU table. */
  threats: readonly string[];
  /** False when the row was only partly read or inferred. */
  confirmed: boolean;
  note?: string;
  source: SourceRef;
};

// ---------------------------------------------------------------- resolution

export type RefKind = 'masvs' | 'cwe' | 'figi';

/** What `resolveRef` returns for a known reference. */
export type ResolvedRef = {
  kind: RefKind;
  /** Canonical id: 'MASVS-NETWORK-1', 'CWE-319', 'FIGI-APP-T3.1'. */
  id: string;
  title: string;
  confirmed: boolean;
  source: SourceRef;
};
