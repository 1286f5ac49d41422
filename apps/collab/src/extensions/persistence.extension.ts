import type {
  Extension,
  onAuthenticatePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import { documentIdFromName } from '@pm/contracts';
import { Document as DocumentRow, loadDocumentState, storeDocumentState, type Orm } from '@pm/db';
import { countOpenThreads, jsonToText, yDocToJson } from '@pm/doc-model';
import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import type { CollabMetrics } from '../metrics.js';
import type { AutoSnapshots } from '../snapshots.js';
import type { CollabContext } from './auth.extension.js';
import { Refusal, REFUSAL } from '../refusals.js';

export interface PersistenceExtensionOptions {
  /** Read lazily: the ORM may be opened after the server is built. */
  orm: { readonly orm: Orm };
  logger: Logger;
  /** How long after a failed store (database down) the next attempt runs. */
  storeRetryMs?: number;
  snapshots?: AutoSnapshots;
  metrics?: CollabMetrics;
}

const idOf = (documentName: string): string => {
  const id = documentIdFromName(documentName);
  if (!id) throw new Refusal(REFUSAL.DOCUMENT_NOT_FOUND);
  return id;
};

/**
 * Loads and stores documents through @pm/db: Yjs state + Tiptap JSON + plain text in one write.
 * Never creates a document (the worker seeds each one exactly once) and never lets a failed load look like an
 * empty document: any load problem refuses the connection, so Hocuspocus has nothing to store over real content.
 */
export class PersistenceExtension implements Extension {
  readonly extensionName = 'pm-persistence';

  /** Documents whose last store failed, with their pending retry. */
  private readonly retries = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: PersistenceExtensionOptions) {}

  /** Refuses unknown documents before the client is told it is authenticated (runs after the auth extension). */
  async onAuthenticate({ documentName }: onAuthenticatePayload): Promise<void> {
    const id = idOf(documentName);
    let count: number;
    try {
      count = await this.options.orm.orm.em.fork().count(DocumentRow, { id });
    } catch (err) {
      this.options.logger.error({ err, documentName }, 'document lookup failed');
      throw new Refusal(REFUSAL.DATABASE_UNAVAILABLE);
    }
    if (count === 0) {
      this.options.logger.info({ documentName }, 'refused: unknown document');
      throw new Refusal(REFUSAL.DOCUMENT_NOT_FOUND);
    }
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const id = idOf(documentName);
    let state: Uint8Array | null;
    try {
      state = await loadDocumentState(this.options.orm.orm.em.fork(), id);
    } catch (err) {
      // Throwing refuses the connection and unloads the Y.Doc, so an empty doc is never stored over the real one.
      this.options.logger.error({ err, documentName }, 'loading the document failed');
      throw new Refusal(REFUSAL.DATABASE_UNAVAILABLE);
    }
    if (!state) {
      this.options.logger.info({ documentName }, 'refused: document row vanished before load');
      throw new Refusal(REFUSAL.DOCUMENT_NOT_FOUND);
    }
    Y.applyUpdate(document, state);
    this.options.logger.debug({ documentName, bytes: state.byteLength }, 'document loaded');
  }

  /**
   * Stores state + JSON + text (+ open comment count) in one write, then takes an automatic snapshot when due.
   * A failure (database down) is logged and rethrown, which makes Hocuspocus keep the document in memory; a
   * retry is scheduled so the document is stored when the database is back even if nobody types again (and then
   * unloaded if everyone left). The next change also triggers a store as usual.
   */
  async onStoreDocument(payload: onStoreDocumentPayload): Promise<void> {
    const { documentName, document } = payload;
    const id = idOf(documentName);
    const started = performance.now();
    const json = yDocToJson(document);
    const yState = Y.encodeStateAsUpdate(document);
    const text = jsonToText(json);
    // The connection that made the last change: the list's "last edited by" (absent for server-side stores).
    const editor = (payload.lastContext as CollabContext | undefined)?.user;
    let version: number;
    try {
      const store = () =>
        storeDocumentState(this.options.orm.orm.em.fork(), id, {
          yState,
          json,
          text,
          commentCount: countOpenThreads(document),
          editor: editor ? { id: editor.id, name: editor.name } : null,
        });
      version = await (this.options.metrics ? this.options.metrics.timeStore(store) : store());
    } catch (err) {
      this.options.logger.error(
        { err, documentName },
        'storing the document failed; kept in memory, will retry',
      );
      this.scheduleRetry(payload);
      throw err;
    }
    this.cancelRetry(documentName);
    this.options.logger.debug(
      { documentName, version, ms: Math.round(performance.now() - started) },
      'document stored',
    );
    await this.options.snapshots
      ?.afterStore({ documentId: id, version, yState, json, text, user: editor })
      .catch((err: unknown) => this.options.logger.error({ err, documentName }, 'automatic snapshot failed'));
  }

  /** Vetoes unloading a document whose last store failed: its only copy is in memory until a retry succeeds. */
  async beforeUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    if (this.retries.has(documentName))
      throw new Error(`${documentName} has unstored changes; kept in memory`);
  }

  async onDestroy(): Promise<void> {
    for (const timer of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
  }

  private scheduleRetry(payload: onStoreDocumentPayload): void {
    const { documentName, instance, document } = payload;
    if (this.retries.has(documentName)) return;
    const timer = setTimeout(() => {
      this.retries.delete(documentName);
      if (instance.documents.get(documentName) !== document) return; // unloaded or replaced meanwhile
      // Through Hocuspocus, so the Redis lock and after-store hooks apply and an idle document is unloaded after.
      void instance.storeDocumentHooks(document, payload, true);
    }, this.options.storeRetryMs ?? 2000);
    timer.unref();
    this.retries.set(documentName, timer);
  }

  private cancelRetry(documentName: string): void {
    const timer = this.retries.get(documentName);
    if (timer) clearTimeout(timer);
    this.retries.delete(documentName);
  }
}
