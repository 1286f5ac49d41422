// Server-enforced comment rules (issue 13 part 5): crafted Yjs clients that bypass the editor's own checks are
// refused with COMMENT_REJECTED, and nothing of their change reaches another client or the database.
import { randomUUID } from 'node:crypto';
import { CLOSE_REASON } from '@pm/contracts';
import { Document as DocumentRow } from '@pm/db';
import { addReply, createThread, editComment, listThreads, setResolved, threadsOf } from '@pm/doc-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CollabServer } from '../src/server.js';
import {
  appendParagraph,
  connect,
  createTestDb,
  fragmentText,
  readRow,
  seedDocument,
  startServer,
  tokenFor,
  waitFor,
  type TestClient,
  type TestDb,
} from './helpers.js';

const ADA = { id: randomUUID(), name: 'Ada' };
const BOB = { id: randomUUID(), name: 'Bob' };
/** A real anchor (the server decodes anchors, e.g. to count comments on stored text). */
const ANCHOR = Y.encodeRelativePosition(
  Y.createRelativePositionFromTypeIndex(new Y.Doc().getXmlFragment('x'), 0),
);

describe('comment rules enforced by the collab server', () => {
  let db: TestDb;
  let collab: CollabServer;
  let doc: { id: string; name: string };
  let ada: TestClient;
  let observer: TestClient;
  let threadId: string;
  let adaCommentId: string;

  /** A client for `user`, synced, that records the reason the server closes its document with. */
  async function client(user: { id: string; name: string }, readOnly = false) {
    const c = connect(
      collab.url,
      doc.name,
      await tokenFor(doc.id, { sub: user.id, name: user.name, ro: readOnly }),
    );
    const closed: { reason: string | null } = { reason: null };
    c.provider.on('close', ({ event }: { event: { reason: string } }) => (closed.reason ??= event.reason));
    await waitFor(() => c.synced, `${user.name} synced`);
    return { c, closed };
  }

  /** Threads as stored in the database row (what a reload would show). */
  async function storedThreads() {
    const row = await db.orm.em
      .fork()
      .findOneOrFail(DocumentRow, { id: doc.id }, { populate: ['yState'] as never });
    const d = new Y.Doc();
    Y.applyUpdate(d, new Uint8Array(row.yState));
    return listThreads(d);
  }

  /**
   * Runs a crafted change as Bob and expects the refusal: his document is closed with COMMENT_REJECTED, the
   * observer's threads stay as they were, and after a later legitimate edit is stored, the stored threads too.
   */
  async function expectRefused(change: (d: Y.Doc) => void, readOnly = false) {
    const before = JSON.stringify(listThreads(observer.doc));
    const { c, closed } = await client(BOB, readOnly);
    change(c.doc);
    await waitFor(() => closed.reason, 'the crafted client is closed');
    expect(closed.reason).toBe(CLOSE_REASON.COMMENT_REJECTED);
    c.destroy();
    const marker = `stored after refusal ${randomUUID()}`;
    appendParagraph(ada, marker);
    await waitFor(() => fragmentText(observer).includes(marker), 'a later edit relayed');
    await waitFor(async () => (await readRow(db.orm, doc.id))?.text.includes(marker), 'a later edit stored');
    expect(JSON.stringify(listThreads(observer.doc))).toBe(before);
    expect(JSON.stringify(await storedThreads())).toBe(before);
    expect(JSON.stringify(listThreads(ada.doc))).toBe(before);
  }

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    collab = await startServer(db);
    doc = await seedDocument(db.orm);
    ada = (await client(ADA)).c;
    observer = (await client({ id: randomUUID(), name: 'Observer' })).c;
  });
  afterAll(async () => {
    ada?.destroy();
    observer?.destroy();
    await collab?.stop();
    await db?.dispose();
  });

  it('(e) accepts a thread in one’s own name, an own reply and edit, and anyone resolving or reopening', async () => {
    threadId = createThread(ada.doc, {
      from: ANCHOR,
      to: ANCHOR,
      quote: 'Seeded',
      author: ADA,
      body: 'Why?',
    });
    adaCommentId = listThreads(ada.doc)[0]!.comments[0]!.id;
    expect(editComment(ada.doc, threadId, adaCommentId, ADA.id, 'Why, exactly?')).toBe(true);
    const { c: bob, closed } = await client(BOB);
    await waitFor(() => listThreads(bob.doc).length === 1, 'Bob sees the thread');
    addReply(bob.doc, threadId, BOB, 'Pool exhaustion');
    setResolved(bob.doc, threadId, true, BOB);
    await waitFor(() => listThreads(observer.doc)[0]?.resolved, 'observer sees it resolved');
    setResolved(bob.doc, threadId, false, BOB);
    await waitFor(() => listThreads(observer.doc)[0]?.resolved === false, 'observer sees it reopened');
    const [t] = listThreads(observer.doc);
    expect(t!.comments.map((c) => [c.authorName, c.body])).toEqual([
      ['Ada', 'Why, exactly?'],
      ['Bob', 'Pool exhaustion'],
    ]);
    expect(closed.reason).toBeNull();
    await waitFor(async () => (await storedThreads())[0]?.comments.length === 2, 'stored');
    bob.destroy();
  });

  it('(a) refuses editing another user’s comment body', async () => {
    await expectRefused((d) => {
      const c = (threadsOf(d).get(threadId)!.get('comments') as Y.Array<Y.Map<unknown>>).get(0);
      c.set('body', 'Bob rewrote Ada');
    });
  });

  it('(b) refuses deleting a thread holding another user’s comment', async () => {
    await expectRefused((d) => threadsOf(d).delete(threadId));
  });

  it('(c) refuses a thread in someone else’s name', async () => {
    await expectRefused((d) => {
      createThread(d, { from: ANCHOR, to: ANCHOR, quote: 'x', author: ADA, body: 'Ada never said this' });
    });
  });

  it('(c) refuses a reply in someone else’s name', async () => {
    await expectRefused((d) => addReply(d, threadId, ADA, 'Ada never said this either'));
  });

  it('(d) refuses a read-only user resolving a thread', async () => {
    await expectRefused((d) => setResolved(d, threadId, true, BOB), true);
  });

  it('passes ordinary text edits and own-comment deletes of the same client untouched', async () => {
    const { c: bob, closed } = await client(BOB);
    appendParagraph(bob, 'Bob types in the document');
    await waitFor(() => fragmentText(observer).includes('Bob types in the document'), 'text relayed');
    const mine = listThreads(bob.doc)[0]!.comments.find((c) => c.authorName === 'Bob')!;
    const arr = threadsOf(bob.doc).get(threadId)!.get('comments') as Y.Array<Y.Map<unknown>>;
    arr.delete(
      arr.toArray().findIndex((c) => c.get('id') === mine.id),
      1,
    );
    await waitFor(() => listThreads(observer.doc)[0]?.comments.length === 1, 'own reply deleted');
    expect(closed.reason).toBeNull();
    bob.destroy();
  });
});
