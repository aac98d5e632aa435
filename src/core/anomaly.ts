/**
 * Something a parser accepted (as Android would) but a reviewer should know about:
 * a duplicate zip entry, a malformed string pool that Android tolerates, a bad checksum.
 * Anomalies are facts, never log lines; checks may turn them into findings.
 */
export type AnomalySeverity = 'info' | 'warning' | 'error';

export type Anomaly = {
  /** The format that noticed it: 'zip', 'axml', 'arsc', 'dex', 'signing', 'elf', 'apk'. */
  format: string;
  /** Stable machine code, kebab-case, e.g. 'duplicate-entry', 'bad-checksum'. */
  code: string;
  severity: AnomalySeverity;
  message: string;
  /** Byte offset inside the artifact named by `file` (or the buffer parsed), when known. */
  offset?: number;
  /** The file inside the APK the anomaly is about, when known (e.g. 'classes2.dex'). */
  file?: string;
};

/** A small collector so parsers can add anomalies without unbounded growth. */
export class AnomalyList {
  readonly items: Anomaly[] = [];
  private dropped = 0;
  constructor(private readonly max = 1000) {}
  add(a: Anomaly): void {
    if (this.items.length < this.max) this.items.push(a);
    else this.dropped++;
  }
  /** Anomalies plus, when the cap was hit, one that says how many were dropped. */
  toArray(): Anomaly[] {
    if (this.dropped === 0) return this.items;
    return [
      ...this.items,
      {
        format: this.items[0]?.format ?? 'unknown',
        code: 'anomalies-truncated',
        severity: 'warning',
        message: `${this.dropped} more anomalies were not recorded`,
      },
    ];
  }
}
