import type { BodyOf, FollowUp } from '@pm/api-client';
import type { FollowUpsStateless } from '@pm/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { messageOf } from '../util.js';
import { useTabStore } from './tab.js';

/** Which follow-ups the sidebar lists. */
export type FollowUpStatusFilter = 'open' | 'done' | 'all';
type Patch = BodyOf<'/follow-ups/{id}', 'patch'>;
type Create = BodyOf<'/incidents/{id}/follow-ups', 'post'>;

/** Today as `YYYY-MM-DD` in the viewer's time zone (due dates are calendar days). */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** An open item whose due day has passed (due today is not overdue yet). */
export const isOverdue = (f: Pick<FollowUp, 'status' | 'dueDate'>, today = localToday()): boolean =>
  f.status === 'open' && f.dueDate !== null && f.dueDate < today;

const byPosition = (a: FollowUp, b: FollowUp) =>
  a.position - b.position || a.createdAt.localeCompare(b.createdAt);

/**
 * The incident's follow-ups, shared by the sidebar and every live follow-ups block of the open document. The list
 * is replaced whole by collab's push (another user, another document or the API changed it) and patched with the
 * API's answer to this user's own changes, so the user sees their change at once and everyone else's within the
 * push delay. Changes go through the API with the signed-in user's permissions.
 */
export const useFollowUpsStore = defineStore('pm-follow-ups', () => {
  const tab = useTabStore();
  const items = ref<FollowUp[]>([]);
  const incidentId = ref<string | null>(null);
  const loadState = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  /** Last failure of a load or a change, shown in the sidebar. */
  const error = ref<string | null>(null);
  const statusFilter = ref<FollowUpStatusFilter>('open');
  const mineOnly = ref(false);

  const visible = computed(() =>
    items.value.filter(
      (f) =>
        (statusFilter.value === 'all' || f.status === statusFilter.value) &&
        (!mineOnly.value || f.assignees.some((a) => a.id === tab.meId)),
    ),
  );
  const openCount = computed(() => items.value.filter((f) => f.status === 'open').length);

  /** Loads the incident's list (also after a reconnect, when pushes may have been missed). */
  async function load(id: string): Promise<void> {
    incidentId.value = id;
    loadState.value = 'loading';
    try {
      const r = await tab.api().listFollowUps(id, { status: 'all' });
      if (incidentId.value !== id) return;
      items.value = [...r.items].sort(byPosition);
      loadState.value = 'ready';
      error.value = null;
    } catch (err) {
      loadState.value = 'error';
      error.value = messageOf(err);
    }
  }

  /** Applies collab's push; a push for another incident (a document embedding several) is ignored. */
  function receive(msg: FollowUpsStateless): void {
    if (msg.incidentId !== incidentId.value) return;
    items.value = [...msg.items].sort(byPosition);
    loadState.value = 'ready';
  }

  function upsert(f: FollowUp) {
    const rest = items.value.filter((x) => x.id !== f.id);
    items.value = [...rest, f].sort(byPosition);
  }

  /** Runs one API change; returns false (and shows why) when the API refused it. */
  async function change(run: () => Promise<void>): Promise<boolean> {
    try {
      await run();
      error.value = null;
      return true;
    } catch (err) {
      error.value = messageOf(err);
      return false;
    }
  }

  const add = (input: Create) =>
    change(async () => {
      if (!incidentId.value) throw new Error('No incident is open');
      upsert(await tab.api().createFollowUp(incidentId.value, input));
    });
  const update = (id: string, patch: Patch) =>
    change(async () => upsert(await tab.api().updateFollowUp(id, patch)));
  const remove = (id: string) =>
    change(async () => {
      await tab.api().deleteFollowUp(id);
      items.value = items.value.filter((x) => x.id !== id);
    });

  /** Asks for the tracker export; the item shows `exporting` at once, the worker's result arrives by push. */
  const exportItem = (id: string) =>
    change(async () => {
      const tracker = await tab.api().exportFollowUp(id);
      const f = items.value.find((x) => x.id === id);
      if (f) upsert({ ...f, tracker });
    });

  return {
    items,
    incidentId,
    loadState,
    error,
    statusFilter,
    mineOnly,
    visible,
    openCount,
    load,
    receive,
    add,
    update,
    remove,
    exportItem,
  };
});
