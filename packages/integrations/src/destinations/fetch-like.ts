import { redactUrl } from '@pm/net-guard';
import { DestinationError } from './destination-error.js';

/** The slice of fetch the Confluence client and the token exchange use (the guarded fetch satisfies it). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/** A JSON call with a timeout; non-2xx answers, guard refusals and network errors become a classified {@link DestinationError}. */
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
    throw DestinationError.fromTransport(target, e);
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.status < 200 || res.status > 299) {
    throw DestinationError.fromAnswer({
      target,
      status: res.status,
      headers: res.headers,
      reason: errorMessage(json, text),
    });
  }
  return json as T;
}
