import { threadsOf } from '@pm/doc-model';
import * as Y from 'yjs';

/*
 * The comment rules the collab server enforces (the editor follows them too, see @pm/doc-model comments, but a
 * crafted client need not): anyone who may write starts threads and replies AS THEMSELVES, edits and deletes only
 * their OWN comments, and may resolve or reopen any thread. A thread disappears only with its last comment, so
 * deleting a thread is allowed only to the author of every comment still in it. Thread anchors, quote, author and
 * creation time never change after creation. Checked by comparing the comments map before and after an update.
 */

interface CommentState {
  authorId: unknown;
  /** Fields nobody may change once written: author name and creation time. */
  fixed: string;
  /** What its author may change: body and edit time. */
  editable: string;
}

interface ThreadState {
  authorId: unknown;
  /** Anchor, quote, author and creation time: fixed at creation. */
  fixed: string;
  comments: Map<string, CommentState>;
}

/** A thread as plain values, or 'invalid' when it does not have the shape the editor writes. */
type ThreadEntry = ThreadState | 'invalid';
export type CommentsState = Map<string, { entry: ThreadEntry; json: string }>;

const THREAD_KEYS = new Set([
  'from',
  'to',
  'quote',
  'resolved',
  'resolvedBy',
  'createdAt',
  'authorId',
  'comments',
]);
const COMMENT_KEYS = new Set(['id', 'authorId', 'authorName', 'body', 'createdAt', 'editedAt']);

const bytes = (v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v);

function threadEntry(t: unknown): ThreadEntry {
  if (!(t instanceof Y.Map)) return 'invalid';
  const keys = [...t.keys()];
  const list = t.get('comments');
  if (keys.some((k) => !THREAD_KEYS.has(k)) || !(list instanceof Y.Array)) return 'invalid';
  const comments = new Map<string, CommentState>();
  for (const c of list.toArray()) {
    if (!(c instanceof Y.Map) || [...c.keys()].some((k) => !COMMENT_KEYS.has(k))) return 'invalid';
    const id = c.get('id');
    if (typeof id !== 'string' || comments.has(id)) return 'invalid';
    comments.set(id, {
      authorId: c.get('authorId'),
      fixed: JSON.stringify([c.get('authorName'), c.get('createdAt')]),
      editable: JSON.stringify([c.get('body'), c.get('editedAt')]),
    });
  }
  return {
    authorId: t.get('authorId'),
    fixed: JSON.stringify(['from', 'to', 'quote', 'createdAt', 'authorId'].map((k) => bytes(t.get(k)))),
    comments,
  };
}

/** The comments map of `doc` as plain values (what the rules compare). */
export function commentsState(doc: Y.Doc): CommentsState {
  const out: CommentsState = new Map();
  threadsOf(doc).forEach((t, id) => {
    const json = t instanceof Y.Map ? JSON.stringify(t.toJSON(), (_k, v: unknown) => bytes(v)) : String(t);
    out.set(id, { entry: threadEntry(t), json });
  });
  return out;
}

/** Why the change from `before` to `after` breaks the rules for `userId`, or null when it is allowed. */
export function commentsViolation(
  before: CommentsState,
  after: CommentsState,
  userId: string,
): string | null {
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(id);
    const a = after.get(id);
    if (b && a && b.json === a.json) continue;
    if (a?.entry === 'invalid') return 'malformed thread';
    if (!b) {
      const t = a!.entry as ThreadState;
      if (t.authorId !== userId || [...t.comments.values()].some((c) => c.authorId !== userId))
        return 'thread created in another user’s name';
      continue;
    }
    if (b.entry === 'invalid') return 'changed a malformed thread';
    if (!a) {
      if ([...b.entry.comments.values()].some((c) => c.authorId !== userId))
        return 'deleted a thread with other users’ comments';
      continue;
    }
    const why = threadViolation(b.entry, a.entry as ThreadState, userId);
    if (why) return why;
  }
  return null;
}

/** Changes inside one thread: resolve/reopen by anyone; comments added, edited or deleted only by their author. */
function threadViolation(b: ThreadState, a: ThreadState, userId: string): string | null {
  if (a.fixed !== b.fixed) return 'changed a thread’s anchor, quote or author';
  for (const id of new Set([...b.comments.keys(), ...a.comments.keys()])) {
    const cb = b.comments.get(id);
    const ca = a.comments.get(id);
    if (cb && ca && cb.fixed === ca.fixed && cb.editable === ca.editable && cb.authorId === ca.authorId)
      continue;
    if (!ca) {
      if (cb!.authorId !== userId) return 'deleted another user’s comment';
    } else if (!cb) {
      if (ca.authorId !== userId) return 'replied in another user’s name';
    } else if (cb.authorId !== userId || ca.authorId !== userId || cb.fixed !== ca.fixed) {
      return 'edited another user’s comment';
    }
  }
  return null;
}

/** Whether anything in the comments map differs (a read-only user may not change anything there). */
export function commentsChanged(before: CommentsState, after: CommentsState): boolean {
  if (before.size !== after.size) return true;
  for (const [id, b] of before) if (after.get(id)?.json !== b.json) return true;
  return false;
}
