import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed unsubscribe links: `<userId>.<hmac>` where the HMAC-SHA256 is keyed by the first `SECRET_KEYS` entry (the
 * same value on API and worker) with a purpose label, so the token opens nothing else and needs no login. It does
 * not expire: an old e-mail's link must keep working.
 */
const PURPOSE = 'pm-unsubscribe-v1';

function keyOf(secretKeys: string): Buffer {
  const first = secretKeys.split(',')[0]?.trim() ?? '';
  return createHmac('sha256', first).update(PURPOSE).digest();
}

export function signUnsubscribeToken(secretKeys: string, userId: string): string {
  const mac = createHmac('sha256', keyOf(secretKeys)).update(userId).digest('base64url');
  return `${userId}.${mac}`;
}

/** The user id the token was signed for, or null when it is malformed or forged. */
export function verifyUnsubscribeToken(secretKeys: string, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || token.length > 300) return null;
  const userId = token.slice(0, dot);
  const expected = Buffer.from(signUnsubscribeToken(secretKeys, userId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}
