import type { Anomaly } from '../../core/anomaly.js';

const PER_CODE = 50;
const TOTAL = 2000;

/**
 * Collects anomalies with a cap per code, so a flood of one kind (thousands of unaligned entries,
 * a duplicate-name attack) neither grows without bound nor hides the other kinds.
 */
export class ZipAnomalies {
  private readonly items: Anomaly[] = [];
  private readonly counts = new Map<string, number>();

  add(a: Anomaly): void {
    if (this.want(a.code)) this.items.push(a);
  }

  /**
   * Counts one anomaly of `code` and says whether it will be kept; hot paths call this first and
   * build the anomaly (message and all) only when it returns true, then pass it to `keep`.
   */
  want(code: string): boolean {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    return n <= PER_CODE && this.items.length < TOTAL;
  }

  keep(a: Anomaly): void {
    this.items.push(a);
  }

  /** True when an anomaly with this code was added. */
  has(code: string): boolean {
    return this.counts.has(code);
  }

  toArray(): Anomaly[] {
    const out = this.items.slice();
    for (const [code, n] of this.counts) {
      if (n <= PER_CODE) continue;
      const first = this.items.find((a) => a.code === code);
      out.push({
        format: 'zip',
        code: 'anomalies-truncated',
        severity: first?.severity ?? 'info',
        message: `${n - PER_CODE} more '${code}' anomalies were not recorded (${n} in total)`,
      });
    }
    return out;
  }
}
