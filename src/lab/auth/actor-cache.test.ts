import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../env.js';
import { createActorCache } from './actor-cache.js';

const actor: Actor = { userId: 'u', orgId: 'o', role: 'admin', email: 'a@b', csrfToken: 'c' };

describe('actor cache', () => {
  it('keeps an actor for the TTL at most, and never past the credential expiry', () => {
    const c = createActorCache(2000);
    c.set('k', actor, 10_000, c.generation(), 1000);
    assert.equal(c.get('k', 1000), actor);
    assert.equal(c.get('k', 2999), actor);
    assert.equal(c.get('k', 3000), undefined);
    c.set('e', actor, 1500, c.generation(), 1000);
    assert.equal(c.get('e', 1499), actor);
    assert.equal(c.get('e', 1500), undefined);
  });

  it('forgets everything on invalidate, and refuses a lookup that started before it', () => {
    const c = createActorCache(2000);
    c.set('k', actor, 10_000, c.generation(), 0);
    const before = c.generation();
    c.invalidate();
    assert.equal(c.get('k', 1), undefined);
    // a lookup that read the database before the invalidation must not put its answer back
    c.set('k', actor, 10_000, before, 1);
    assert.equal(c.get('k', 1), undefined);
    c.set('k', actor, 10_000, c.generation(), 1);
    assert.equal(c.get('k', 1), actor);
  });

  it('drops an entry when the clock goes backwards past its insertion', () => {
    const c = createActorCache(2000);
    c.set('k', actor, 100_000, c.generation(), 50_000);
    assert.equal(c.get('k', 10_000), undefined);
  });
});
