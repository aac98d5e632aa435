import type { FoundUrl, SecretHit } from '../../../secrets/index.js';

/** Where a string was found. */
export type StringSource =
  /** A const-string in code: `part` DEX, `method` index into its `methods`, bytecode offset. */
  | { kind: 'dex'; file: string; part: number; method: number; offset: number; cls: string; library: boolean }
  /** The initial value of a static field (static_values of its class); `offset` = the encoded array. */
  | { kind: 'dex-field'; file: string; field: string; cls: string; offset: number; library: boolean }
  /** A string in the DEX string table that no code loads (annotations, dead code); `offset` = string_data. */
  | { kind: 'dex-data'; file: string; offset: number }
  /** A string value in resources.arsc; `offset` = the ResTable_entry, when known. */
  | { kind: 'resource'; file: string; id: number; name: string; config: string; offset?: number }
  /** A text file in the APK (assets, res/raw, …); `byteOffset` of the match, redacted `snippet`. */
  | { kind: 'file'; file: string; byteOffset: number; snippet: string }
  /** A printable run in a native library; `library` when it is a known engine/SDK (libflutter.so…). */
  | { kind: 'native'; file: string; byteOffset: number; snippet: string; library: boolean };

export type AppSecret = { hit: SecretHit; sources: StringSource[] };
export type AppUrl = { url: FoundUrl; sources: StringSource[] };

export type AppScan = {
  secrets: AppSecret[];
  urls: AppUrl[];
  /** What was scanned, for the report and benchmarks. */
  stats: {
    dexStrings: number;
    resourceStrings: number;
    files: number;
    fileBytes: number;
    nativeFiles: number;
    nativeBytes: number;
    ms: number;
  };
};

/** Receives every string found, with its source and context names; returns nothing. */
export type Sink = {
  secret(hit: SecretHit, source: StringSource): void;
  url(url: FoundUrl, source: StringSource): void;
};
