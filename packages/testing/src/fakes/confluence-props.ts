import type { FakeRequest, FakeResponse } from './fake-http.js';
import { listJson, type FakeConfluencePage } from './confluence-model.js';

type ErrorFn = (status: number, message: string, reason?: string) => FakeResponse;

/** The JSON body (`undefined` when it was not JSON). */
function parse<T>(req: FakeRequest): T | undefined {
  return req.body as T | undefined;
}

/** `/content/{id}/property[/{key}]`: list, read, create (409 if present), update (version + 1). */
export function propertyRoute(
  page: FakeConfluencePage,
  req: FakeRequest,
  key: string | undefined,
  base: string,
  error: ErrorFn,
): FakeResponse {
  const out = (k: string) => ({
    id: `${page.id}-${k}`,
    key: k,
    value: page.properties[k]!.value,
    version: { number: page.properties[k]!.version },
  });
  if (req.method === 'GET' && key === undefined) {
    return { status: 200, body: listJson(Object.keys(page.properties).map(out), base, '') };
  }
  if (req.method === 'GET' && key !== undefined) {
    return page.properties[key]
      ? { status: 200, body: out(key) }
      : error(404, `Cannot find content property with key: ${key}`, 'Not Found');
  }
  const input = parse<{ key?: string; value?: unknown; version?: { number?: number } }>(req);
  if (!input) return error(400, 'Request body is not valid JSON', 'Bad Request');
  const k = key ?? input.key ?? '';
  if (req.method === 'POST') {
    if (page.properties[k]) return error(409, `Property with key ${k} already exists`, 'Conflict');
    page.properties[k] = { value: input.value, version: 1 };
    return { status: 200, body: out(k) };
  }
  if (req.method === 'PUT' && page.properties[k]) {
    if (input.version?.number !== page.properties[k].version + 1) {
      return error(409, 'Property version must be incremented', 'Conflict');
    }
    page.properties[k] = { value: input.value, version: input.version.number };
    return { status: 200, body: out(k) };
  }
  return error(404, `Cannot find content property with key: ${k}`, 'Not Found');
}

/** `/content/{id}/label`: list, or add `[{ prefix, name }]`. */
export function labelRoute(
  page: FakeConfluencePage,
  req: FakeRequest,
  base: string,
  error: ErrorFn,
): FakeResponse {
  if (req.method === 'POST') {
    const added = parse<{ name: string }[]>(req);
    if (!Array.isArray(added)) return error(400, 'Expected an array of labels', 'Bad Request');
    for (const l of added) if (!page.labels.includes(l.name)) page.labels.push(l.name);
  }
  const results = page.labels.map((name) => ({ prefix: 'global', name, label: name }));
  return { status: 200, body: listJson(results, base, '') };
}
