/**
 * zod schemas for every catalogue array. Importing zod costs ~150 ms, so the data modules and
 * index.ts never load this file; the catalogue test (and any tool that wants to validate
 * catalogue-shaped data) imports it directly.
 */
import { z } from 'zod';
import { MASVS_AREAS, MASVS_ID_PATTERN } from '../core/findings.js';
import type {
  CatalogSource,
  CweEntry,
  FigiAppTest,
  FigiUssdTest,
  MasvsControl,
  MasvsGroup,
  MobileTop10Entry,
  SafBestPractice,
  SafControl,
  SafThreat,
  SecurityDimension,
  SourceRef,
} from './types.js';
import { AUDIT_GROUPS, SAF_ENTITIES, SECURITY_DIMENSION_IDS, SOURCE_IDS } from './types.js';

/** Longest title / name, in characters: the catalogue keeps texts short. */
export const MAX_TITLE = 70;
/** Longest one-sentence text (statement, gist, pass criterion, goal, note). */
export const MAX_SENTENCE = 160;

const title = z
  .string()
  .regex(/\S/, 'empty text')
  .max(MAX_TITLE)
  .refine((s) => s === s.trim(), 'leading or trailing blanks');
const sentence = z
  .string()
  .regex(/\S/, 'empty text')
  .max(MAX_SENTENCE)
  .refine((s) => s === s.trim(), 'leading or trailing blanks');
const masvsId = z.string().regex(MASVS_ID_PATTERN, 'not a MASVS v2 control id');
const cweId = z.number().int().positive();
const top10Id = z.string().regex(/^M([1-9]|10)$/, "not 'M1'..'M10'");

export const SourceRefSchema: z.ZodType<SourceRef> = z.strictObject({
  source: z.enum(SOURCE_IDS),
  locator: z.string().regex(/\S/).optional(),
});

export const CatalogSourceSchema: z.ZodType<CatalogSource> = z.strictObject({
  id: z.enum(SOURCE_IDS),
  title: z.string().regex(/\S/).max(160),
  urls: z.array(z.url({ protocol: /^https$/ })).min(1),
  edition: z.string().regex(/\S/).optional(),
});

export const MasvsGroupSchema: z.ZodType<MasvsGroup> = z
  .strictObject({ id: z.enum(MASVS_AREAS), group: z.string(), summary: sentence })
  .refine((a) => a.group === `MASVS-${a.id}`, 'group must be MASVS-<id>');

export const MasvsControlSchema: z.ZodType<MasvsControl> = z
  .strictObject({
    id: masvsId,
    area: z.enum(MASVS_AREAS),
    statement: sentence,
    since: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/)
      .optional(),
    source: SourceRefSchema,
  })
  .refine((c) => c.id.startsWith(`MASVS-${c.area}-`), 'id does not match area');

export const CweEntrySchema: z.ZodType<CweEntry> = z.strictObject({ id: cweId, name: title });

export const MobileTop10EntrySchema: z.ZodType<MobileTop10Entry> = z.strictObject({
  id: top10Id,
  year: z.union([z.literal(2016), z.literal(2024)]),
  title,
  confirmed: z.boolean(),
});

/** Confirmed tests: 'FIGI-APP-T1.1'. dfslab ids for unconfirmed ones: 'FIGI-APP-T2.x-logs'. */
export const FIGI_APP_ID = /^FIGI-APP-T([1-9]|10)\.([1-9][0-9]?|x-[a-z]+)$/;

export const FigiAppTestSchema: z.ZodType<FigiAppTest> = z
  .strictObject({
    id: z.string().regex(FIGI_APP_ID),
    number: z
      .string()
      .regex(/^T([1-9]|10)\.[1-9][0-9]?$/)
      .nullable(),
    title,
    passes: sentence,
    owaspTop10_2016: top10Id,
    masvs: z.array(masvsId).min(1),
    cwe: z.array(cweId),
    method: z.enum(['static-manifest', 'static-binary', 'dynamic-device', 'dynamic-mitm', 'rooted-device']),
    staticOutcome: z.enum(['decides', 'can-only-fail', 'needs-dynamic']),
    staticDecidable: z.boolean(),
    staticNote: sentence.optional(),
    note: sentence.optional(),
    confirmed: z.boolean(),
    source: SourceRefSchema,
  })
  .refine(
    (t) => t.staticDecidable === (t.staticOutcome === 'decides'),
    'staticDecidable disagrees with staticOutcome',
  )
  .refine(
    (t) => (t.number === null ? t.id.includes('.x-') : t.id === `FIGI-APP-${t.number}`),
    'id/number mismatch',
  )
  .refine((t) => t.number !== null || !t.confirmed, 'a test without a read number cannot be confirmed')
  .refine((t) => t.confirmed || t.note !== undefined, 'an unconfirmed test must say why (note)')
  .refine(
    (t) => t.staticOutcome === 'decides' || t.staticNote !== undefined,
    'explain why static cannot decide',
  );

export const FigiUssdTestSchema: z.ZodType<FigiUssdTest> = z
  .strictObject({
    id: z.string().regex(/^FIGI-USSD-\d+(\.\d+)+$/),
    number: z.string().regex(/^\d+(\.\d+)+$/),
    title,
    goal: sentence,
    layer: z.enum(['core', 'ran', 'sim', 'device', 'ss7', 'service']),
    cwe: z.array(cweId),
    confirmed: z.boolean(),
    source: SourceRefSchema,
  })
  .refine((t) => t.id === `FIGI-USSD-${t.number}`, 'id/number mismatch');

export const SecurityDimensionSchema: z.ZodType<SecurityDimension> = z.strictObject({
  id: z.enum(SECURITY_DIMENSION_IDS),
  name: title,
  summary: sentence,
  source: SourceRefSchema,
});

export const SafThreatSchema: z.ZodType<SafThreat> = z
  .strictObject({
    id: z.string().regex(/^FIGI-SAF-T-\d\d$/),
    safSection: z.string().regex(/^8\.\d+$/),
    x1150Clause: z.string().regex(/^13\.\d+$/),
    name: title,
    source: SourceRefSchema,
  })
  .refine((t) => Number(t.id.slice(-2)) === Number(t.safSection.slice(2)), 'id/section mismatch')
  .refine((t) => t.safSection.slice(2) === t.x1150Clause.slice(3), 'SAF section and X.1150 clause differ');

export const SafBestPracticeSchema: z.ZodType<SafBestPractice> = z
  .strictObject({
    id: z.string().regex(/^FIGI-SAF-BP-\d$/),
    safSection: z.string().regex(/^9\.\d$/),
    name: title,
    points: z.array(sentence).min(1),
    masvs: z.array(masvsId),
    source: SourceRefSchema,
  })
  .refine((b) => b.id.slice(-1) === b.safSection.slice(-1), 'id/section mismatch');

export const SafControlSchema: z.ZodType<SafControl> = z
  .strictObject({
    id: z.string().regex(/^FIGI-SAF-C[1-9][0-9]*$/),
    number: z.number().int().min(1).max(119),
    entities: z.array(z.enum(SAF_ENTITIES)),
    auditGroup: z.enum(AUDIT_GROUPS).nullable(),
    gist: sentence,
    threats: z.array(z.string().regex(/^FIGI-SAF-T-\d\d$/)).min(1),
    confirmed: z.boolean(),
    note: sentence.optional(),
    source: SourceRefSchema,
  })
  .refine((c) => c.id === `FIGI-SAF-C${c.number}`, 'id/number mismatch')
  .refine((c) => c.confirmed || c.note !== undefined, 'an unconfirmed control must say why (note)');
