import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../../../../../test/helpers.js';
import { Apk } from '../../../apk.js';
import { scanDexStrings, type StringMemo } from './dex-strings.js';
import type { Sink } from './types.js';

/** A sink that records every call, in order. */
function recorder(): { sink: Sink; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    sink: {
      secret: (hit, source) => calls.push(JSON.stringify(['secret', hit, source])),
      url: (url, source) => calls.push(JSON.stringify(['url', url, source])),
    },
  };
}

test('a memo shared by the DEX files of an app gives every DEX the findings of its own scan', () => {
  const apk = Apk.open(new Uint8Array(readFileSync(join(REPO_ROOT, 'samples', 'demo-wallet.apk'))));
  const [entry] = apk.dex;
  assert.ok(entry);
  // The same DEX as parts 0 and 1 of one app: every string of part 1 is judged from the memo.
  const fresh = recorder();
  scanDexStrings(entry, 0, fresh.sink);
  scanDexStrings(entry, 1, fresh.sink);
  const shared = recorder();
  const memo: StringMemo = new Map();
  scanDexStrings(entry, 0, shared.sink, memo);
  const judged = memo.size;
  scanDexStrings(entry, 1, shared.sink, memo);
  assert.ok(judged > 0 && memo.size === judged, 'the second part adds no new value');
  assert.ok(
    fresh.calls.some((c) => c.startsWith('["secret"')) && fresh.calls.some((c) => c.startsWith('["url"')),
  );
  assert.deepEqual(shared.calls, fresh.calls);
});
