import {
  addReply,
  createThread,
  decodeAnchor,
  deleteComment,
  editComment,
  encodeAnchor,
  listThreads,
  setResolved,
  threadsOf,
  type CommentAuthor,
  type ThreadView,
} from '@pm/doc-model';
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

/** A thread as the side panel shows it (anchor bytes stay inside the session). */
export type ThreadSummary = Omit<ThreadView, 'from' | 'to'> & { detached: boolean };

/** Comment operations of one editor session; all go through the shared Y.Doc (see @pm/doc-model comments). */
export interface CommentsApi {
  list(): ThreadSummary[];
  /** Starts a thread on the current selection; false when nothing is selected. */
  addOnSelection(body: string): boolean;
  reply(threadId: string, body: string): void;
  edit(threadId: string, commentId: string, body: string): boolean;
  remove(threadId: string, commentId: string): boolean;
  setResolved(threadId: string, resolved: boolean): void;
  /** Selects the commented text in the editor. */
  focus(threadId: string): void;
}

const highlightKey = new PluginKey<DecorationSet>('pm-comment-highlights');

function binding(state: EditorState) {
  return ySyncPluginKey.getState(state)?.binding as
    { mapping: Map<unknown, unknown>; doc: Y.Doc; type: Y.XmlFragment } | undefined;
}

/** Resolves a thread's anchors to ProseMirror positions in `state` (null when the text is gone). */
function rangeOf(state: EditorState, t: ThreadView): { from: number; to: number } | null {
  const b = binding(state);
  if (!b) return null;
  const from = relativePositionToAbsolutePosition(b.doc, b.type, decodeAnchor(t.from), b.mapping as never);
  const to = relativePositionToAbsolutePosition(b.doc, b.type, decodeAnchor(t.to), b.mapping as never);
  return from === null || to === null || to <= from ? null : { from, to };
}

/** Highlights the text of open threads; rebuilt on every transaction (threads are few). */
export function commentHighlights(doc: Y.Doc): Extension {
  return Extension.create({
    name: 'pmCommentHighlights',
    addProseMirrorPlugins() {
      const build = (state: EditorState) =>
        DecorationSet.create(
          state.doc,
          listThreads(doc)
            .filter((t) => !t.resolved)
            .map((t) => ({ t, r: rangeOf(state, t) }))
            .filter((x): x is { t: ThreadView; r: { from: number; to: number } } => !!x.r)
            .map(({ t, r }) =>
              Decoration.inline(r.from, r.to, { class: 'pm-comment-mark', 'data-thread-id': t.id }),
            ),
        );
      return [
        new Plugin({
          key: highlightKey,
          state: { init: (_c, state) => build(state), apply: (_tr, _old, _o, state) => build(state) },
          props: { decorations: (state) => highlightKey.getState(state) },
        }),
      ];
    },
  });
}

/** Whether a new thread can anchor on the selection: a collapsed cursor has no text to comment on. */
const hasSelectedText = (state: EditorState) => !state.selection.empty;

/**
 * Binds comment operations to an editor, its Y.Doc and the signed-in user; `onChange` fires on any thread change,
 * `onSelection` whenever the editor's selection changes, with whether it holds text a thread can anchor on.
 */
export function commentsApi(
  editor: Editor,
  doc: Y.Doc,
  me: CommentAuthor,
  onChange: () => void,
  onSelection: (hasText: boolean) => void = () => undefined,
): CommentsApi & { dispose(): void } {
  const map = threadsOf(doc);
  // The editor takes a selection made with the keyboard or mouse when the browser reports it (an asynchronous
  // selectionchange event), so the panel follows the editor's state rather than assuming the selection is there.
  const selectionListener = () => onSelection(hasSelectedText(editor.state));
  editor.on('selectionUpdate', selectionListener);
  onSelection(hasSelectedText(editor.state));
  const observer = () => {
    // Re-run decorations, then tell the panel; deferred so we never dispatch inside a Yjs/y-prosemirror update.
    queueMicrotask(() => {
      if (editor.isDestroyed) return;
      editor.view.dispatch(editor.state.tr.setMeta('pm-comments', true));
      onChange();
    });
  };
  map.observeDeep(observer);
  return {
    list: () =>
      listThreads(doc).map(({ from: _f, to: _t, ...rest }) => ({
        ...rest,
        detached: rangeOf(editor.state, { ...rest, from: _f, to: _t }) === null,
      })),
    addOnSelection(body) {
      const { from, to } = editor.state.selection;
      const b = binding(editor.state);
      if (!hasSelectedText(editor.state) || !b || !body.trim()) return false;
      createThread(doc, {
        from: encodeAnchor(absolutePositionToRelativePosition(from, b.type, b.mapping as never)),
        to: encodeAnchor(absolutePositionToRelativePosition(to, b.type, b.mapping as never)),
        quote: editor.state.doc.textBetween(from, to, ' '),
        author: me,
        body: body.trim(),
      });
      return true;
    },
    reply: (id, body) => void addReply(doc, id, me, body.trim()),
    edit: (id, cid, body) => editComment(doc, id, cid, me.id, body.trim()),
    remove: (id, cid) => deleteComment(doc, id, cid, me.id),
    setResolved: (id, resolved) => void setResolved(doc, id, resolved, me),
    focus(id) {
      const t = listThreads(doc).find((x) => x.id === id);
      const r = t && rangeOf(editor.state, t);
      if (r) editor.chain().focus().setTextSelection(r).scrollIntoView().run();
    },
    dispose() {
      map.unobserveDeep(observer);
      editor.off('selectionUpdate', selectionListener);
    },
  };
}
