import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  BUNDLED_LIBRARY_PREFIXES,
  isBundledLibrary,
  isCryptoImplementation,
  isGoogleSdk,
  isNonSecurityHashLibrary,
  isSecretsLibrary,
  isTestClass,
  prefixMatcher,
  SECRETS_LIBRARY_PREFIXES,
} from './libraries.js';

test('prefixMatcher is exactly startsWith over the prefixes, regex metacharacters included', () => {
  const prefixes = ['La.b/', 'Lx$y/', 'L(z)/', 'Lq[1]/', 'Lback\\slash/', 'Lplus+/'];
  const m = prefixMatcher(prefixes);
  const samples = [
    'La.b/C;',
    'Laxb/C;',
    'Lx$y/Q;',
    'Lxy/Q;',
    'L(z)/Q;',
    'Lz/Q;',
    'Lq[1]/A;',
    'Lq1/A;',
    'Lback\\slash/A;',
    'Lplus+/A;',
    'Lpluss/A;',
    '',
    'L',
  ];
  for (const s of samples)
    assert.equal(
      m(s),
      prefixes.some((p) => s.startsWith(p)),
      s,
    );
  assert.equal(prefixMatcher([])('Lanything;'), false);
});

test('the shared sets agree with startsWith on random descriptors built from their prefixes', () => {
  const sets: [readonly string[], (c: string) => boolean][] = [
    [BUNDLED_LIBRARY_PREFIXES, isBundledLibrary],
    [SECRETS_LIBRARY_PREFIXES, isSecretsLibrary],
  ];
  for (const [prefixes, pred] of sets) {
    const piece = fc.oneof(fc.constantFrom(...prefixes), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(piece, fc.string({ maxLength: 12 }), (a, b) => {
        const cls = a + b;
        assert.equal(
          pred(cls),
          prefixes.some((p) => cls.startsWith(p)),
        );
      }),
      { seed: 20261125, numRuns: 500 },
    );
  }
});

test('each named set keeps its documented members', () => {
  assert.ok(isBundledLibrary('Landroidx/core/app/NotificationCompat;'));
  assert.ok(!isBundledLibrary('Landroid/app/Activity;')); // the platform is not a bundled library here
  assert.ok(isSecretsLibrary('Landroid/app/Activity;'));
  assert.ok(!isSecretsLibrary('Lcom/example/wallet/Api;'));
  assert.ok(isNonSecurityHashLibrary('Lcom/bumptech/glide/load/Key;'));
  assert.ok(!isNonSecurityHashLibrary('Lorg/bouncycastle/crypto/Digest;'));
  assert.ok(isCryptoImplementation('Lorg/bouncycastle/crypto/engines/AESEngine;'));
  assert.ok(isGoogleSdk('Lcom/google/android/gms/ads/AdView;'));
  assert.ok(!isGoogleSdk('Lcom/google/wallet/App;'));
  assert.ok(isTestClass('Lcom/example/LoginTest;'));
  assert.ok(!isTestClass('Lcom/example/Login;'));
});
