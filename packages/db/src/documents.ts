import type { EntityManager } from '@mikro-orm/core';
import { raw } from '@mikro-orm/sql';
import { Document } from './entities/document.entity.js';

/** Input of {@link storeDocumentState} / {@link createDocument}: the Yjs state and its derived copies. */
export interface DocumentStateInput {
  yState: Uint8Array;
  json: object;
  text: string;
  /** Open comment threads (collab counts them at store time); left unchanged when absent. */
  commentCount?: number;
  /** Who made the change being stored (left unchanged when absent, e.g. a server-side store). */
  editor?: { id: string; name: string } | null;
}

/** Loads a document's Yjs state; `null` when there is no such row (never an empty state in its place). */
export async function loadDocumentState(em: EntityManager, documentId: string): Promise<Uint8Array | null> {
  // Only the Yjs state: the JSON and text copies are as large as the state and not needed to open a document.
  const doc = await em.fork().findOne(Document, { id: documentId }, { fields: ['yState'] as never });
  if (!doc) return null;
  return new Uint8Array(doc.yState);
}

/**
 * Stores Yjs state + Tiptap JSON + plain text in one UPDATE and bumps `version` atomically (safe with concurrent
 * writers). Returns the new version; throws `DOCUMENT_NOT_FOUND` when the row is missing.
 */
export async function storeDocumentState(
  em: EntityManager,
  documentId: string,
  input: DocumentStateInput,
): Promise<number> {
  const fork = em.fork();
  return fork.transactional(async (tx) => {
    const updated = await tx.nativeUpdate(
      Document,
      { id: documentId },
      {
        yState: Buffer.from(input.yState),
        json: input.json as Record<string, unknown>,
        text: input.text,
        ...(input.commentCount === undefined ? {} : { commentCount: input.commentCount }),
        ...(input.editor ? { lastEditorId: input.editor.id, lastEditorName: input.editor.name } : {}),
        // computed by the database so two writers can never hand out the same version
        version: raw('version + 1') as never,
        updatedAt: new Date(),
      },
    );
    if (updated === 0)
      throw Object.assign(new Error(`DOCUMENT_NOT_FOUND: document ${documentId} does not exist`), {
        code: 'DOCUMENT_NOT_FOUND',
      });
    const row = await tx.findOneOrFail(Document, { id: documentId }, { fields: ['version'], refresh: true });
    return row.version;
  });
}

/** Creates a document row (persisted on the caller's next flush, so it can share the caller's transaction). */
export function createDocument(em: EntityManager, input: DocumentStateInput): Document {
  const doc = em.create(Document, {
    yState: Buffer.from(input.yState),
    json: input.json as Record<string, unknown>,
    text: input.text,
  });
  em.persist(doc);
  return doc;
}
