import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecretKeys, SecretBox, SecretBoxError } from './secret-box.js';

const k = () => randomBytes(32).toString('base64');
const oldKey = { id: 'k2025', key: k() };
const newKey = { id: 'k2026', key: k() };

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof SecretBoxError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('SecretBox', () => {
  it('round-trips, in the v1:<keyId>:<iv>:<tag>:<data> format, without the plaintext in the ciphertext', () => {
    const box = new SecretBox([newKey]);
    const sealed = box.seal('atlassian-api-token-123');
    expect(sealed).toMatch(/^v1:k2026:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(sealed).not.toContain('atlassian');
    expect(box.open(sealed)).toBe('atlassian-api-token-123');
  });

  it('uses a fresh IV each time', () => {
    const box = new SecretBox([newKey]);
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('rotates: an old ciphertext opens under the new key set and is re-sealed with the primary', () => {
    const sealedOld = new SecretBox([oldKey]).seal('refresh-token');
    const rotated = new SecretBox([newKey, oldKey]);
    expect(rotated.open(sealedOld)).toBe('refresh-token');
    expect(rotated.needsReseal(sealedOld)).toBe(true);
    const resealed = rotated.reseal(sealedOld);
    expect(resealed.startsWith('v1:k2026:')).toBe(true);
    expect(rotated.needsReseal(resealed)).toBe(false);
    expect(new SecretBox([newKey]).open(resealed)).toBe('refresh-token');
    expect(code(() => new SecretBox([newKey]).open(sealedOld))).toBe('SECRET_KEY_UNKNOWN');
  });

  it('detects tampering with the data, tag or IV, and a swapped key id', () => {
    const box = new SecretBox([newKey, oldKey]);
    const sealed = box.seal('service-account-json');
    const parts = sealed.split(':');
    const flip = (i: number) => {
      const p = [...parts];
      const bytes = Buffer.from(p[i]!, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      p[i] = bytes.toString('base64url');
      return p.join(':');
    };
    expect(code(() => box.open(flip(4)))).toBe('SECRET_TAMPERED');
    expect(code(() => box.open(flip(3)))).toBe('SECRET_TAMPERED');
    expect(code(() => box.open(flip(2)))).toBe('SECRET_TAMPERED');
    expect(code(() => box.open(sealed.replace('v1:k2026:', 'v1:k2025:')))).toBe('SECRET_TAMPERED');
    expect(code(() => box.open('v2:k2026:a:b:c'))).toBe('SECRET_FORMAT_INVALID');
    expect(code(() => box.open('plain text'))).toBe('SECRET_FORMAT_INVALID');
  });

  it('binds a ciphertext to its associated data (a secret copied to another row does not open)', () => {
    const box = new SecretBox([newKey]);
    const sealed = box.seal('token', 'connected-account:1');
    expect(box.open(sealed, 'connected-account:1')).toBe('token');
    expect(code(() => box.open(sealed, 'connected-account:2'))).toBe('SECRET_TAMPERED');
  });

  it('refuses bad key configuration without echoing the key', () => {
    expect(code(() => new SecretBox([]))).toBe('SECRET_KEY_INVALID');
    expect(code(() => new SecretBox([{ id: 'short', key: randomBytes(16).toString('base64') }]))).toBe(
      'SECRET_KEY_INVALID',
    );
    expect(code(() => new SecretBox([{ id: 'bad:id', key: k() }]))).toBe('SECRET_KEY_INVALID');
    expect(code(() => new SecretBox([newKey, { ...newKey, key: k() }]))).toBe('SECRET_KEY_INVALID');
    try {
      new SecretBox([{ id: 'x', key: 'not-base64-secret!!' }]);
    } catch (e) {
      expect((e as Error).message).not.toContain('not-base64-secret');
    }
  });

  it('parses SECRET_KEYS with the first key primary', () => {
    const keys = parseSecretKeys(` ${newKey.id}:${newKey.key} , ${oldKey.id}:${oldKey.key}`);
    expect(keys.map((x) => x.id)).toEqual(['k2026', 'k2025']);
    expect(new SecretBox(keys).seal('x').split(':')[1]).toBe('k2026');
    expect(code(() => parseSecretKeys('nokeyid'))).toBe('SECRET_KEY_INVALID');
  });
});
