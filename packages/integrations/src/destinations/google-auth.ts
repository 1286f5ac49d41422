import { createSign } from 'node:crypto';
import { checkUrl, createGuardedFetch, type NetGuardOptions } from '@pm/net-guard';
import { OAuth2Client } from 'google-auth-library';
import { DestinationError } from './destination-error.js';
import { requestJson, type FetchLike } from './fetch-like.js';

/** Google's token endpoint, used when a credential names none. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** The only scope exports need: files this app created or was given. */
export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive.file';

/** The fields of a downloaded service-account JSON key that the token exchange uses. */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

/** A connected Google account: a service-account key, or an OAuth client with a user's refresh token. */
export type GoogleAccount =
  | { kind: 'service-account'; key: ServiceAccountKey }
  | { kind: 'oauth'; clientId: string; clientSecret: string; refreshToken: string; tokenUrl?: string };

/** Options of {@link createGoogleAuth}. */
export interface GoogleAuthOptions {
  /** Guard for the token URL (it comes from a user-supplied key file, so it is validated like any user URL). */
  guard?: NetGuardOptions;
  /** Transport of the token exchange; defaults to the guarded fetch. */
  fetch?: FetchLike;
  scopes?: string[];
  timeoutMs?: number;
}

/**
 * An `OAuth2Client` for `@googleapis/drive` whose tokens come from our own exchange with the credential's token
 * URL. google-auth-library's JWT client signs for and posts to a fixed Google URL and ignores the key file's
 * `token_uri`; doing the RFC 7523 JWT-bearer (or refresh-token) exchange here lets that URL be honoured and go
 * through the SSRF guard. The library then only caches the token and calls the handler again when it expires, so
 * it makes no network call of its own.
 */
export function createGoogleAuth(account: GoogleAccount, options: GoogleAuthOptions = {}): OAuth2Client {
  const fetchImpl = options.fetch ?? createGuardedFetch(options.guard);
  const scopes = options.scopes ?? [DRIVE_SCOPE];
  const timeoutMs = options.timeoutMs ?? 30_000;
  const client = new OAuth2Client();
  client.refreshHandler = async () => {
    const tokenUrl =
      account.kind === 'service-account'
        ? (account.key.token_uri ?? GOOGLE_TOKEN_URL)
        : (account.tokenUrl ?? GOOGLE_TOKEN_URL);
    await checkUrl(tokenUrl, options.guard);
    const form =
      account.kind === 'service-account'
        ? new URLSearchParams({
            grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
            assertion: signAssertion(account.key, tokenUrl, scopes),
          })
        : new URLSearchParams({
            grant_type: 'refresh_token',
            client_id: account.clientId,
            client_secret: account.clientSecret,
            refresh_token: account.refreshToken,
          });
    const token = await exchange(() =>
      requestJson<{ access_token: string; expires_in?: number }>(
        fetchImpl,
        'POST',
        tokenUrl,
        { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        form.toString(),
        timeoutMs,
        (json, text) => {
          const j = json as { error?: string; error_description?: string } | undefined;
          return j?.error ? `${j.error}: ${j.error_description ?? ''}` : text.slice(0, 300);
        },
      ),
    );
    return { access_token: token.access_token, expiry_date: Date.now() + (token.expires_in ?? 3600) * 1000 };
  };
  return client;
}

/** An RS256 JWT assertion for the service account, audience = the token URL, valid one hour. */
export function signAssertion(key: ServiceAccountKey, audience: string, scopes: string[]): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
  const claims = { iss: key.client_email, scope: scopes.join(' '), aud: audience, iat: now, exp: now + 3600 };
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${enc(header)}.${enc(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key.private_key).toString('base64url');
  return `${unsigned}.${signature}`;
}

/** A refused credential (4xx other than 429 from the token endpoint) is an auth failure, not a bad request. */
async function exchange<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (
      e instanceof DestinationError &&
      e.status !== undefined &&
      e.status >= 400 &&
      e.status < 500 &&
      e.status !== 429
    ) {
      throw new DestinationError('DESTINATION_AUTH_FAILED', {
        target: e.target,
        status: e.status,
        reason: e.reason,
        attempts: 1,
      });
    }
    throw e;
  }
}
