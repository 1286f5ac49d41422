import type {
  Extension,
  onAuthenticatePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import { documentIdFromName } from '@pm/contracts';
import { Document as DocumentRow, loadDocumentState, storeDocumentState, type Orm } from '@pm/db';
import { jsonToText, yDocToJson } from '@pm/doc-model';
import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import { Refusal, REFUSAL } from '../refusals.js';

export interface PersistenceExtensionOptions {
  /** Read lazily: the ORM may be opened after the server is built. */
  orm: { readonly orm: Orm };
  logger: Logger;
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

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    const id = idOf(documentName);
    const started = performance.now();
    const json = yDocToJson(document);
    const version = await storeDocumentState(this.options.orm.orm.em.fork(), id, {
      yState: Y.encodeStateAsUpdate(document),
      json,
      text: jsonToText(json),
    });
    this.options.logger.debug(
      { documentName, version, ms: Math.round(performance.now() - started) },
      'document stored',
    );
  }
}
