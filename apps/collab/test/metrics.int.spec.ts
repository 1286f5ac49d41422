// Collab's /metrics on the collab port: connections and open documents, store latency and failures, refusals by
// reason, process metrics; behind METRICS_TOKEN, or loopback only without one.
import { REFUSAL } from '@pm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollabServer } from '../src/server.js';
import {
  appendParagraph,
  connect,
  createTestDb,
  readRow,
  seedDocument,
  startServer,
  tokenFor,
  waitFor,
  type TestDb,
} from './helpers.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123';

/** The value of one sample line `name{labels} value` of Prometheus text (undefined when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('collab metrics', () => {
  let db: TestDb;
  let collab: CollabServer;
  let open: CollabServer;

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    collab = await startServer(db, { METRICS_TOKEN, STORE_RETRY_MS: '100' });
    open = await startServer(db); // no token: loopback callers only
  });
  afterAll(async () => {
    await collab?.stop();
    await open?.stop();
    await db?.dispose();
  });

  const scrape = async (server = collab, authorization: string | null = `Bearer ${METRICS_TOKEN}`) => {
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`, {
      headers: authorization ? { authorization } : {},
    });
    return { status: res.status, text: await res.text() };
  };

  it('refuses a missing (401) or wrong (403) token; without a token configured, loopback is answered', async () => {
    expect((await scrape(collab, null)).status).toBe(401);
    expect((await scrape(collab, 'Bearer not-the-metrics-token')).status).toBe(403);
    const unconfigured = await scrape(open, null);
    expect(unconfigured.status).toBe(200);
    expect(unconfigured.text).toContain('pm_collab_connections');
  });

  it('counts open connections and documents, stores with their latency, and refusals by reason', async () => {
    const { id, name } = await seedDocument(db.orm);
    const client = connect(collab.url, name, await tokenFor(id));
    await waitFor(() => client.synced, 'sync');
    appendParagraph(client, 'measured edit');
    await waitFor(async () => (await readRow(db.orm, id))?.text.includes('measured edit'), 'stored');

    const badToken = connect(collab.url, name, 'not-a-token');
    const otherDoc = connect(collab.url, name, await tokenFor((await seedDocument(db.orm)).id));
    await waitFor(() => badToken.authFailed && otherDoc.authFailed, 'both refused');
    badToken.destroy();
    otherDoc.destroy();

    const { status, text } = await scrape();
    expect(status).toBe(200);
    expect(sample(text, 'pm_collab_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'pm_collab_documents')).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'pm_collab_store_duration_seconds_count', { outcome: 'stored' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'pm_collab_refusals_total', { reason: REFUSAL.TOKEN_INVALID })).toBe(1);
    expect(sample(text, 'pm_collab_refusals_total', { reason: REFUSAL.DOCUMENT_MISMATCH })).toBe(1);
    expect(sample(text, 'pm_process_cpu_user_seconds_total')).toBeGreaterThan(0);

    client.destroy();
    await expect.poll(async () => sample((await scrape()).text, 'pm_collab_connections')).toBe(0);
  });

  it('counts a store that fails while the database is down', async () => {
    const { id, name } = await seedDocument(db.orm);
    const client = connect(collab.url, name, await tokenFor(id));
    await waitFor(() => client.synced, 'sync');
    const sql = (q: string) => db.orm.em.getConnection().execute(q);
    await sql('alter table documents rename to documents_offline');
    try {
      appendParagraph(client, 'typed while the database was down');
      await expect
        .poll(async () => sample((await scrape()).text, 'pm_collab_store_failures_total'), {
          timeout: 30_000,
        })
        .toBeGreaterThanOrEqual(1);
    } finally {
      await sql('alter table documents_offline rename to documents');
    }
    await waitFor(
      async () => (await readRow(db.orm, id))?.text.includes('typed while the database'),
      'stored',
    );
    const { text } = await scrape();
    expect(
      sample(text, 'pm_collab_store_duration_seconds_count', { outcome: 'failed' }),
    ).toBeGreaterThanOrEqual(1);
    client.destroy();
  });
});
