/** The STK job's analysis: read the stored capture or card profile and run the SIM OTA audit. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError } from '../../core/errors.js';
import type { Report, ToolInfo } from '../../core/report/index.js';
import { auditStk, loadStkInput } from '../../stk/index.js';
import type { Progress } from '../audits/progress.js';

export async function analyseStk(
  storedPath: string,
  fileName: string,
  opts: { dataDir: string; tool: ToolInfo; progress: Progress },
): Promise<Report> {
  const { progress } = opts;
  progress.step('reading the stored capture', 10);
  const bytes = await readFile(join(opts.dataDir, 'artifacts', storedPath));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FormatError('stk-input', 0, 'not UTF-8 text (a JSON, CSV or text capture, or a card profile)');
  }
  progress.step('decoding the capture or profile', 30);
  const ctx = loadStkInput(text, fileName);
  progress.step('running the STK checks', 60);
  const { report } = auditStk(ctx, { tool: opts.tool, fileName, bytes: new Uint8Array(bytes) });
  return report;
}
