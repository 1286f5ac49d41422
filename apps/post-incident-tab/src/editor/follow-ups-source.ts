import type { FollowUp, User } from '@pm/api-client';
import { watch } from 'vue';
import { useFollowUpsStore } from '../stores/follow-ups.js';
import { useTabStore } from '../stores/tab.js';

/** A change a follow-ups block asks for (the store sends it to the API as the signed-in user). */
export type FollowUpPatch = {
  content?: string;
  assigneeIds?: string[];
  dueDate?: string | null;
  status?: 'open' | 'done';
};

/** What a follow-ups block's node view reads and calls; `subscribe` returns an unsubscribe function. */
export interface LiveFollowUpsSource {
  /** The live list of the incident, or undefined when it is not this tab's incident or not loaded yet. */
  items(incidentId: string): FollowUp[] | undefined;
  /** Whether the signed-in user may change follow-ups (Incidents Write). */
  canWrite(): boolean;
  users(): User[];
  add(incidentId: string, content: string): Promise<boolean>;
  update(id: string, patch: FollowUpPatch): Promise<boolean>;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/** The source over the tab's follow-ups store: the same list the sidebar shows, fed by the API and collab. */
export function storeFollowUpsSource(): LiveFollowUpsSource {
  const store = useFollowUpsStore();
  const tab = useTabStore();
  const listeners = new Set<() => void>();
  const stop = watch(
    () => [store.items, store.loadState, tab.canWrite, tab.users] as const,
    () => listeners.forEach((l) => l()),
  );
  return {
    items: (incidentId) =>
      incidentId === store.incidentId && store.loadState === 'ready' ? store.items : undefined,
    canWrite: () => tab.canWrite,
    users: () => tab.users,
    add: (incidentId, content) =>
      incidentId === store.incidentId ? store.add({ content }) : Promise.resolve(false),
    update: (id, patch) => store.update(id, patch),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      stop();
      listeners.clear();
    },
  };
}
