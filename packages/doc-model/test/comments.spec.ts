import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addReply,
  countOpenThreads,
  createThread,
  decodeAnchor,
  deleteComment,
  editComment,
  encodeAnchor,
  listThreads,
  setResolved,
} from '../src/index.js';

const ada = { id: 'u-ada', name: 'Ada' };
const sam = { id: 'u-sam', name: 'Sam' };

/** Two peers exchanging every update, like two editors on one collab server. */
function peers() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
  return { a, b };
}

describe('inline comments', () => {
  it('keeps the anchor on the commented words while others type before and inside the text', () => {
    const { a, b } = peers();
    const textA = a.getText('t');
    textA.insert(0, 'The database failed over slowly.');
    const start = textA.toString().indexOf('failed over');
    const id = createThread(a, {
      from: encodeAnchor(Y.createRelativePositionFromTypeIndex(textA, start)),
      to: encodeAnchor(Y.createRelativePositionFromTypeIndex(textA, start + 'failed over'.length)),
      quote: 'failed over',
      author: ada,
      body: 'Why slowly?',
    });
    // concurrent edits on the other peer: text before the anchor and a deletion before it
    const textB = b.getText('t');
    textB.insert(0, 'At 10:02 ');
    textB.delete('At 10:02 The '.length, 'database '.length);
    textB.insert(0, '[SEV-2] ');

    const thread = listThreads(b).find((t) => t.id === id)!;
    const from = Y.createAbsolutePositionFromRelativePosition(decodeAnchor(thread.from), b)!.index;
    const to = Y.createAbsolutePositionFromRelativePosition(decodeAnchor(thread.to), b)!.index;
    expect(textB.toString().slice(from, to)).toBe('failed over');
    expect(textA.toString()).toBe(textB.toString());
  });

  it('threads replies from both peers, lets only the author edit or delete, and resolves / reopens', () => {
    const { a, b } = peers();
    const id = createThread(a, {
      from: new Uint8Array([0]),
      to: new Uint8Array([0]),
      quote: 'x',
      author: ada,
      body: 'first',
    });
    addReply(b, id, sam, 'reply from Sam');
    addReply(a, id, ada, 'reply from Ada');
    let [thread] = listThreads(b);
    expect(thread!.comments.map((c) => c.body)).toEqual(['first', 'reply from Sam', 'reply from Ada']);

    const samsComment = thread!.comments[1]!.id;
    expect(editComment(a, id, samsComment, ada.id, 'hijacked')).toBe(false);
    expect(deleteComment(a, id, samsComment, ada.id)).toBe(false);
    expect(editComment(b, id, samsComment, sam.id, 'edited by Sam')).toBe(true);
    [thread] = listThreads(a);
    expect(thread!.comments[1]).toMatchObject({ body: 'edited by Sam' });
    expect(thread!.comments[1]!.editedAt).not.toBeNull();

    expect(countOpenThreads(a)).toBe(1);
    setResolved(b, id, true, sam);
    expect(countOpenThreads(a)).toBe(0);
    expect(listThreads(a)[0]).toMatchObject({ resolved: true, resolvedBy: 'Sam' });
    setResolved(a, id, false, ada);
    expect(countOpenThreads(b)).toBe(1);

    expect(deleteComment(b, id, samsComment, sam.id)).toBe(true);
    expect(listThreads(a)[0]!.comments).toHaveLength(2);
  });

  it('survives a store/load round trip of the Y.Doc state (persisted with the document)', () => {
    const doc = new Y.Doc();
    createThread(doc, {
      from: new Uint8Array([1]),
      to: new Uint8Array([2]),
      quote: 'q',
      author: ada,
      body: 'kept',
    });
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(doc));
    expect(listThreads(loaded)[0]).toMatchObject({ quote: 'q', comments: [{ body: 'kept' }] });
    expect(listThreads(loaded)[0]!.from).toEqual(new Uint8Array([1]));
  });
});
