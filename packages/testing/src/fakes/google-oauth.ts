import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';

/** A service account the fake token endpoint accepts, and the JSON key a user would upload for it. */
export interface FakeServiceAccount {
  clientEmail: string;
  /** PEM public key the fake verifies assertions with. */
  publicKeyPem: string;
  /** The downloadable key file, `token_uri` pointing at the fake. */
  keyFile: {
    type: 'service_account';
    project_id: string;
    private_key_id: string;
    private_key: string;
    client_email: string;
    client_id: string;
    token_uri: string;
  };
}

/** Creates a service account with a fresh RSA key whose `token_uri` is `tokenUri`. */
export function createFakeServiceAccount(
  tokenUri: string,
  clientEmail = 'exporter@pm-test.iam.gserviceaccount.com',
): FakeServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    clientEmail,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyFile: {
      type: 'service_account',
      project_id: 'pm-test',
      private_key_id: randomBytes(8).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: clientEmail,
      client_id: '100000000000000000001',
      token_uri: tokenUri,
    },
  };
}

/** An OAuth client + refresh token the fake token endpoint accepts. */
export interface FakeOAuthClient {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** The outcome of a token request: an access token, or an OAuth error (`error` / `error_description`). */
export type TokenResult =
  | { ok: true; accessToken: string; expiresIn: number }
  | { ok: false; status: number; error: string; description: string };

/**
 * Grants of the OAuth 2.0 token endpoint: `urn:ietf:params:oauth:grant-type:jwt-bearer` (a service account's RS256
 * assertion with `iss` = client email, `aud` = the token URL, a scope, unexpired) and `refresh_token`
 * (client id + secret + refresh token). Issued access tokens are remembered so the API routes can check Bearer.
 */
export class FakeTokenIssuer {
  readonly issued = new Set<string>();
  readonly serviceAccounts: FakeServiceAccount[] = [];
  readonly oauthClients: FakeOAuthClient[] = [];

  /** Handles a form-encoded token request to `tokenUrl`. */
  grant(form: URLSearchParams, tokenUrl: string): TokenResult {
    const type = form.get('grant_type');
    if (type === 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return this.jwtBearer(form.get('assertion') ?? '', tokenUrl);
    if (type === 'refresh_token') {
      const c = this.oauthClients.find((x) => x.clientId === form.get('client_id'));
      if (!c || c.clientSecret !== form.get('client_secret'))
        return fail(401, 'invalid_client', 'The OAuth client was not found.');
      if (c.refreshToken !== form.get('refresh_token'))
        return fail(400, 'invalid_grant', 'Token has been expired or revoked.');
      return this.issue();
    }
    return fail(400, 'unsupported_grant_type', `Invalid grant_type: ${type ?? ''}`);
  }

  private jwtBearer(assertion: string, tokenUrl: string): TokenResult {
    const [h, p, s] = assertion.split('.');
    if (!h || !p || !s) return fail(400, 'invalid_grant', 'Invalid JWT: malformed');
    let claims: { iss?: string; aud?: string; scope?: string; exp?: number; iat?: number };
    try {
      const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string };
      if (header.alg !== 'RS256') return fail(400, 'invalid_grant', 'Invalid JWT: alg must be RS256');
      claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return fail(400, 'invalid_grant', 'Invalid JWT: not JSON');
    }
    const sa = this.serviceAccounts.find((x) => x.clientEmail === claims.iss);
    if (!sa) return fail(400, 'invalid_grant', 'Invalid JWT: unknown issuer');
    const ok = createVerify('RSA-SHA256')
      .update(`${h}.${p}`)
      .verify(sa.publicKeyPem, Buffer.from(s, 'base64url'));
    if (!ok) return fail(400, 'invalid_grant', 'Invalid JWT Signature.');
    if (claims.aud !== tokenUrl)
      return fail(400, 'invalid_grant', `Invalid JWT: audience must be ${tokenUrl}`);
    if (!claims.scope) return fail(400, 'invalid_scope', 'Invalid JWT: no scope');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now())
      return fail(400, 'invalid_grant', 'Invalid JWT: expired');
    return this.issue();
  }

  private issue(): TokenResult {
    const accessToken = `ya29.fake-${randomBytes(12).toString('hex')}`;
    this.issued.add(accessToken);
    return { ok: true, accessToken, expiresIn: 3599 };
  }
}

function fail(status: number, error: string, description: string): TokenResult {
  return { ok: false, status, error, description };
}
