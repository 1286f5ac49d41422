import { redactUrl } from '@pm/net-guard';
import { HttpFailure } from './destination-error.js';

/** The slice of fetch the Confluence client and the token exchange use (the guarded fetch satisfies it). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/** A JSON call with a timeout; non-2xx and network errors become {@link HttpFailure} for the retry helper. */
export async function requestJson<T>(
  fetchImpl: FetchLike,
  method: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  timeoutMs: number,
  errorMessage: (json: unknown, text: string) => string,
): Promise<T> {
  const target = `${method} ${redactUrl(new URL(url))}`;
  let res: Awaited<ReturnType<FetchLike>>;
  let text: string;
  try {
    res = await fetchImpl(url, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (e) {
    if (e instanceof Error && e.name === 'NetGuardError') throw e;
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause : undefined;
    if (cause?.name === 'NetGuardError') throw cause;
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new HttpFailure(target, timedOut ? `no answer within ${timeoutMs} ms` : describe(e));
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.status < 200 || res.status > 299) {
    throw new HttpFailure(target, errorMessage(json, text), res.status, res.headers.get('retry-after'));
  }
  return json as T;
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e.message}${cause}`;
}
