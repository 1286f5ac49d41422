import {
  applyRefresh,
  liveIncidentDataBlocks,
  planRefresh,
  type JSONContent,
  type RefreshPlanItem,
} from '@pm/doc-model';
import type * as Y from 'yjs';

/**
 * Origin of the refresh transaction. The editor's Yjs undo manager tracks it (Collaboration's `yUndoOptions`), so
 * the refresh is one undo step for the user who applied it; every other editor receives it as a normal remote edit.
 */
export const REFRESH_ORIGIN = { name: 'pm-refresh-from-incident' };

/** The refresh operations of an open document (kept out of Vue state with the rest of the session). */
export interface RefreshOps {
  /** Compares the live marked blocks with freshly rendered content per source. */
  plan(rendered: Array<{ source: string; content: Array<Record<string, unknown>> }>): RefreshPlanItem[];
  /** Replaces the chosen blocks in one transaction; returns the ids actually replaced. */
  apply(items: RefreshPlanItem[]): string[];
  /** Resolves once the server has acknowledged every local change (so a version taken now includes them). */
  whenSaved(timeoutMs?: number): Promise<boolean>;
}

export function refreshOps(
  doc: Y.Doc,
  provider: { readonly hasUnsyncedChanges: boolean },
  stopCapturing: () => void,
): RefreshOps {
  return {
    plan: (rendered) =>
      planRefresh(
        liveIncidentDataBlocks(doc),
        new Map(rendered.map((b) => [b.source, b.content as JSONContent[]])),
      ),
    apply: (items) => {
      // Its own undo step: never merged with typing just before or after it.
      stopCapturing();
      const applied = applyRefresh(
        doc,
        items.map((i) => ({ blockId: i.blockId, content: i.content, expectedHash: i.currentHash })),
        REFRESH_ORIGIN,
      );
      stopCapturing();
      return applied;
    },
    whenSaved: async (timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (provider.hasUnsyncedChanges) {
        if (Date.now() > deadline) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
      return true;
    },
  };
}
