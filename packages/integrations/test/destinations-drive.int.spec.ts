// The real Drive client (@googleapis/drive + google-auth-library) over real HTTP against the local fake.
import { FakeDrive, type FakeServiceAccount } from '@pm/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DestinationError,
  DriveClient,
  type DriveClientOptions,
  type FetchLike,
} from '../src/destinations/index.js';
import type { RetryOptions } from '../src/outbound/index.js';

const HTML =
  '<!doctype html><html><body><h1>Checkout outage</h1><table><tr><td>SEV-1</td></tr></table></body></html>';
let fake: FakeDrive;
let folderId: string;
let sa: FakeServiceAccount;
let sleeps: number[];
let urls: string[];
const fastClock: RetryOptions = {
  sleep: (ms) => (sleeps.push(ms), Promise.resolve()),
  random: () => 0.5,
};

// Every outbound URL, API and token exchange alike, so a test can prove nothing else was contacted.
const recordingFetch: DriveClientOptions['fetchImplementation'] = (input, init) => {
  urls.push(input instanceof Request ? input.url : String(input));
  return fetch(input, init);
};
const recordingTokenFetch: FetchLike = (url, init) => {
  urls.push(url);
  return fetch(url, init);
};

function client(extra: Partial<DriveClientOptions> = {}): DriveClient {
  return new DriveClient({
    account: { kind: 'service-account', key: sa.keyFile },
    folderId,
    rootUrl: `${fake.url}/`,
    fetchImplementation: recordingFetch,
    tokenFetch: recordingTokenFetch,
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

beforeEach(async () => {
  fake = new FakeDrive();
  await fake.start();
  folderId = fake.addFolder('Postmortems');
  sa = fake.createServiceAccount();
  sleeps = [];
  urls = [];
});
afterEach(() => fake.close());

describe('Drive client against the fake', () => {
  it('creates a converted Google Doc in the folder via the key file token_uri, contacting nothing else', async () => {
    const r = await client().publish({ title: 'PM-1 Checkout outage', body: HTML, marker: 'exp_1' });
    expect(r.outcome).toBe('created');
    const file = fake.file(r.externalId)!;
    expect(file).toMatchObject({
      name: 'PM-1 Checkout outage',
      mimeType: 'application/vnd.google-apps.document',
      uploadedMimeType: 'text/html',
      parents: [folderId],
      appProperties: { pmExportMarker: 'exp_1' },
      content: HTML,
    });
    expect(r.url).toBe(`${fake.url}/document/d/${r.externalId}/edit?usp=drivesdk`);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/token', status: 200 });
    expect(urls.length).toBeGreaterThanOrEqual(3);
    expect(urls.every((u) => u.startsWith(`${fake.url}/`))).toBe(true);
    expect(await (await fetch(r.url)).text()).toContain('PM-1 Checkout outage');
  });

  it('export then update keeps one document (files.update)', async () => {
    const first = await client().publish({ title: 'PM-2', body: '<p>v1</p>', marker: 'exp_2' });
    const second = await client().publish({
      title: 'PM-2 (edited)',
      body: '<p>v2</p>',
      marker: 'exp_2',
      existingExternalId: first.externalId,
    });
    expect(second).toMatchObject({ outcome: 'updated', externalId: first.externalId });
    expect(fake.files()).toHaveLength(1);
    expect(fake.file(first.externalId)).toMatchObject({
      content: '<p>v2</p>',
      name: 'PM-2 (edited)',
      version: 2,
    });
  });

  it('scenario 10: the upload was stored but the response lost — the retry finds it by appProperties', async () => {
    fake.loseNextResponse({ method: 'POST', path: /^\/upload\// });
    const r = await client().publish({ title: 'PM-3', body: HTML, marker: "exp_3'quoted" });
    expect(r.outcome).toBe('found');
    expect(fake.files()).toHaveLength(1);
    expect(fake.requests.filter((q) => q.path.startsWith('/upload/'))).toHaveLength(1);
  });

  it('scenario 8: 429 waits exactly the Retry-After, not a tight loop', async () => {
    fake.rateLimitNext(2, { path: /^\/upload\// });
    const r = await client().publish({ title: 'PM-4', body: HTML, marker: 'exp_4' });
    expect(r.outcome).toBe('created');
    expect(sleeps).toEqual([2000]);
  });

  it("scenario 8: Drive's 403 userRateLimitExceeded is a rate limit, not an auth failure", async () => {
    fake.failNext(403, { path: /^\/drive\//, reason: 'userRateLimitExceeded' });
    const r = await client().publish({ title: 'PM-5', body: HTML, marker: 'exp_5' });
    expect(r.outcome).toBe('created');
    expect(sleeps).toEqual([375]); // no Retry-After: jittered backoff
  });

  it('scenario 9: 5xx backs off and the final failure names target, status and reason', async () => {
    fake.failNext(503, { times: 10, path: /^\/upload\// });
    const e = await failure(
      client({ retry: { ...fastClock, maxAttempts: 3 } }).publish({
        title: 'PM-6',
        body: HTML,
        marker: 'exp_6',
      }),
    );
    expect(e).toMatchObject({
      code: 'DESTINATION_UNAVAILABLE',
      status: 503,
      reason: 'Injected server error',
      attempts: 3,
    });
    expect(e.target).toBe(`POST ${fake.url}/upload/drive/v3/files`);
    expect(sleeps).toEqual([375, 750]);
    expect(fake.files()).toHaveLength(0);
  });

  it('scenario 11: too large fails locally before any request; a 413 from Drive is not retried', async () => {
    const local = await failure(
      client({ maxBytes: 100 }).publish({ title: 'Big', body: 'x'.repeat(200), marker: 'b1' }),
    );
    expect(local).toMatchObject({ code: 'DESTINATION_TOO_LARGE', retryable: false });
    expect(fake.requests).toHaveLength(0);
    fake.maxBodyBytes = 1000;
    const remote = await failure(client().publish({ title: 'Big', body: 'x'.repeat(2000), marker: 'b2' }));
    expect(remote).toMatchObject({ code: 'DESTINATION_TOO_LARGE', status: 413, attempts: 1 });
    expect(fake.requests.filter((q) => q.path.startsWith('/upload/'))).toHaveLength(1);
  });

  it('an OAuth refresh token account works; a revoked one fails as an auth error without retries', async () => {
    const oauth = fake.createOAuthClient();
    const ok = client({ account: { kind: 'oauth', ...oauth, tokenUrl: fake.tokenUrl } });
    expect((await ok.publish({ title: 'OAuth', body: HTML, marker: 'o1' })).outcome).toBe('created');
    const revoked = client({
      account: { kind: 'oauth', ...oauth, refreshToken: 'revoked', tokenUrl: fake.tokenUrl },
    });
    const e = await failure(revoked.publish({ title: 'OAuth', body: HTML, marker: 'o2' }));
    expect(e).toMatchObject({ code: 'DESTINATION_AUTH_FAILED', status: 400 });
    expect(e.reason).toContain('invalid_grant');
    expect(sleeps).toEqual([]);
  });

  it('an unknown folder is a permanent 404', async () => {
    const e = await failure(client({ folderId: 'missing' }).publish({ title: 'X', body: HTML, marker: 'x' }));
    expect(e).toMatchObject({ code: 'DESTINATION_NOT_FOUND', status: 404 });
  });

  it('scenario 18: a key file whose token_uri points at a private address is refused before connecting', async () => {
    const key = { ...sa.keyFile, token_uri: 'http://169.254.169.254/token' };
    const e = await failure(
      client({ account: { kind: 'service-account', key } }).publish({ title: 'X', body: HTML, marker: 'x' }),
    );
    expect(e.code).toBe('DESTINATION_URL_FORBIDDEN');
    expect(urls).toEqual([]);
  });
});
