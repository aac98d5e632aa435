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
    const n = (this.counts.get(a.code) ?? 0) + 1;
    this.counts.set(a.code, n);
    if (n <= PER_CODE && this.items.length < TOTAL) this.items.push(a);
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
