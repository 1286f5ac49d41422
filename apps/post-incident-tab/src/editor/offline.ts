import { DISCARD_OFFLINE_REASONS, offlineDbName } from '@pm/contracts';
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/*
 * The offline copy of an open document: every local and remote change of the Y.Doc is also written to IndexedDB
 * (y-indexeddb), one database per document AND user, so edits made while the connection is down survive closing
 * the tab. The next time the same user opens the document, the copy is loaded into the fresh Y.Doc and the normal
 * Yjs sync with the server merges it (the server receives whatever it does not have yet).
 *
 * The server still decides: when it refuses the user (access revoked, document gone) or refuses the change itself
 * (too large, breaks the comment rules), the copy is deleted, so a refused change is never resent and a user who
 * lost access keeps no copy around.
 */
export interface OfflineCopy {
  /** The transaction origin of edits loaded from the copy (they are not new edits of this session). */
  readonly origin: unknown;
  /** Resolves once the stored edits are in the Y.Doc (immediately useful for tests; the editor does not wait). */
  readonly loaded: Promise<void>;
  /** Deletes the stored copy and stops writing to it. */
  discard(): Promise<void>;
  /** Stops writing (the stored copy stays for next time). */
  destroy(): Promise<void>;
}

/** Keeps `doc` in IndexedDB as `documentName` of `userId`. */
export function keepOffline(doc: Y.Doc, documentName: string, userId: string): OfflineCopy {
  const name = offlineDbName(documentName, userId);
  const persistence = new IndexeddbPersistence(name, doc);
  return {
    origin: persistence,
    loaded: persistence.whenSynced.then(() => undefined),
    // Not clearData(): it does not wait for the database to be deleted.
    discard: () => persistence.destroy().then(() => clearDocument(name)),
    destroy: () => persistence.destroy(),
  };
}

/** Whether a refusal or close reason means the offline copy must go (see DISCARD_OFFLINE_REASONS). */
export const discardsOfflineCopy = (reason: string | undefined): boolean =>
  !!reason && (DISCARD_OFFLINE_REASONS as readonly string[]).includes(reason);
