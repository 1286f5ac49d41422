import { addReply, createThread, setResolved, threadsOf, YJS_FRAGMENT } from '@pm/doc-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { touchesComments } from './comments-touch.js';
import { updateOf } from './frames.js';

const ADA = { id: 'ada', name: 'Ada' };

/** A server copy and a client copy of one document with text and a thread; returns them in sync. */
function pair() {
  const server = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('Seeded summary line')]);
  server.getXmlFragment(YJS_FRAGMENT).push([p]);
  const anchor = Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(p, 0));
  const threadId = createThread(server, {
    from: anchor,
    to: anchor,
    quote: 'Seeded',
    author: ADA,
    body: 'Why?',
  });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return {
    server,
    client,
    threadId,
    text: () => (client.getXmlFragment(YJS_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText,
  };
}

/** The update `change` makes on the client, as the server would receive it. */
function updateBy(client: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const on = (u: Uint8Array) => updates.push(u);
  client.on('update', on);
  change();
  client.off('update', on);
  return Y.mergeUpdates(updates);
}

describe('touchesComments (the fast path that lets ordinary typing skip the comment rules)', () => {
  it('is false for typing, deleting text and new paragraphs', () => {
    const { server, client, text } = pair();
    expect(
      touchesComments(
        server,
        updateBy(client, () => text().insert(7, 'typed ')),
      ),
    ).toBe(false);
    expect(
      touchesComments(
        server,
        updateBy(client, () => text().delete(0, 3)),
      ),
    ).toBe(false);
    const para = updateBy(client, () =>
      client.getXmlFragment(YJS_FRAGMENT).push([new Y.XmlElement('paragraph')]),
    );
    expect(touchesComments(server, para)).toBe(false);
  });

  it('is true for new threads, replies, resolving, edits and deletes of comments', () => {
    const { server, client, threadId } = pair();
    const cases = [
      () => addReply(client, threadId, ADA, 'more'),
      () => setResolved(client, threadId, true, ADA),
      () =>
        (threadsOf(client).get(threadId)!.get('comments') as Y.Array<Y.Map<unknown>>).get(0).set('body', 'x'),
      () => (threadsOf(client).get(threadId)!.get('comments') as Y.Array<Y.Map<unknown>>).delete(0, 1),
      () => threadsOf(client).delete(threadId),
      () =>
        createThread(client, {
          from: new Uint8Array(),
          to: new Uint8Array(),
          quote: '',
          author: ADA,
          body: 'b',
        }),
    ];
    for (const change of cases) {
      expect(touchesComments(server, updateBy(client, change))).toBe(true);
      Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    }
  });

  it('is true (take the slow path) for an update it cannot place', () => {
    const { server } = pair();
    const stranger = new Y.Doc();
    stranger.getXmlFragment(YJS_FRAGMENT).push([new Y.XmlElement('paragraph')]);
    const first = Y.encodeStateAsUpdate(stranger);
    const second = updateBy(stranger, () =>
      (stranger.getXmlFragment(YJS_FRAGMENT).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('x')]),
    );
    // Its parent is an item the server has never seen: unknown, so not skipped.
    expect(touchesComments(server, second)).toBe(true);
    // And while the server holds a pending (incomplete) update, everything takes the slow path.
    Y.applyUpdate(server, second);
    expect(touchesComments(server, first)).toBe(true);
  });
});

describe('updateOf (the Yjs update inside a Hocuspocus frame)', () => {
  it('reads sync step 2 and update frames, in Sync and SyncReply messages, and nothing else', () => {
    const frame = (type: number, step: number, payload: number[]) =>
      new Uint8Array([3, 100, 111, 99, type, step, payload.length, ...payload]);
    expect(Array.from(updateOf(frame(0, 2, [1, 2, 3]))!)).toEqual([1, 2, 3]);
    expect(Array.from(updateOf(frame(4, 1, [9]))!)).toEqual([9]);
    expect(updateOf(frame(0, 0, [9]))).toBeNull(); // step 1: a state vector
    expect(updateOf(frame(1, 2, [9]))).toBeNull(); // awareness
  });
});
