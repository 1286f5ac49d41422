import type { GuardedFetch } from '@pm/net-guard';

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The SSRF-guarded fetch (undici's own types) in the shape of the global `fetch` that Octokit and the Jira client
 * take. Every call, redirects included, still goes through the guard; only the request and response objects are
 * translated between the two libraries' classes.
 */
export function asGlobalFetch(guarded: GuardedFetch): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input;
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string') {
      throw new TypeError('tracker requests send JSON text bodies only');
    }
    const res = await guarded(url, {
      method: init?.method ?? 'GET',
      headers,
      ...(body !== undefined && body !== null && { body }),
      ...(init?.signal && { signal: init.signal }),
    });
    const text = NULL_BODY_STATUSES.has(res.status) ? null : await res.text();
    return new Response(text, { status: res.status, statusText: res.statusText, headers: [...res.headers] });
  };
}
