import type { EntityManager } from '@mikro-orm/core';
import { DocumentVersion, type DocumentVersionKind } from './entities/document-version.entity.js';
import { Document } from './entities/document.entity.js';

/** Everything a new snapshot records. */
export interface DocumentVersionInput {
  documentId: string;
  kind: DocumentVersionKind;
  name?: string | null;
  documentVersion: number;
  yState: Uint8Array;
  json: object;
  text: string;
  createdById?: string | null;
  createdByName?: string | null;
  restoredFromId?: string | null;
}

/** Appends a snapshot (history is append-only: nothing here updates or deletes a version). */
export async function createDocumentVersion(
  em: EntityManager,
  input: DocumentVersionInput,
): Promise<DocumentVersion> {
  const fork = em.fork();
  const row = fork.create(DocumentVersion, {
    document: fork.getReference(Document, input.documentId),
    kind: input.kind,
    name: input.name ?? null,
    documentVersion: input.documentVersion,
    yState: Buffer.from(input.yState),
    json: input.json as Record<string, unknown>,
    text: input.text,
    createdById: input.createdById ?? null,
    createdByName: input.createdByName ?? null,
    restoredFromId: input.restoredFromId ?? null,
  });
  await fork.persist(row).flush();
  return row;
}

/** Versions of a document, newest first, without their (lazy) content. */
export async function listDocumentVersions(
  em: EntityManager,
  documentId: string,
  limit = 200,
): Promise<DocumentVersion[]> {
  return em.fork().find(DocumentVersion, { document: documentId }, { orderBy: { createdAt: 'desc' }, limit });
}

/** The newest automatic or named snapshot, used to decide when the next automatic one is due. */
export async function latestDocumentVersion(
  em: EntityManager,
  documentId: string,
): Promise<DocumentVersion | null> {
  return em.fork().findOne(DocumentVersion, { document: documentId }, { orderBy: { createdAt: 'desc' } });
}

/** One version with its content (JSON, text and Yjs state), or null when it is not a version of that document. */
export async function loadDocumentVersion(
  em: EntityManager,
  documentId: string,
  versionId: string,
): Promise<DocumentVersion | null> {
  return em
    .fork()
    .findOne(
      DocumentVersion,
      { id: versionId, document: documentId },
      { populate: ['yState', 'json', 'text'] as never },
    );
}
