import * as Y from 'yjs';

/**
 * Inline comments live in a Y.Map named {@link COMMENTS_MAP} inside the SAME Y.Doc as the content.
 *
 * Why not a Tiptap mark: marks are content, so copy/paste duplicates them, deleting text silently drops threads,
 * restoring an old version would resurrect stale marks, and read-only viewers would need schema changes. Here each
 * thread stores its anchor as two Yjs RelativePositions (start/end of the selection, encoded bytes). A relative
 * position points at an item (character), not an offset, so concurrent inserts and deletes around the text move
 * the anchor with it, and it resolves on every peer to the same place. Because the map is part of the Y.Doc,
 * comments are synced, persisted, loaded, snapshotted and access-checked exactly like the text, and read-only
 * connections cannot add any (the server drops their updates).
 *
 * Threads are Y.Maps and replies a Y.Array of Y.Maps, so two people replying at once both land (no last-writer-wins
 * on a whole thread).
 */
export const COMMENTS_MAP = 'comments';

export interface CommentAuthor {
  id: string;
  name: string;
}

/** Plain view of one comment (what the side panel renders). */
export interface CommentView {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
}

/** Plain view of one thread. `from`/`to` are encoded RelativePositions (see {@link encodeAnchor}). */
export interface ThreadView {
  id: string;
  from: Uint8Array;
  to: Uint8Array;
  quote: string;
  resolved: boolean;
  resolvedBy: string | null;
  createdAt: string;
  authorId: string;
  comments: CommentView[];
}

type YThread = Y.Map<unknown>;

/** The shared map of threads (threadId → thread). */
export const threadsOf = (doc: Y.Doc): Y.Map<YThread> => doc.getMap<YThread>(COMMENTS_MAP);

const newId = (): string =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Encodes a RelativePosition for storage in the map. */
export const encodeAnchor = (pos: Y.RelativePosition): Uint8Array => Y.encodeRelativePosition(pos);
/** Decodes an anchor stored by {@link encodeAnchor}. */
export const decodeAnchor = (bytes: Uint8Array): Y.RelativePosition => Y.decodeRelativePosition(bytes);

function commentMap(author: CommentAuthor, body: string, now: string): Y.Map<unknown> {
  const c = new Y.Map<unknown>();
  c.set('id', newId());
  c.set('authorId', author.id);
  c.set('authorName', author.name);
  c.set('body', body);
  c.set('createdAt', now);
  c.set('editedAt', null);
  return c;
}

/** Starts a thread on the selection `from`..`to` with its first comment; returns the thread id. */
export function createThread(
  doc: Y.Doc,
  input: { from: Uint8Array; to: Uint8Array; quote: string; author: CommentAuthor; body: string },
): string {
  const id = newId();
  const now = new Date().toISOString();
  doc.transact(() => {
    const t = new Y.Map<unknown>();
    t.set('from', input.from);
    t.set('to', input.to);
    t.set('quote', input.quote.slice(0, 500));
    t.set('resolved', false);
    t.set('resolvedBy', null);
    t.set('createdAt', now);
    t.set('authorId', input.author.id);
    const comments = new Y.Array<Y.Map<unknown>>();
    comments.push([commentMap(input.author, input.body, now)]);
    t.set('comments', comments);
    threadsOf(doc).set(id, t);
  });
  return id;
}

const commentsOf = (t: YThread) => t.get('comments') as Y.Array<Y.Map<unknown>>;

/** Appends a reply; returns its id, or null when the thread no longer exists. */
export function addReply(doc: Y.Doc, threadId: string, author: CommentAuthor, body: string): string | null {
  const t = threadsOf(doc).get(threadId);
  if (!t) return null;
  const c = commentMap(author, body, new Date().toISOString());
  commentsOf(t).push([c]);
  return c.get('id') as string;
}

function findComment(doc: Y.Doc, threadId: string, commentId: string) {
  const t = threadsOf(doc).get(threadId);
  if (!t) return null;
  const arr = commentsOf(t);
  const index = arr.toArray().findIndex((c) => c.get('id') === commentId);
  return index < 0 ? null : { t, arr, index, c: arr.get(index) };
}

/** Edits a comment's body; only its author may (returns false otherwise). */
export function editComment(
  doc: Y.Doc,
  threadId: string,
  commentId: string,
  userId: string,
  body: string,
): boolean {
  const found = findComment(doc, threadId, commentId);
  if (!found || found.c.get('authorId') !== userId) return false;
  doc.transact(() => {
    found.c.set('body', body);
    found.c.set('editedAt', new Date().toISOString());
  });
  return true;
}

/** Deletes a comment (only its author may); a thread whose last comment is deleted disappears. */
export function deleteComment(doc: Y.Doc, threadId: string, commentId: string, userId: string): boolean {
  const found = findComment(doc, threadId, commentId);
  if (!found || found.c.get('authorId') !== userId) return false;
  doc.transact(() => {
    found.arr.delete(found.index, 1);
    if (found.arr.length === 0) threadsOf(doc).delete(threadId);
  });
  return true;
}

/** Resolves or reopens a thread (anyone who can edit may; resolved threads stay in the comment history). */
export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean, by: CommentAuthor): boolean {
  const t = threadsOf(doc).get(threadId);
  if (!t) return false;
  doc.transact(() => {
    t.set('resolved', resolved);
    t.set('resolvedBy', resolved ? by.name : null);
  });
  return true;
}

/** Every thread as plain data, oldest first. */
export function listThreads(doc: Y.Doc): ThreadView[] {
  const out: ThreadView[] = [];
  threadsOf(doc).forEach((t, id) => {
    out.push({
      id,
      from: t.get('from') as Uint8Array,
      to: t.get('to') as Uint8Array,
      quote: String(t.get('quote') ?? ''),
      resolved: t.get('resolved') === true,
      resolvedBy: (t.get('resolvedBy') as string | null) ?? null,
      createdAt: String(t.get('createdAt') ?? ''),
      authorId: String(t.get('authorId') ?? ''),
      comments: commentsOf(t)
        .toArray()
        .map((c) => ({
          id: String(c.get('id')),
          authorId: String(c.get('authorId')),
          authorName: String(c.get('authorName')),
          body: String(c.get('body')),
          createdAt: String(c.get('createdAt')),
          editedAt: (c.get('editedAt') as string | null) ?? null,
        })),
    });
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Open (unresolved) threads: the count shown in the postmortem list. */
export function countOpenThreads(doc: Y.Doc): number {
  let n = 0;
  threadsOf(doc).forEach((t) => {
    if (t.get('resolved') !== true) n++;
  });
  return n;
}

/** Everyone who wrote a comment in a stored Yjs state (id + name as the comment recorded it). */
export function commentAuthorsOfState(state: Uint8Array): Array<{ id: string; name: string }> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const out = new Map<string, string>();
    for (const t of listThreads(doc))
      for (const c of t.comments) out.set(`${c.authorId}\n${c.authorName}`, c.authorId);
    return [...out.entries()].map(([key, id]) => ({ id, name: key.slice(id.length + 1) }));
  } finally {
    doc.destroy();
  }
}
