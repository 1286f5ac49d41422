import type { EntityManager } from '@mikro-orm/core';
import { Document } from './entities/document.entity.js';
import { runSql } from './sql-rows.js';

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

/**
 * Why plain SQL (one statement each) for the two calls collab makes on every open and every debounced save: the
 * entity path (fork, findOne with a partial select; a transaction around nativeUpdate + a re-read of `version`)
 * cost 3–10× the raw driver's upsert on small documents (issue 12, C3). `UPDATE … RETURNING` is atomic without a
 * transaction on both databases (SQLite ≥ 3.35), and the database still computes `version + 1`.
 */

/** Loads a document's Yjs state; `null` when there is no such row (never an empty state in its place). */
export async function loadDocumentState(em: EntityManager, documentId: string): Promise<Uint8Array | null> {
  // Only the Yjs state: the JSON and text copies are as large as the state and not needed to open a document.
  const [row] = await runSql(em, 'select y_state from documents where id = ?', [documentId]);
  if (!row) return null;
  const bytes = row.y_state as Uint8Array;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
  const sets = ['y_state = ?', 'json = ?', 'text = ?', 'updated_at = ?'];
  const params: unknown[] = [
    Buffer.from(input.yState.buffer, input.yState.byteOffset, input.yState.byteLength),
    JSON.stringify(input.json),
    input.text,
    new Date(),
  ];
  if (input.commentCount !== undefined) {
    sets.push('comment_count = ?');
    params.push(input.commentCount);
  }
  if (input.editor) {
    sets.push('last_editor_id = ?', 'last_editor_name = ?');
    params.push(input.editor.id, input.editor.name);
  }
  // computed by the database so two writers can never hand out the same version
  const [row] = await runSql(
    em,
    `update documents set ${sets.join(', ')}, version = version + 1 where id = ? returning version`,
    [...params, documentId],
  );
  if (!row)
    throw Object.assign(new Error(`DOCUMENT_NOT_FOUND: document ${documentId} does not exist`), {
      code: 'DOCUMENT_NOT_FOUND',
    });
  return Number(row.version);
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
