import type { RefreshPlanItem } from '@pm/doc-model';
import { ref, shallowRef } from 'vue';
import type { CollabSession } from '../editor/collab.js';
import { useTabStore } from '../stores/tab.js';
import { messageOf } from '../util.js';

/**
 * "Refresh from incident" for one open document: the plan shown in the dialog (null = closed), the busy flag, the
 * dialog's error and the outcome line under the button. `historyKey` moves when a refresh was recorded, so the
 * history panel re-reads its versions.
 */
export function useRefresh(postmortemId: string, session: () => CollabSession | null) {
  const tab = useTabStore();
  const plan = shallowRef<RefreshPlanItem[] | null>(null);
  const busy = ref(false);
  const error = ref<string | null>(null);
  const note = ref('');
  const historyKey = ref(0);

  async function open() {
    if (!session() || busy.value) return;
    busy.value = true;
    error.value = null;
    note.value = '';
    try {
      const preview = await tab.api().refresh.preview(postmortemId);
      plan.value = session()?.refresh.plan(preview.blocks) ?? null;
    } catch (err) {
      note.value = `Could not refresh: ${messageOf(err)}`;
    } finally {
      busy.value = false;
    }
  }

  async function apply(items: RefreshPlanItem[], kept: string[]) {
    const s = session();
    if (!s) return;
    busy.value = true;
    error.value = null;
    try {
      const applied = new Set(s.refresh.apply(items));
      const skipped = items.length - applied.size;
      if (applied.size === 0 && items.length > 0) {
        // Everything chosen changed meanwhile: nothing was edited, so nothing to record; show the fresh state.
        plan.value = null;
        note.value = 'The blocks changed while you were choosing; nothing was refreshed. Try again.';
        return;
      }
      // The version is taken by collab from the live document: wait until it has our edit.
      await s.refresh.whenSaved();
      await tab.api().refresh.record(postmortemId, {
        updated: items
          .filter((i) => applied.has(i.blockId))
          .map((i) => ({ blockId: i.blockId, source: i.source as never })),
        kept,
      });
      plan.value = null;
      historyKey.value++;
      note.value =
        `Refreshed ${applied.size} block(s) from the incident.` +
        (skipped ? ` ${skipped} block(s) changed while you were choosing and were left as they are.` : '');
    } catch (err) {
      error.value = messageOf(err);
    } finally {
      busy.value = false;
    }
  }

  return { plan, busy, error, note, historyKey, open, apply };
}
