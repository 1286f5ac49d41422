import {
  ApiError,
  type BodyOf,
  type IncidentField,
  type Responder,
  type ResponderType,
  type User,
} from '@pm/api-client';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useApi } from '../api.js';
import { useIncidentsStore } from './incidents.js';

/**
 * Edits of the incident being viewed. Every action calls the API, then reloads the incident so the header,
 * tabs and the automatic timeline updates all show the server's truth. `error` holds the last failure's code.
 */
export const useIncidentEditStore = defineStore('incident-edit', () => {
  const busy = ref(false);
  const error = ref<{ code: string; message: string } | null>(null);
  const users = ref<User[]>([]);
  const responderTypes = ref<ResponderType[]>([]);
  const fields = ref<IncidentField[]>([]);
  /** Responders including postmortem owners (system role), from the response-team endpoint. */
  const team = ref<Responder[]>([]);

  const incidents = () => useIncidentsStore();

  async function run(fn: () => Promise<unknown>) {
    busy.value = true;
    error.value = null;
    try {
      await fn();
      const id = incidents().current?.id;
      if (id) await Promise.all([incidents().loadOne(id), loadTeam(id)]);
    } catch (err) {
      error.value =
        err instanceof ApiError
          ? { code: err.code, message: err.message }
          : { code: 'ERROR', message: (err as Error).message };
    } finally {
      busy.value = false;
    }
  }

  async function loadLookups() {
    const api = useApi();
    const [u, t, f] = await Promise.all([
      api.listUsers(),
      api.listResponderTypes(),
      api.listIncidentFields(),
    ]);
    users.value = u.items;
    responderTypes.value = t.items;
    fields.value = f.items;
  }

  async function loadTeam(id: string) {
    team.value = (await useApi().listResponders(id)).items;
  }

  const id = () => incidents().current!.id;
  return {
    busy,
    error,
    users,
    responderTypes,
    fields,
    team,
    loadLookups,
    loadTeam,
    patch: (body: BodyOf<'/incidents/{id}', 'patch'>) => run(() => useApi().updateIncident(id(), body)),
    addNote: (content: string, important: boolean, occurredAt?: string) =>
      run(() =>
        useApi().addTimelineNote(id(), { content, important, ...(occurredAt ? { occurredAt } : {}) }),
      ),
    setImportant: (entryId: string, important: boolean) =>
      run(() => useApi().updateTimelineEntry(id(), entryId, { important })),
    /** Only the note's author may change its text (the API answers 403 otherwise). */
    editNote: (entryId: string, content: string) =>
      run(() => useApi().updateTimelineEntry(id(), entryId, { content })),
    setTags: (entryId: string, tags: string[]) =>
      run(() => useApi().setTimelineTags(id(), entryId, { tags })),
    deleteNote: (entryId: string) => run(() => useApi().deleteTimelineEntry(id(), entryId)),
    addResponder: (body: BodyOf<'/incidents/{id}/responders', 'post'>) =>
      run(() => useApi().addResponder(id(), body)),
    setRole: (userId: string, body: BodyOf<'/incidents/{id}/responders/{userId}', 'patch'>) =>
      run(() => useApi().updateResponder(id(), userId, body)),
    removeResponder: (userId: string) => run(() => useApi().removeResponder(id(), userId)),
    addImpact: (body: BodyOf<'/incidents/{id}/impacts', 'post'>) => run(() => useApi().addImpact(id(), body)),
  };
});
