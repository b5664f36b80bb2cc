import * as crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuthenticator, createBearerCheck } from '../../server/auth.ts';

// Spy on the comparison the authenticator must use; the real one still runs.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const TOKENS = (['editor', 'reader', 'editor'] as const).map((role, index) => ({ role, name: `holder-${index}`, token: String(index).repeat(32) }));

describe('comparing bearer tokens', () => {
  beforeEach(() => {
    vi.mocked(crypto.timingSafeEqual).mockClear();
  });

  it.each([
    ['the first token', '0'.repeat(32)],
    ['the last token', '2'.repeat(32)],
    ['no token', 'x'.repeat(32)],
    ['a much longer string', 'x'.repeat(4096)],
  ])('compares in constant time against every configured token, whether it matches %s or not', (_case, given) => {
    createAuthenticator(TOKENS)(`Bearer ${given}`);
    const calls = vi.mocked(crypto.timingSafeEqual).mock.calls;
    expect(calls).toHaveLength(TOKENS.length);
    // Digests, so every comparison has one length whatever was sent.
    for (const [a, b] of calls) expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
  });

  it.each([
    ['the token', `Bearer ${'m'.repeat(32)}`, true],
    ['another token', `Bearer ${'x'.repeat(4096)}`, false],
    ['no header', null, false],
  ])('checks the metrics token in constant time, given %s', (_case, header, allowed) => {
    expect(createBearerCheck('m'.repeat(32))(header)).toBe(allowed);
    const calls = vi.mocked(crypto.timingSafeEqual).mock.calls;
    expect(calls).toHaveLength(1);
    for (const [a, b] of calls) expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
  });
});
