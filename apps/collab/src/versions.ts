import type { Hocuspocus } from '@hocuspocus/server';
import { documentNameFor, type CollabVersionResult } from '@pm/contracts';
import { createDocumentVersion, Document as DocumentRow, loadDocumentVersion, type Orm } from '@pm/db';
import { jsonToText, yDocToJson, YJS_FRAGMENT } from '@pm/doc-model';
import * as Y from 'yjs';
import type { CollabContext } from './extensions/auth.extension.js';
import type { AutoSnapshots } from './snapshots.js';

/** Result of a named snapshot or a restore (the body of the internal endpoint's answer to the API). */
export type VersionResult = CollabVersionResult;

export class VersionNotFoundError extends Error {
  readonly code = 'VERSION_NOT_FOUND';
}

/**
 * Named versions and restores go through collab because collab holds the live document: a snapshot taken from the
 * database could miss the last debounce window, and a restore written to the database would be overwritten by the
 * next store of the in-memory Y.Doc. Both open a server-side direct connection (loading the document if no one has
 * it open), so a restore is one Yjs transaction every open editor receives like any other edit.
 */
export class DocumentVersions {
  constructor(
    private readonly hocuspocus: Hocuspocus,
    private readonly orm: { readonly orm: Orm },
    private readonly snapshots?: AutoSnapshots,
  ) {}

  /** Snapshots the live document under `name`. */
  async createNamed(documentId: string, name: string, by: CollabContext['user']): Promise<VersionResult> {
    return this.withDocument(documentId, by, async (doc) => ({ kind: 'named' as const, name, doc }));
  }

  /** Replaces the live content with version `versionId`'s content and records that as a new `restore` version. */
  async restore(documentId: string, versionId: string, by: CollabContext['user']): Promise<VersionResult> {
    const version = await loadDocumentVersion(this.orm.orm.em, documentId, versionId);
    if (!version) throw new VersionNotFoundError(`version ${versionId} not found`);
    const source = new Y.Doc();
    Y.applyUpdate(source, new Uint8Array(version.yState));
    const incoming = source.getXmlFragment(YJS_FRAGMENT).toArray();
    return this.withDocument(documentId, by, async (doc, connection) => {
      await connection.transact((live) => {
        const fragment = live.getXmlFragment(YJS_FRAGMENT);
        fragment.delete(0, fragment.length);
        fragment.insert(
          0,
          incoming.map((node) => (node as Y.XmlElement | Y.XmlText).clone()),
        );
      });
      return { kind: 'restore' as const, name: null, doc, restoredFromId: version.id };
    });
  }

  private async withDocument(
    documentId: string,
    user: CollabContext['user'],
    change: (
      doc: Y.Doc,
      connection: Awaited<ReturnType<Hocuspocus['openDirectConnection']>>,
    ) => Promise<{ kind: 'named' | 'restore'; name: string | null; doc: Y.Doc; restoredFromId?: string }>,
  ): Promise<VersionResult> {
    const context: CollabContext = { user, documentId, readOnly: false };
    const connection = await this.hocuspocus.openDirectConnection(documentNameFor(documentId), context);
    let result;
    let state: Uint8Array;
    try {
      result = await change(connection.document!, connection);
      state = Y.encodeStateAsUpdate(connection.document!);
    } finally {
      await connection.disconnect(); // stores immediately
    }
    const row = await this.orm.orm.em
      .fork()
      .findOneOrFail(DocumentRow, { id: documentId }, { fields: ['version'] });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const json = yDocToJson(doc);
    const saved = await createDocumentVersion(this.orm.orm.em, {
      documentId,
      kind: result.kind,
      name: result.name,
      documentVersion: row.version,
      yState: state,
      json,
      text: jsonToText(json),
      createdById: user.id,
      createdByName: user.name,
      restoredFromId: result.restoredFromId ?? null,
    });
    this.snapshots?.noteSnapshot(documentId, row.version);
    return { versionId: saved.id, documentVersion: row.version };
  }
}
