import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AuthTokenError } from './errors.js';

/** Claims of a collab token: one user, one document, read-only or not, and the doc schema version. */
export type CollabClaims = {
  /** User id. */
  sub: string;
  /** Display name (cursor label). */
  name: string;
  /** Document id (not the collab document name). */
  doc: string;
  /** Read-only grant: the collab server drops this client's updates. */
  ro: boolean;
  /** Editor schema version of the client (doc-model). */
  sv: number;
};

const AUDIENCE = 'collab';
const ISSUER = 'pm-api';
const ALG = 'HS256';

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string(),
  doc: z.string().min(1),
  ro: z.boolean(),
  sv: z.number().int(),
});

const keyFor = (secret: string): Uint8Array => {
  if (!secret) throw new Error('collab token secret must not be empty');
  return new TextEncoder().encode(secret);
};

/**
 * Signs a short-lived HS256 token that lets one user open one document in the collab server.
 * @param ttlSeconds lifetime; the collab server checks it only when a connection authenticates.
 */
export async function signCollabToken(
  claims: CollabClaims,
  secret: string,
  ttlSeconds = 300,
): Promise<{ token: string; expiresAt: Date }> {
  const { sub, name, doc, ro, sv } = ClaimsSchema.parse(claims);
  const now = Math.floor(Date.now() / 1000);
  const exp = now + ttlSeconds;
  const token = await new SignJWT({ name, doc, ro, sv })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(sub)
    .setAudience(AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(keyFor(secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

/**
 * Verifies signature, algorithm, audience, issuer and expiry, and returns the claims.
 * @throws AuthTokenError `TOKEN_MISSING` (empty), `TOKEN_EXPIRED`, or `TOKEN_INVALID` (anything else).
 */
export async function verifyCollabToken(
  token: string | null | undefined,
  secret: string,
): Promise<CollabClaims> {
  if (!token) throw new AuthTokenError('TOKEN_MISSING', 'No collab token was sent');
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, keyFor(secret), {
      algorithms: [ALG],
      audience: AUDIENCE,
      issuer: ISSUER,
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) {
      throw new AuthTokenError('TOKEN_EXPIRED', 'The collab token has expired', { cause: err });
    }
    throw new AuthTokenError('TOKEN_INVALID', 'The collab token is not valid', { cause: err });
  }
  const parsed = ClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    throw new AuthTokenError('TOKEN_INVALID', 'The collab token lacks required claims', {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
