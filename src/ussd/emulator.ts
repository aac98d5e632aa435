/**
 * A phone-screen emulator for manual testing (`dfslab ussd dial`): shows each screen in a box,
 * reads one input per line, and stops at END, at an invalid reply, or at end of input.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { Session, type Exchange, type Harness } from './client.js';
import { mapControls } from './menu-map.js';

const WIDTH = 32;

function wrap(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw;
    while (line.length > WIDTH) {
      out.push(line.slice(0, WIDTH));
      line = line.slice(WIDTH);
    }
    out.push(line);
  }
  return out;
}

/** The screen of one exchange, boxed like a handset display (control characters escaped). */
export function renderPhoneScreen(ex: Exchange): string {
  const clean = (s: string): string => mapControls(s, () => '?');
  const body =
    ex.reply.kind === 'invalid'
      ? [`(session dropped: ${ex.reply.problem ?? 'invalid reply'})`]
      : wrap(clean(ex.reply.text));
  const lines = body.flatMap(wrap);
  const top = `┌${'─'.repeat(WIDTH + 2)}┐`;
  const bottom = `└${'─'.repeat(WIDTH + 2)}┘`;
  const footer = ex.reply.kind === 'con' ? '[reply]' : '[ended]';
  const meta = `${footer} ${Math.round(ex.ms)} ms, ${ex.size.units}/${ex.size.limit} ${ex.size.encoding}${ex.violations.length ? `, ${ex.violations.join(', ')}` : ''}`;
  return [top, ...lines.map((l) => `│ ${l.padEnd(WIDTH)} │`), bottom, meta].join('\n') + '\n';
}

/** Runs one dialog: `input` gives one answer per line. Returns the exchanges. */
export async function runDialer(
  harness: Harness,
  input: Readable,
  output: Writable,
  chain: readonly string[] = [],
): Promise<Exchange[]> {
  const session = new Session(harness);
  const first = await session.start(chain);
  output.write(renderPhoneScreen(first));
  if (session.ended) return session.exchanges;
  const rl = createInterface({ input, terminal: false });
  const tty = (input as Readable & { isTTY?: boolean }).isTTY === true;
  if (tty) output.write('> ');
  try {
    for await (const line of rl) {
      const ex = await session.send(line.replace(/\r$/, ''));
      output.write(renderPhoneScreen(ex));
      if (session.ended) break;
      if (tty) output.write('> ');
    }
  } finally {
    rl.close();
  }
  return session.exchanges;
}
