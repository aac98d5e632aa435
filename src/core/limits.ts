/**
 * Input limits. Every parser takes its limits as a parameter with these defaults, checks a length
 * read from the file against the buffer and these limits before allocating, and throws LimitError
 * when a bound is exceeded. Defaults fit real apps (the largest real APKs have ~100k entries,
 * ~60 DEX files and inflate to a few hundred MB) and refuse bombs.
 */
export type ZipLimits = {
  maxEntries: number;
  /** Largest uncompressed size of one entry, bytes. */
  maxEntrySize: number;
  /** Largest sum of uncompressed sizes of all entries that are inflated, bytes. */
  maxTotalSize: number;
  /** Largest uncompressed/compressed ratio for one entry (entries under 1 MiB are exempt). */
  maxRatio: number;
  maxNameLength: number;
};

export type AxmlLimits = { maxStrings: number; maxDepth: number; maxNodes: number; maxAttributes: number };
export type ArscLimits = {
  maxStrings: number;
  maxPackages: number;
  maxTypes: number;
  maxEntries: number;
  maxConfigs: number;
};
export type DexLimits = { maxSize: number; maxItems: number; maxInsnsPerMethod: number };
export type SigningLimits = { maxBlockSize: number; maxSigners: number; maxCerts: number };

export type Limits = {
  zip: ZipLimits;
  axml: AxmlLimits;
  arsc: ArscLimits;
  dex: DexLimits;
  signing: SigningLimits;
  /** Largest artifact (APK) accepted at all, bytes. */
  maxArtifactSize: number;
};

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Limits = {
  zip: {
    maxEntries: 250_000,
    maxEntrySize: 512 * MiB,
    maxTotalSize: 2048 * MiB,
    maxRatio: 1000,
    maxNameLength: 4096,
  },
  axml: { maxStrings: 1_000_000, maxDepth: 256, maxNodes: 2_000_000, maxAttributes: 10_000 },
  arsc: { maxStrings: 5_000_000, maxPackages: 256, maxTypes: 256, maxEntries: 65_536, maxConfigs: 10_000 },
  dex: { maxSize: 512 * MiB, maxItems: 16_000_000, maxInsnsPerMethod: 16_000_000 },
  signing: { maxBlockSize: 64 * MiB, maxSigners: 64, maxCerts: 256 },
  maxArtifactSize: 2048 * MiB,
};

export function withLimits(overrides: { [K in keyof Limits]?: Partial<Limits[K]> | number } = {}): Limits {
  const out: Limits = structuredClone(DEFAULT_LIMITS);
  for (const [k, v] of Object.entries(overrides)) {
    const key = k as keyof Limits;
    if (typeof v === 'number') (out as Record<string, unknown>)[key] = v;
    else if (v) Object.assign(out[key] as object, v);
  }
  return out;
}
