import type {
  AddResponderInput,
  CreateImpactInput,
  IncidentField,
  Responder,
  ResponderType,
  UpdateIncidentInput,
  UpdateResponderInput,
  User,
} from '@pm/contracts';
import { ApiError } from '@pm/api-client';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { incidentApi } from '../incident-api.js';
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
    const [u, t, f] = await Promise.all([
      incidentApi.users(),
      incidentApi.responderTypes(),
      incidentApi.fields(),
    ]);
    users.value = u.items;
    responderTypes.value = t.items;
    fields.value = f.items;
  }

  async function loadTeam(id: string) {
    team.value = (await incidentApi.responders(id)).items;
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
    patch: (body: UpdateIncidentInput) => run(() => incidentApi.patch(id(), body)),
    addNote: (content: string, important: boolean, occurredAt?: string) =>
      run(() => incidentApi.addNote(id(), { content, important, ...(occurredAt ? { occurredAt } : {}) })),
    setImportant: (entryId: string, important: boolean) =>
      run(() => incidentApi.updateEntry(id(), entryId, { important })),
    deleteNote: (entryId: string) => run(() => incidentApi.deleteEntry(id(), entryId)),
    addResponder: (body: Partial<AddResponderInput> & { userId: string }) =>
      run(() => incidentApi.addResponder(id(), body)),
    setRole: (userId: string, body: UpdateResponderInput) =>
      run(() => incidentApi.setRole(id(), userId, body)),
    removeResponder: (userId: string) => run(() => incidentApi.removeResponder(id(), userId)),
    addImpact: (body: CreateImpactInput) => run(() => incidentApi.addImpact(id(), body)),
  };
});
