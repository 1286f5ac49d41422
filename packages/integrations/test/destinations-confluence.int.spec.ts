// The real Confluence client over real HTTP against the local fake (fault scenarios 8–11 and 18 for Confluence).
import { FakeConfluence } from '@pm/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfluenceClient,
  DestinationError,
  type ConfluenceClientOptions,
} from '../src/destinations/index.js';
import type { RetryOptions } from '../src/outbound/index.js';

const STORAGE = '<h1>Checkout outage</h1><p>Root cause: <strong>expired certificate</strong>.</p>';
let fake: FakeConfluence;
let sleeps: number[];
const fastClock: RetryOptions = {
  sleep: (ms) => (sleeps.push(ms), Promise.resolve()),
  random: () => 0.5,
};

function client(extra: Partial<ConfluenceClientOptions> = {}): ConfluenceClient {
  return new ConfluenceClient({
    account: { kind: 'cloud', siteUrl: fake.siteUrl, email: fake.email, apiToken: fake.apiToken },
    spaceKey: 'ENG',
    guard: { allowLoopbackForTests: true },
    retry: fastClock,
    ...extra,
  });
}

async function failure(p: Promise<unknown>): Promise<DestinationError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof DestinationError)) throw new Error(`expected a DestinationError, got ${String(e)}`);
  return e;
}

const exported = () => fake.pages().filter((p) => p.labels.length > 0);

beforeEach(async () => {
  fake = new FakeConfluence();
  await fake.start();
  sleeps = [];
});
afterEach(() => fake.close());

describe('Confluence client against the fake', () => {
  it('creates a page in the space under the parent with the storage body, and its link opens', async () => {
    const parent = fake.addPage('ENG', 'Postmortems');
    const r = await client({ parentPageId: parent.id }).publish({
      title: 'PM-1 Checkout outage',
      body: STORAGE,
      marker: 'exp_1',
    });
    expect(r.outcome).toBe('created');
    const page = fake.page(r.externalId)!;
    expect(page).toMatchObject({
      spaceKey: 'ENG',
      parentId: parent.id,
      title: 'PM-1 Checkout outage',
      body: STORAGE,
      version: 1,
    });
    expect(page.labels).toEqual(['pm-export-exp_1']);
    expect(page.properties['pm-export']?.value).toEqual({ marker: 'exp_1' });
    expect(r.url).toBe(`${fake.url}/wiki/spaces/ENG/pages/${r.externalId}/PM-1+Checkout+outage`);
    const view = await fetch(r.url);
    expect(await view.text()).toContain('PM-1 Checkout outage');
  });

  it('export then update keeps one page and bumps its version', async () => {
    const first = await client().publish({ title: 'PM-2', body: '<p>v1</p>', marker: 'exp_2' });
    const second = await client().publish({
      title: 'PM-2',
      body: '<p>v2</p>',
      marker: 'exp_2b',
      existingExternalId: first.externalId,
    });
    expect(second).toMatchObject({ outcome: 'updated', externalId: first.externalId, url: first.url });
    expect(exported()).toHaveLength(1);
    expect(fake.page(first.externalId)).toMatchObject({ body: '<p>v2</p>', version: 2 });
  });

  it('scenario 8: 429 with Retry-After: 1 waits at least a second (real clock), then finishes', async () => {
    fake.rateLimitNext(1, { method: 'POST' });
    const r = await client({ retry: {} }).publish({ title: 'PM-3', body: STORAGE, marker: 'exp_3' });
    expect(r.outcome).toBe('created');
    const limited = fake.requests.findIndex((q) => q.status === 429);
    const after = fake.requests[limited + 1]!;
    expect(after.atMonotonic - fake.requests[limited]!.atMonotonic).toBeGreaterThanOrEqual(990);
    expect(fake.requests.filter((q) => q.method === 'POST')).toHaveLength(2);
    expect(exported()).toHaveLength(1);
  });

  it('scenario 8: a Retry-After beyond the cap fails retryable with the asked pause instead of spinning', async () => {
    fake.rateLimitNext(3600);
    const e = await failure(client().publish({ title: 'PM-4', body: STORAGE, marker: 'exp_4' }));
    expect(e).toMatchObject({
      code: 'DESTINATION_RATE_LIMITED',
      status: 429,
      retryAfterMs: 3_600_000,
      retryable: true,
    });
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('scenario 9: 5xx backs off with growing jittered pauses, then succeeds', async () => {
    fake.failNext(503, { times: 2 });
    const r = await client().publish({ title: 'PM-5', body: STORAGE, marker: 'exp_5' });
    expect(r.outcome).toBe('created');
    expect(sleeps).toEqual([375, 750]); // equal jitter: (½ + ½ · 0.5) × 500 ms · 2^(n-1)
  });

  it('scenario 9: a timeout is retried like a 5xx', async () => {
    // Wide margins: on a loaded machine an ordinary answer must still come well within the timeout.
    fake.delayNext(10_000);
    const r = await client({ requestTimeoutMs: 2_500 }).publish({
      title: 'PM-6',
      body: STORAGE,
      marker: 'exp_6',
    });
    expect(r.outcome).toBe('created');
    expect(sleeps).toHaveLength(1);
  });

  it('scenario 9: the final failure names target, status and reason', async () => {
    fake.failNext(502, { times: 10, method: 'POST' });
    const e = await failure(
      client({ retry: { ...fastClock, maxAttempts: 3 } }).publish({
        title: 'PM-7',
        body: STORAGE,
        marker: 'exp_7',
      }),
    );
    expect(e).toMatchObject({
      code: 'DESTINATION_UNAVAILABLE',
      status: 502,
      reason: 'Injected server error',
      attempts: 3,
    });
    expect(e.target).toBe(`POST ${fake.url}/wiki/rest/api/content`);
    expect(e.message).toContain('502');
    expect(exported()).toHaveLength(0);
  });

  it('scenario 10: the page was created but the response lost — the retry finds it by marker, no duplicate', async () => {
    fake.loseNextResponse({ method: 'POST', path: /\/content$/ });
    const r = await client().publish({ title: 'PM-8', body: STORAGE, marker: 'exp_8' });
    expect(r.outcome).toBe('found');
    expect(exported()).toHaveLength(1);
    expect(fake.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
    expect(r.externalId).toBe(exported()[0]!.id);
  });

  it('scenario 10: also found by label when the title was changed meanwhile', async () => {
    const first = await client().publish({ title: 'PM-9', body: STORAGE, marker: 'exp_9' });
    fake.page(first.externalId)!.title = 'PM-9 (renamed)';
    const again = await client().publish({ title: 'PM-9', body: STORAGE, marker: 'exp_9' });
    expect(again).toMatchObject({ outcome: 'found', externalId: first.externalId });
  });

  it('scenario 11: too large fails at once, before any request, and is not retryable', async () => {
    const e = await failure(
      client({ maxBodyBytes: 1000 }).publish({ title: 'PM-10', body: 'x'.repeat(2000), marker: 'exp_10' }),
    );
    expect(e).toMatchObject({ code: 'DESTINATION_TOO_LARGE', retryable: false });
    expect(fake.requests).toHaveLength(0);
  });

  it('scenario 11: a 413 from Confluence is permanent: one POST, no retry', async () => {
    fake.maxBodyBytes = 1000;
    const e = await failure(client().publish({ title: 'PM-11', body: 'x'.repeat(2000), marker: 'exp_11' }));
    expect(e).toMatchObject({ code: 'DESTINATION_TOO_LARGE', status: 413, attempts: 1 });
    expect(fake.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  it('classifies 401, unknown space (404) and a foreign page with the same title (409) as permanent', async () => {
    const bad = client({
      account: { kind: 'cloud', siteUrl: fake.siteUrl, email: fake.email, apiToken: 'wrong' },
    });
    expect((await failure(bad.publish({ title: 'A', body: STORAGE, marker: 'm' }))).code).toBe(
      'DESTINATION_AUTH_FAILED',
    );
    expect(
      (await failure(client({ spaceKey: 'NOPE' }).publish({ title: 'A', body: STORAGE, marker: 'm' }))).code,
    ).toBe('DESTINATION_NOT_FOUND');
    expect(
      (await failure(client({ parentPageId: '999' }).publish({ title: 'A', body: STORAGE, marker: 'm' })))
        .code,
    ).toBe('DESTINATION_NOT_FOUND');
    fake.addPage('ENG', 'Taken');
    const e = await failure(client().publish({ title: 'Taken', body: STORAGE, marker: 'm' }));
    expect(e.code).toBe('DESTINATION_CONFLICT');
    expect(e.reason).toContain('already exists in space ENG');
    expect(sleeps).toEqual([]);
  });

  it('Data Center: Bearer personal access token, REST at the base URL', async () => {
    const dc = new FakeConfluence({ flavor: 'datacenter' });
    await dc.start();
    try {
      const c = new ConfluenceClient({
        account: { kind: 'datacenter', baseUrl: dc.url, personalAccessToken: dc.personalAccessToken },
        spaceKey: 'ENG',
        guard: { allowLoopbackForTests: true },
      });
      expect(await c.testConnection()).toEqual({ spaceKey: 'ENG', spaceName: 'ENG space' });
      const r = await c.publish({ title: 'DC page', body: STORAGE, marker: 'dc1' });
      expect(r.url).toBe(`${dc.url}/pages/viewpage.action?pageId=${r.externalId}`);
    } finally {
      await dc.close();
    }
  });

  it('scenario 18: without the test allowance the loopback fake is refused before any connection', async () => {
    const e = await failure(client({ guard: {} }).publish({ title: 'A', body: STORAGE, marker: 'm' }));
    expect(e.code).toBe('DESTINATION_URL_FORBIDDEN');
    expect(e.reason).toContain('127.0.0.1');
    expect(fake.requests).toHaveLength(0);
  });
});
