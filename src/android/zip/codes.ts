/**
 * Every anomaly code the zip reader emits (Anomaly.format is 'zip'). Codes are stable: checks and
 * reports key on them. Severity: 'error' = a known attack shape or a disagreement between tools on
 * what the APK contains; 'warning' = unusual bytes a reviewer should see; 'info' = hygiene.
 */
export const ZIP_ANOMALY_CODES = [
  // Structure
  'multiple-eocd', // warning: several EOCD signatures; the consistent one was used
  'eocd-comment-truncated', // warning: the comment length runs past the end of the file
  'central-directory-size-mismatch', // warning, error when more central records hide after the count
  'bad-extra-field', // warning
  'data-descriptor-missing', // warning
  'data-descriptor-mismatch', // warning
  'local-central-mismatch', // error when the name or method differs, else warning
  // Attacks and tool disagreements
  'duplicate-entry', // error: Android bug 8219321 ("master key")
  'prefix-data', // error when a DEX is prepended (Janus, CVE-2017-13156), else warning
  'overlapping-entries', // error: overlapping-file zip bomb shape
  'entry-overlaps-central-directory', // error
  'path-traversal', // error: '..' segment, absolute path, backslash, NUL, drive letter
  'unicode-path-mismatch', // warning: unzip would show another name than Android uses
  'invalid-utf8-name', // warning
  'control-character-in-name', // warning: CR/LF break JAR manifests
  // Unreferenced bytes
  'gap-between-entries', // warning
  'gap-before-central-directory', // warning: not counting an APK Signing Block and its zero padding
  'gap-after-central-directory', // warning
  'trailing-data', // warning
  // Hygiene
  'encrypted-entry', // info
  'unsupported-method', // info
  'unaligned-stored-entry', // info: not zipaligned
  'unaligned-native-library', // info: stored .so not 4 KiB aligned
  'native-library-not-16k-aligned', // info
  // Entry data (recorded by callers of inflateEntry, see crcAnomaly)
  'crc-mismatch', // error
  // Collector
  'anomalies-truncated', // same severity as the code it summarises
] as const;

export type ZipAnomalyCode = (typeof ZIP_ANOMALY_CODES)[number];
