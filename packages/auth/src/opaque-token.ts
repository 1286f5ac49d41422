import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 hex of an opaque token: what the database stores, so a leaked table grants nothing. */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random session token (32 bytes, base64url) and its hash for storage. */
export function newOpaqueToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashOpaqueToken(token) };
}
