/**
 * Recall tables: every weakness an intentionally vulnerable app documents, and which dfslab check
 * must report it. The data lives in one module per app (insecurebankv2.ts, dvba.ts, ostorlab.ts);
 * recall.test.ts asserts it and docs/recall.md presents it.
 */

/** What a finding must look like to count as the detection of a row (every given field must hold). */
export type FindingMatcher = {
  checkId: string;
  messageId?: string;
  /** Substring of the finding's message. */
  message?: string;
  /** One DEX evidence whose class contains `dexClass` and whose method contains `dexMethod`. */
  dexClass?: string;
  dexMethod?: string;
  /** One manifest evidence whose element / attribute / value contain these substrings. */
  manifestElement?: string;
  manifestAttribute?: string;
  manifestValue?: string;
  /** One file evidence whose file name contains this substring. */
  file?: string;
};

type RowBase = {
  /** Our row id, e.g. 'IB-08'. */
  id: string;
  /** The weakness as the upstream project names it. */
  name: string;
  /** Where it is documented: 'README.upstream.md', 'guide/exploits_exploit-3.md', … */
  source: string;
  /** Build keys the row applies to (default: every build of the app). */
  builds?: string[];
  note?: string;
};

/** A weakness a static audit can see: each matcher must find at least one finding. */
export type StaticRow = RowBase & {
  static: true;
  expect: FindingMatcher[];
  /** Set when the check does not exist (yet): the proposed id and what it should look for. */
  planned?: string;
};

/** A weakness out of reach of static analysis (or not present in these builds), with the reason. */
export type OutOfReachRow = RowBase & { static: false; reason: string };

export type RecallRow = StaticRow | OutOfReachRow;

/** Precision: a respect in which the app is clean, so the check must stay silent. */
export type SilenceRow = {
  id: string;
  builds?: string[];
  /** The check must report nothing that matches (only checkId given: nothing at all). */
  silent: FindingMatcher;
  /** The fact that makes the app clean here, as verified (aapt, apksigner, readelf, baksmali). */
  fact: string;
};

export type AppBuild = { key: string; path: string };

export type AppTable = {
  app: string;
  /** Paths relative to ../shared/apks. */
  builds: AppBuild[];
  rows: RecallRow[];
  silence: SilenceRow[];
};
