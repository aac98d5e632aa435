/**
 * Turns the zip reader's anomalies (facts about the container) into evidence: byte offsets are
 * APK offsets, so the evidence names the APK itself and quotes the entry in the snippet.
 */
import type { Anomaly } from '../../../../core/anomaly.js';
import type { FileEvidence } from '../../../../core/findings.js';
import type { Apk } from '../../../apk.js';
import type { ZipAnomalyCode } from '../../../zip/codes.js';

/** `file` of evidence about the APK container itself (byte offsets are APK offsets). */
export const APK_FILE = '<apk>';

export function zipAnomalies(apk: Apk, ...codes: ZipAnomalyCode[]): Anomaly[] {
  const want = new Set<string>(codes);
  return apk.zip.anomalies.filter((a) => want.has(a.code));
}

export function anomalyEvidence(a: Anomaly, length?: number): FileEvidence {
  const ev: FileEvidence = {
    kind: 'file',
    file: APK_FILE,
    snippet: a.file ? `${a.file}: ${a.message}` : a.message,
  };
  if (a.offset !== undefined) ev.byteOffset = a.offset;
  if (length !== undefined) ev.length = length;
  return ev;
}
