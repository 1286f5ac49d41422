import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashOpaqueToken, newOpaqueToken } from './index.js';

describe('opaque session tokens', () => {
  it('are 32 random bytes in base64url with a sha256 hex hash', () => {
    const { token, tokenHash } = newOpaqueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashOpaqueToken(token)).toBe(tokenHash);
  });

  it('never repeat', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newOpaqueToken().token));
    expect(seen.size).toBe(200);
  });
});
