import { closeReasonOf, type CollabGrant } from '@pm/contracts';
import { docExtensions, YJS_FRAGMENT } from '@pm/doc-model';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { Editor } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import * as Y from 'yjs';
import { commentHighlights, commentsApi, type CommentsApi, type ThreadSummary } from './comments.js';
import type { LiveCardSource } from './card-source.js';
import { liveIncidentCard } from './incident-card.js';
import { liveFollowUps } from './follow-ups-block.js';
import { AiSuggestionView } from './ai-suggestion.js';
import { blamelessWording } from './blameless.js';
import { discardsOfflineCopy, keepOffline, type OfflineCopy } from './offline.js';
import { REFRESH_ORIGIN, refreshOps, type RefreshOps } from './refresh.js';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import type { LiveFollowUpsSource } from './follow-ups-source.js';

/** Connection state shown above the editor. */
export type CollabStatus = 'connecting' | 'connected' | 'disconnected' | 'synced' | 'denied';

/** One person present in the document (from awareness). */
export interface Presence {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

export interface CollabCallbacks {
  onStatus(status: CollabStatus, reason?: string): void;
  onPresence(people: Presence[]): void;
  /** Returns a valid token for the same document (the tab re-issues one when the grant is about to expire). */
  getToken(): Promise<string>;
  /** Comment threads changed (local or remote). */
  onComments?(threads: ThreadSummary[]): void;
  /** The editor's selection changed; `hasText` tells whether a comment can be started on it. */
  onSelection?(hasText: boolean): void;
  /** Live values for incident card blocks (polled by the tab while the document is open). */
  cards?: LiveCardSource;
  /** The incident's live follow-ups for follow-ups blocks (the tab's store). */
  followUps?: LiveFollowUpsSource;
  /** A stateless message from the collab server (JSON text; e.g. the incident's follow-ups after a change). */
  onStateless?(payload: string): void;
  /** Local changes the server has not acknowledged yet (edits made offline wait here, kept in IndexedDB). */
  onPending?(count: number): void;
}

/** What the component keeps: only a way to tear down (the Y.Doc, provider and editor never enter Vue state). */
export interface CollabSession {
  comments: CommentsApi;
  /** For the formatting UI (toolbar, menus); kept out of Vue state like the rest of the session. */
  editor: Editor;
  /** The IndexedDB copy of a writer's edits (null for read-only grants, which cannot edit). */
  offline: OfflineCopy | null;
  /** "Refresh from incident" on the live document. */
  refresh: RefreshOps;
  destroy(): void;
}

/**
 * Connects a Tiptap editor in `element` to the collab server: one Y.Doc, one HocuspocusProvider, the shared
 * doc-model schema plus Collaboration (field YJS_FRAGMENT) and CollaborationCaret (name + colour from the grant).
 * Lives in its own chunk so the list view loads without Tiptap.
 */
export function startCollab(element: HTMLElement, grant: CollabGrant, cb: CollabCallbacks): CollabSession {
  const doc = new Y.Doc();
  let synced = false;
  // Edits of this session the server has not acknowledged yet. Not the provider's own counter: it restarts at 1
  // on every connection attempt, so a flaky network would show "1 pending" after an hour of offline typing.
  let pending = 0;
  // Before the provider: edits kept from an earlier, disconnected session load into the doc and sync from there.
  const offline = grant.readOnly ? null : keepOffline(doc, grant.documentName, grant.user.id);
  /** The server refused this user or this change for good: stop, and drop the copy that would be resent. */
  const refuse = (reason: string) => {
    editor.setEditable(false);
    provider.disconnect();
    if (discardsOfflineCopy(reason)) void offline?.discard();
    cb.onStatus('denied', reason);
  };
  const provider = new HocuspocusProvider({
    url: grant.collabUrl,
    name: grant.documentName,
    document: doc,
    token: () => cb.getToken(),
    onStatus: ({ status }) => cb.onStatus(status === 'connected' && synced ? 'synced' : status),
    onSynced: ({ state }) => {
      synced = state;
      if (state) cb.onStatus('synced');
    },
    onAuthenticationFailed: ({ reason }) =>
      discardsOfflineCopy(reason) ? refuse(reason) : cb.onStatus('denied', reason),
    // Everything acknowledged: nothing is pending any more (see the count below).
    onUnsyncedChanges: ({ number }) => number === 0 && pending > 0 && cb.onPending?.((pending = 0)),
    onStateless: ({ payload }) => cb.onStateless?.(payload),
    // A document-level close from the server (access revoked, edit over the size cap) or a frame over maxPayload.
    onClose: ({ event }) => {
      const reason = closeReasonOf(event);
      if (!reason) return;
      // Stop here: retrying would resend the same refused change (or hit the same revoked access) forever.
      refuse(reason);
    },
    onAwarenessChange: ({ states }) =>
      cb.onPresence(
        states
          .filter((s) => s.user && typeof s.user === 'object')
          .map((s) => {
            const user = s.user as { name?: unknown; color?: unknown };
            return {
              clientId: s.clientId,
              name: String(user.name ?? 'Someone'),
              color: String(user.color ?? '#888'),
              self: s.clientId === doc.clientID,
            };
          }),
      ),
  });

  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || (offline && origin === offline.origin)) return;
    cb.onPending?.(++pending);
  });

  const editor = new Editor({
    element,
    editable: !grant.readOnly,
    extensions: [
      // Live blocks (card, follow-ups) get live node views when the tab provides their data source.
      ...docExtensions().filter(
        (e) =>
          !(cb.cards && e.name === 'incidentCard') &&
          !(cb.followUps && e.name === 'followUps') &&
          e.name !== 'aiSuggestion',
      ),
      AiSuggestionView,
      ...(cb.cards ? [liveIncidentCard(cb.cards)] : []),
      ...(cb.followUps ? [liveFollowUps(cb.followUps)] : []),
      Collaboration.configure({
        document: doc,
        field: YJS_FRAGMENT,
        yUndoOptions: { trackedOrigins: [REFRESH_ORIGIN] },
      }),
      CollaborationCaret.configure({ provider, user: { name: grant.user.name, color: grant.user.color } }),
      commentHighlights(doc),
      blamelessWording,
    ],
    editorProps: {
      attributes: {
        'data-testid': 'pm-editor',
        'aria-label': 'Postmortem document',
        'aria-readonly': String(grant.readOnly),
        class: 'pm-prose',
      },
    },
  });

  const comments = commentsApi(
    editor,
    doc,
    { id: grant.user.id, name: grant.user.name },
    () => cb.onComments?.(comments.list()),
    (hasText) => cb.onSelection?.(hasText),
  );
  const refresh = refreshOps(doc, provider, () =>
    (
      yUndoPluginKey.getState(editor.state) as { undoManager?: { stopCapturing(): void } } | undefined
    )?.undoManager?.stopCapturing(),
  );
  return {
    comments,
    editor,
    offline,
    refresh,
    destroy() {
      comments.dispose();
      editor.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}
