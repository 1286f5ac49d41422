import type { Incident, IncidentDetail } from '@pm/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useApi } from '../api.js';

/** The incident list (with a text filter) and the incident being viewed. */
export const useIncidentsStore = defineStore('incidents', () => {
  const items = ref<Incident[]>([]);
  const total = ref(0);
  const filter = ref('');
  const statusFilter = ref('');
  const severityFilter = ref('');
  const visibilityFilter = ref('');
  const listState = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const listError = ref<string | null>(null);
  const current = ref<IncidentDetail | null>(null);
  const currentError = ref<string | null>(null);

  /** `#12` matches public id 12 exactly; other text matches title, id, severity and status, case-insensitively. */
  const filtered = computed(() => {
    const q = filter.value.trim().toLowerCase();
    const facets = items.value.filter(
      (i) =>
        (!statusFilter.value || i.status === statusFilter.value) &&
        (!severityFilter.value || i.severity === severityFilter.value) &&
        (!visibilityFilter.value || i.visibility === visibilityFilter.value),
    );
    if (!q) return facets;
    const byId = /^#(\d+)$/.exec(q);
    if (byId) return facets.filter((i) => i.publicId === Number(byId[1]));
    return facets.filter((i) =>
      [i.title, String(i.publicId), i.severity, i.status].some((f) => f.toLowerCase().includes(q)),
    );
  });

  async function loadList() {
    listState.value = 'loading';
    listError.value = null;
    try {
      const r = await useApi().listIncidents();
      items.value = r.items;
      total.value = r.total;
      listState.value = 'ready';
    } catch (err) {
      listState.value = 'error';
      listError.value = (err as Error).message;
    }
  }

  /** True when `ref` (the URL's id: the incident's uuid or its public number) names the loaded incident. */
  const isCurrent = (ref: string) =>
    !!current.value && (current.value.id === ref || String(current.value.publicId) === ref);

  /** Loads an incident by uuid or by public number (`/incidents/42/…`, the form people share). */
  async function loadOne(ref: string) {
    if (!isCurrent(ref)) current.value = null;
    currentError.value = null;
    try {
      let id = ref;
      if (/^\d+$/.test(ref)) {
        // The list's `#N` search finds it among the incidents this user may see; anything else is "not found".
        const found = (await useApi().listIncidents({ text: `#${ref}` })).items.find(
          (i) => String(i.publicId) === ref,
        );
        if (!found) throw new Error(`Incident #${ref} does not exist or you do not have access to it.`);
        id = found.id;
      }
      current.value = await useApi().getIncident(id);
    } catch (err) {
      currentError.value = (err as Error).message;
    }
  }

  return {
    statusFilter,
    severityFilter,
    visibilityFilter,
    items,
    total,
    filter,
    listState,
    listError,
    current,
    currentError,
    filtered,
    loadList,
    loadOne,
    isCurrent,
  };
});
