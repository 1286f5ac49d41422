import createClient, { type Client } from 'openapi-fetch';
import { ApiError, errorFromBody, isAbort } from './errors.js';
import type { paths } from './openapi.gen.js';

/** How to reach the API. */
export interface ApiClientOptions {
  /** e.g. `http://127.0.0.1:3000` (a trailing slash is fine). */
  baseUrl: string;
  /** Returns the bearer token to send, or nothing when signed out. Called on every request. */
  getToken?: () => string | null | undefined;
  /** Injected in tests and hosts; called as `fetch(url, init)`. Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Polling interval of the `watchPostmortem` fallback (default 1000 ms). */
  pollIntervalMs?: number;
}

/** The typed fetch client over the generated `paths` of apps/api/openapi.json. */
export type Http = Client<paths>;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M & keyof paths[P]]>;
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : void;

/** The JSON a route answers on success (`void` for 204), from the generated spec types. */
export type ResponseOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201 | 202 | 204>]> : never;
/** The JSON body a route accepts, from the generated spec types. */
export type BodyOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
/** The query parameters a route accepts, from the generated spec types. */
export type QueryOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/**
 * openapi-fetch hands its `fetch` a Request; the project's injected fetch (tests, hosts) keeps the `(url, init)`
 * form with plain-object headers and a string body. Failures to reach the API become ApiError NETWORK / ABORTED.
 */
function adaptFetch(doFetch: typeof fetch, base: string) {
  return async (req: Request): Promise<Response> => {
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.text();
    const headers: Record<string, string> = {};
    req.headers.forEach((value, key) => (headers[key] = value));
    try {
      return await doFetch(req.url, {
        method: req.method,
        headers,
        body: body || undefined,
        signal: req.signal,
        // Only login asks for `include`: the API then also sets its HttpOnly session cookie (job dashboard).
        ...(req.credentials === 'include' ? { credentials: 'include' as const } : {}),
      });
    } catch (err) {
      if (isAbort(err)) throw new ApiError(0, 'ABORTED', 'request aborted');
      throw new ApiError(0, 'NETWORK', `cannot reach the API at ${base}: ${(err as Error).message}`);
    }
  };
}

/** The typed client with the bearer token of `getToken` on every request. */
export function createHttp(options: ApiClientOptions): Http {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const http = createClient<paths>({
    baseUrl: base,
    fetch: adaptFetch(doFetch, base),
    headers: { accept: 'application/json' },
  });
  http.use({
    onRequest({ request }) {
      const token = options.getToken?.();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
    },
  });
  return http;
}

/**
 * Awaits an openapi-fetch call and returns its typed data; a non-2xx answer throws the API's error as ApiError
 * (with its stable `code`), an answer that is not the promised JSON throws BAD_RESPONSE.
 */
export async function call<D>(
  pending: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<D> {
  let res: { data?: D; error?: unknown; response: Response };
  try {
    res = await pending;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (isAbort(err)) throw new ApiError(0, 'ABORTED', 'request aborted');
    throw new ApiError(0, 'BAD_RESPONSE', `expected JSON from the API: ${(err as Error).message}`);
  }
  if (!res.response.ok) throw errorFromBody(res.response.status, res.response.statusText, res.error);
  return res.data as D;
}
