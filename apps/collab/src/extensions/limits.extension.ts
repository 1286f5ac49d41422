import type { beforeHandleMessagePayload, Extension, onStoreDocumentPayload } from '@hocuspocus/server';
import { CLOSE_REASON, COLLAB_CLOSE_CODE } from '@pm/contracts';
import * as Y from 'yjs';
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
    // Only Yjs content (sync step 2 / update) grows the document; awareness (cursor moves) and step 1 do not.
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

/** Reads a lib0 varUint at `pos`; returns [value, nextPos]. */
function varUint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) return [-1, pos];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
    shift += 7;
  }
}

/** Hocuspocus frame: varString document name, varUint message type (0 = sync), varUint sync step (1/2 = content). */
export function carriesContent(frame: Uint8Array): boolean {
  const [nameLength, afterLength] = varUint(frame, 0);
  if (nameLength < 0) return false;
  const [type, afterType] = varUint(frame, afterLength + nameLength);
  if (type !== 0) return false;
  const [step] = varUint(frame, afterType);
  return step === 1 || step === 2;
}
