/**
 * The USSD job's analysis: check the target against THIS process's allow-list again (a worker may
 * be configured apart from the server, and the list may have changed since the scan was queued),
 * then run the analyzer's scanUssd with per-check progress.
 */
import { InputError } from '../../core/errors.js';
import type { Report, ToolInfo } from '../../core/report/index.js';
import { scanUssd, USSD_CHECKS } from '../../ussd/index.js';
import type { Progress } from '../audits/progress.js';
import { checkUssdUrl, type UssdAllowEntry } from './allow-list.js';
import { isUssdInput, ussdScanOptions } from './target.js';

/** Percent of the crawl's end and of the checks' end. */
const CRAWLED = 30;
const CHECKED = 95;
const CHECK_STARTED = /^USSD-[0-9]{3} .*\([0-9]+ requests so far\)$/;

/** A scan this process will not send: ends the audit failed at once (never retried). */
export class UssdRefused extends InputError {}

export async function analyseUssd(
  input: unknown,
  opts: { allow: readonly UssdAllowEntry[]; tool: ToolInfo; progress: Progress },
): Promise<Report> {
  const { progress } = opts;
  if (!isUssdInput(input)) throw new UssdRefused('the stored scan target is unreadable');
  const verdict = checkUssdUrl(opts.allow, input.url);
  if (!verdict.ok) throw new UssdRefused(`refused by this worker: ${verdict.reason}`);
  const total = USSD_CHECKS.length;
  let checksStarted = 0;
  progress.step('starting the scan', 1);
  const { report } = await scanUssd(
    ussdScanOptions(input, opts.tool, (message) => {
      // scanUssd announces each check as it starts ("USSD-009 title (N requests so far)"); its
      // later per-check result lines ("USSD-009 ok: 2 findings") are not counted.
      if (CHECK_STARTED.test(message)) {
        checksStarted++;
        progress.step(
          `check ${message.slice(0, 8)} (${Math.min(checksStarted, total)} of ${total})`,
          Math.min(CHECKED, CRAWLED + ((CHECKED - CRAWLED) * (checksStarted - 1)) / total),
        );
      } else if (message.startsWith('crawling')) progress.step('crawling the menu', 5);
      else if (message.startsWith('menu:')) progress.step(message.slice(0, 200), CRAWLED);
    }),
  );
  return report;
}
