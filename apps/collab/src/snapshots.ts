import { createDocumentVersion, latestDocumentVersion, type Orm } from '@pm/db';

/** When automatic snapshots are due. */
export interface SnapshotPolicy {
  intervalMs: number;
  everyStores: number;
}

interface Last {
  at: number;
  version: number;
}

/**
 * Takes automatic version snapshots on store: time-based (at most one per `intervalMs` while a document changes)
 * and change-based (after `everyStores` stores even within the interval). The last snapshot per document is
 * cached after one lookup, so most stores cost no extra query.
 */
export class AutoSnapshots {
  private readonly last = new Map<string, Last>();

  constructor(
    private readonly orm: { readonly orm: Orm },
    private readonly policy: SnapshotPolicy,
  ) {}

  /** Records a snapshot when one is due; returns true when it wrote one. */
  async afterStore(input: {
    documentId: string;
    version: number;
    yState: Uint8Array;
    json: object;
    text: string;
    user?: { id: string; name: string };
  }): Promise<boolean> {
    let last = this.last.get(input.documentId);
    if (!last) {
      const row = await latestDocumentVersion(this.orm.orm.em, input.documentId);
      last = row ? { at: row.createdAt.getTime(), version: row.documentVersion } : { at: 0, version: 0 };
    }
    const due =
      Date.now() - last.at >= this.policy.intervalMs ||
      input.version - last.version >= this.policy.everyStores;
    if (!due) {
      this.last.set(input.documentId, last);
      return false;
    }
    await createDocumentVersion(this.orm.orm.em, {
      documentId: input.documentId,
      kind: 'auto',
      documentVersion: input.version,
      yState: input.yState,
      json: input.json,
      text: input.text,
      createdById: input.user?.id ?? null,
      createdByName: input.user?.name ?? null,
    });
    this.last.set(input.documentId, { at: Date.now(), version: input.version });
    return true;
  }

  /** Named / restore versions also reset the clock. */
  noteSnapshot(documentId: string, version: number): void {
    this.last.set(documentId, { at: Date.now(), version });
  }
}
