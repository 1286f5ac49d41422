import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Why a secret could not be sealed or opened. */
export type SecretBoxErrorCode =
  'SECRET_KEY_INVALID' | 'SECRET_KEY_UNKNOWN' | 'SECRET_FORMAT_INVALID' | 'SECRET_TAMPERED';

/** Raised by {@link SecretBox}; the message never contains key material or plaintext. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One configured key: a short id (stored in every ciphertext) and 32 random bytes as base64. */
export interface SecretBoxKey {
  id: string;
  key: string;
}

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12; // the GCM standard nonce size; random per seal
const TAG_BYTES = 16;

/**
 * Parses the `SECRET_KEYS` setting: comma-separated `id:base64key` pairs, the FIRST one primary (used to seal),
 * all of them usable to open. Rotation: put a new key first, keep the old ones after it, re-seal stored secrets
 * with {@link SecretBox.reseal} (or lazily when {@link SecretBox.needsReseal} says so), then drop the old key.
 */
export function parseSecretKeys(value: string): SecretBoxKey[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((pair) => {
      const at = pair.indexOf(':');
      if (at <= 0) throw new SecretBoxError('SECRET_KEY_INVALID', 'each key must be written as id:base64');
      return { id: pair.slice(0, at), key: pair.slice(at + 1) };
    });
}

/**
 * AES-256-GCM envelope for secrets at rest (connected-account tokens, service-account keys). Ciphertext format:
 * `v1:<keyId>:<iv>:<tag>:<data>` (base64url parts). The key id makes rotation possible: any configured key opens,
 * the primary seals. Optional associated data binds a ciphertext to its row (e.g. `connected-account:42`) so it
 * cannot be copied into another row and still open.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly primaryId: string;

  /** @param keys at least one; the first is primary. Throws SECRET_KEY_INVALID on a bad id, length or duplicate. */
  constructor(keys: readonly SecretBoxKey[]) {
    const first = keys[0];
    if (!first) throw new SecretBoxError('SECRET_KEY_INVALID', 'at least one secret key is required');
    for (const k of keys) {
      if (!KEY_ID.test(k.id)) {
        throw new SecretBoxError('SECRET_KEY_INVALID', `key id "${k.id}" must match ${KEY_ID.source}`);
      }
      const bytes = Buffer.from(k.key, 'base64');
      if (bytes.length !== 32 || bytes.toString('base64') !== k.key.replace(/\s/g, '')) {
        throw new SecretBoxError('SECRET_KEY_INVALID', `key "${k.id}" must be 32 bytes written as base64`);
      }
      if (this.keys.has(k.id))
        throw new SecretBoxError('SECRET_KEY_INVALID', `key id "${k.id}" appears twice`);
      this.keys.set(k.id, bytes);
    }
    this.primaryId = first.id;
  }

  /** Encrypts with the primary key and a fresh random IV. */
  seal(plaintext: string, associatedData?: string): string {
    const key = this.keys.get(this.primaryId);
    if (!key) throw new SecretBoxError('SECRET_KEY_UNKNOWN', 'primary key missing');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.primaryId, b64(iv), b64(tag), b64(data)].join(':');
  }

  /** Decrypts with whichever configured key the ciphertext names; any change to it throws SECRET_TAMPERED. */
  open(sealed: string, associatedData?: string): string {
    const parts = sealed.split(':');
    const [version, keyId, ivText, tagText, dataText] = parts;
    if (
      parts.length !== 5 ||
      version !== VERSION ||
      !keyId ||
      !ivText ||
      !tagText ||
      dataText === undefined
    ) {
      throw new SecretBoxError('SECRET_FORMAT_INVALID', 'not a v1 sealed secret');
    }
    const key = this.keys.get(keyId);
    if (!key)
      throw new SecretBoxError('SECRET_KEY_UNKNOWN', `sealed with key "${keyId}", which is not configured`);
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretBoxError('SECRET_FORMAT_INVALID', 'bad IV or tag length');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(dataText, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SecretBoxError(
        'SECRET_TAMPERED',
        'sealed secret failed authentication (tampered or wrong key)',
      );
    }
  }

  /** True when the ciphertext was sealed with a key other than the primary. */
  needsReseal(sealed: string): boolean {
    return sealed.split(':')[1] !== this.primaryId;
  }

  /** Opens with any configured key and seals again with the primary (key rotation). */
  reseal(sealed: string, associatedData?: string): string {
    return this.seal(this.open(sealed, associatedData), associatedData);
  }
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}
