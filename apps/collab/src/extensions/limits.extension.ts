import type { beforeHandleMessagePayload, Extension, onStoreDocumentPayload } from '@hocuspocus/server';
import { CLOSE_REASON, COLLAB_CLOSE_CODE } from '@pm/contracts';
import * as Y from 'yjs';
import { carriesContent } from '../frames.js';
import type { Logger } from '../logger.js';

/**
 * Caps document size. Each incoming message adds its byte length to a per-document estimate (reset to the real
 * encoded size on every store), so the check costs nothing for ordinary typing. A message that would push the
 * document past `maxBytes` is refused BEFORE it is applied: the connection is closed with reason
 * DOCUMENT_TOO_LARGE and nothing of it reaches the Y.Doc, other editors or the database.
 * (Frames above the WebSocket `maxPayload` never get this far: ws closes them with 1009.)
 */
export class LimitsExtension implements Extension {
  readonly extensionName = 'pm-limits';
  private readonly sizes = new Map<string, number>();

  constructor(private readonly options: { maxBytes: number; logger: Logger }) {}

  async beforeHandleMessage({
    update,
    document,
    documentName,
    context,
  }: beforeHandleMessagePayload): Promise<void> {
    // Only Yjs content (sync step 2 / update, also in SyncReply frames) grows the document; awareness and step 1 do not.
    if (!carriesContent(update)) return;
    const current = this.sizes.get(documentName) ?? Y.encodeStateAsUpdate(document).byteLength;
    const next = current + update.byteLength;
    if (next > this.options.maxBytes) {
      this.options.logger.warn(
        {
          documentName,
          bytes: update.byteLength,
          estimate: next,
          max: this.options.maxBytes,
          user: context?.user?.id,
        },
        'refused: edit would exceed the document size cap',
      );
      throw Object.assign(new Error('document too large'), {
        code: COLLAB_CLOSE_CODE.DOCUMENT_TOO_LARGE,
        reason: CLOSE_REASON.DOCUMENT_TOO_LARGE,
      });
    }
    this.sizes.set(documentName, next);
  }

  async afterStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    this.sizes.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    this.sizes.delete(documentName);
  }
}
