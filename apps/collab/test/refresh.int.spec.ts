import {
  applyRefresh,
  incidentDataNode,
  jsonToText,
  liveIncidentDataBlocks,
  planRefresh,
  yDocToJson,
  type JSONContent,
} from '@pm/doc-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CollabServer } from '../src/server.js';
import {
  connect,
  createTestDb,
  readRow,
  seedDocument,
  startServer,
  tokenFor,
  waitFor,
  type TestClient,
  type TestDb,
} from './helpers.js';

const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const list = (...items: string[]): JSONContent => ({
  type: 'bulletList',
  content: items.map((t) => ({ type: 'listItem', content: [p(t)] })),
});

/** The XmlText of the n-th top-level paragraph (the text people type into). */
const paragraphText = (c: TestClient, index: number): Y.XmlText =>
  (c.fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;

/**
 * "Refresh from incident" is applied by one editor as one Yjs transaction that replaces only the inside of the
 * marked blocks. Two other real Hocuspocus clients keep typing (before, during and after it, their updates crossing
 * the refresh on the wire): every character they typed must survive, on every client and in the stored document.
 */
describe('refresh while others are typing', () => {
  let db: TestDb;
  let collab: CollabServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    collab = await startServer(db);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await collab?.stop();
    await db?.dispose();
  });

  it('keeps every typed character and applies the refresh everywhere', async () => {
    const seeded = await seedDocument(db.orm, {
      type: 'doc',
      content: [
        p('Summary:'),
        incidentDataNode('timeline', [list('10:00 Alert fired', '10:30 Rolled back')], 'tl'),
        p('Analysis:'),
        incidentDataNode('customer_impact', [list('Checkout failed (2h)')], 'imp'),
      ],
    });
    const url = collab.url;
    const [ada, grace, refresher] = await Promise.all(
      ['Ada', 'Grace', 'Rita'].map(async (name) => {
        const c = connect(url, seeded.name, await tokenFor(seeded.id, { name }));
        clients.push(c);
        return c;
      }),
    );
    await waitFor(() => ada!.synced && grace!.synced && refresher!.synced, 'all three clients synced');

    const adaTyped = ' the deploy of 10:02 broke checkout';
    const graceTyped = ' a missing index made the retries pile up';
    let refreshed: string[] = [];
    // Type one character per tick on both clients; the refresh lands in the middle of it.
    for (let i = 0; i < Math.max(adaTyped.length, graceTyped.length); i++) {
      const a = paragraphText(ada!, 0);
      if (i < adaTyped.length) a.insert(a.length, adaTyped[i]!);
      const g = paragraphText(grace!, 2);
      if (i < graceTyped.length) g.insert(g.length, graceTyped[i]!);
      if (i === 12) {
        // The refresher plans and applies on its own copy, while the typists' latest updates are still in flight.
        const plan = planRefresh(
          liveIncidentDataBlocks(refresher!.doc),
          new Map([
            ['timeline', [list('10:00 Alert fired', '10:30 Rolled back', '10:45 Timeline note added later')]],
            ['customer_impact', [list('Checkout failed (2h)')]],
          ]),
        );
        expect(plan.map((x) => x.status)).toEqual(['will_update', 'unchanged']);
        refreshed = applyRefresh(
          refresher!.doc,
          plan
            .filter((x) => x.status !== 'unchanged')
            .map((x) => ({ blockId: x.blockId, content: x.content, expectedHash: x.currentHash })),
          'refresh',
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(refreshed).toEqual(['tl']);

    const expected = [`Summary:${adaTyped}`, '10:45 Timeline note added later', `Analysis:${graceTyped}`];
    for (const c of [ada!, grace!, refresher!]) {
      await waitFor(() => {
        const text = jsonToText(yDocToJson(c.doc));
        return expected.every((e) => text.includes(e));
      }, 'every client to hold both typists’ text and the refreshed block');
    }
    // Converged: the three copies are the same document.
    const texts = [ada!, grace!, refresher!].map((c) => jsonToText(yDocToJson(c.doc)));
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toContain('Checkout failed (2h)');
    // …and the stored document (what a reload or an export reads) has all of it too.
    await waitFor(
      async () => {
        const row = await readRow(db.orm, seeded.id);
        const text = row?.text ?? '';
        return expected.every((e) => text.includes(e));
      },
      'the stored document to hold everything',
      10_000,
    );
  });
});
