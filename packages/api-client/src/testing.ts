import type { BodyOf, ResponseOf } from './http.js';
import type { ErrorBody } from './models.js';
import type { paths } from './openapi.gen.js';

/**
 * A fetch stub for UI tests whose routes are typed by the generated spec: a handler for `GET /templates` must
 * return what `openapi.json` says the route answers, so test fixtures cannot drift from the API.
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type MethodsOf<P extends keyof paths> = {
  [M in Method]: [NonNullable<paths[P][M & keyof paths[P]]>] extends [never] ? never : M;
}[Method];

/** One request as the stub saw it. */
export interface StubRequest<P extends keyof paths = keyof paths, M extends Method = Method> {
  method: string;
  url: URL;
  /** Path parameters by name (`{ id: '…' }` for `/incidents/{id}`). */
  path: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: BodyOf<P, M> | undefined;
}

/** The route's JSON (sent with status 200), or a whole Response (errors, 202, 204, event streams). */
type Answer<T> = T | Response;
type Handler<P extends keyof paths, M extends Method> = (
  req: StubRequest<P, M>,
) => Answer<ResponseOf<P, M>> | Promise<Answer<ResponseOf<P, M>>>;

/** Handlers by spec path and lower-case method, e.g. `{ '/me': { get: () => me } }`. */
export type StubRoutes = { [P in keyof paths]?: { [M in MethodsOf<P>]?: Handler<P, M> } };

/** A JSON response with any status. */
export const jsonResponse = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** An API error answer in the shared `{ code, message, details }` shape. */
export const apiErrorResponse = (status: number, body: ErrorBody): Response => jsonResponse(status, body);

interface Compiled {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: (req: StubRequest) => unknown;
}

function compile(routes: StubRoutes): Compiled[] {
  const out: Compiled[] = [];
  for (const [template, methods] of Object.entries(routes)) {
    const names: string[] = [];
    const source = template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'));
    for (const [method, handler] of Object.entries(methods as Record<string, (r: StubRequest) => unknown>))
      out.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), names, handler });
  }
  // Literal paths win over templated ones (`/templates/variables` before `/templates/{id}`).
  return out.sort((a, b) => a.names.length - b.names.length);
}

/**
 * A `fetch(url, init)` that answers from `routes` and records every request; an unknown route answers
 * 404 NOT_FOUND like the API.
 */
export function stubApi(routes: StubRoutes): { fetch: typeof fetch; requests: StubRequest[] } {
  const table = compile(routes);
  const requests: StubRequest[] = [];
  const stub = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const body = typeof init.body === 'string' && init.body ? (JSON.parse(init.body) as unknown) : undefined;
    for (const r of table) {
      const m = r.method === method ? r.pattern.exec(url.pathname) : null;
      if (!m) continue;
      const path = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      const req = { method, url, path, headers, body } as StubRequest;
      requests.push(req);
      const answer = await r.handler(req);
      return answer instanceof Response ? answer : jsonResponse(200, answer);
    }
    return apiErrorResponse(404, { code: 'NOT_FOUND', message: `no stub route ${method} ${url.pathname}` });
  };
  return { fetch: stub as typeof fetch, requests };
}
