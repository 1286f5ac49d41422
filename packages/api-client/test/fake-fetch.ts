/** A scripted fetch: each call is recorded and answered by the first matching route. */
export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}
type Route = (call: Call, init?: RequestInit) => Response | Promise<Response>;

export function fakeFetch(routes: Record<string, Route>) {
  const calls: Call[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const call: Call = {
      url,
      method,
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const path = new URL(url).pathname;
    const route = routes[`${method} ${path}`];
    if (!route) return json(404, { code: 'NOT_FOUND', message: `no route ${method} ${path}` });
    return route(call, init);
  }) as typeof fetch;
  return { fetch: fn, calls };
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** An SSE response whose body yields the given chunks (strings), split as a server might. */
export const sse = (chunks: string[]) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(c) {
        const enc = new TextEncoder();
        for (const ch of chunks) c.enqueue(enc.encode(ch));
        c.close();
      },
    }),
    { status: 200, headers: { 'content-type': 'text/event-stream' } },
  );
