import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRateLimiter } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('blocks a key after max failures until the window ends, per key', () => {
    let t = 1_000_000;
    const rl = createRateLimiter({ max: 3, windowMs: 60_000, now: () => new Date(t) });
    for (let i = 0; i < 3; i++) {
      assert.equal(rl.blockedFor('ip|a'), 0);
      rl.fail('ip|a');
    }
    assert.equal(rl.blockedFor('ip|a'), 60);
    assert.equal(rl.blockedFor('ip|b'), 0);
    t += 59_000;
    assert.equal(rl.blockedFor('ip|a'), 1);
    t += 1_000;
    assert.equal(rl.blockedFor('ip|a'), 0);
  });

  it('forgets failures after a success', () => {
    const rl = createRateLimiter({ max: 2, windowMs: 60_000, now: () => new Date(0) });
    rl.fail('k');
    rl.reset('k');
    rl.fail('k');
    assert.equal(rl.blockedFor('k'), 0);
    rl.fail('k');
    assert.ok(rl.blockedFor('k') > 0);
  });
});
