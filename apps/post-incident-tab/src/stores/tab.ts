import {
  createApiClient,
  type ApiClient,
  type IncidentDetail,
  type Postmortem,
  type Template,
  type User,
} from '@pm/api-client';
import type { ParsedTabMountOptions, TabEvent } from '@pm/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { messageOf } from '../util.js';

/** Callbacks the host passed to `mount`. */
export interface TabHooks {
  onEvent?(e: TabEvent): void;
}

type LoadState = 'idle' | 'loading' | 'ready' | 'error';
const TERMINAL = new Set(['ready', 'failed']);

/**
 * The tab's root store: mount options, the API client, the incident's postmortems and templates, and which
 * postmortem is open. One instance per mount (each mount creates its own Pinia).
 */
export const useTabStore = defineStore('pm-tab', () => {
  const options = ref<ParsedTabMountOptions | null>(null);
  const postmortems = ref<Postmortem[]>([]);
  const templates = ref<Template[]>([]);
  const loadState = ref<LoadState>('idle');
  const loadError = ref<string | null>(null);
  const openId = ref<string | null>(null);
  /** Whether the signed-in user may generate, attach, remove, change status/owner (`incidents_write`). */
  const canWrite = ref(false);
  /** The signed-in user's id (follow-ups "assigned to me"). */
  const meId = ref('');
  /** Users of the organisation (owner picker). */
  const users = ref<User[]>([]);
  /** The incident's type as id and name (when the API reports one): its default template is preselected. */
  const incidentType = ref<string[]>([]);

  // Not state: functions and controllers stay out of Pinia's reactive tree.
  let client: ApiClient | null = null;
  let hooks: TabHooks = {};
  const watchers = new Map<string, AbortController>();
  let loadCtrl: AbortController | null = null;

  const openPostmortem = computed(() => postmortems.value.find((p) => p.id === openId.value) ?? null);
  /** The incident type's default template, else any default, else the first one. */
  const defaultTemplate = computed(
    () =>
      templates.value.find(
        (t) => t.isDefault && t.incidentType !== null && incidentType.value.includes(t.incidentType),
      ) ??
      templates.value.find((t) => t.isDefault && !t.incidentType) ??
      templates.value.find((t) => t.isDefault) ??
      templates.value[0] ??
      null,
  );
  const templateName = (id: string | null) => templates.value.find((t) => t.id === id)?.name ?? '—';

  /** Applies (new) options; rebuilds the client. Returns true when the incident changed (caller reloads). */
  function configure(next: ParsedTabMountOptions, nextHooks?: TabHooks): boolean {
    const incidentChanged = options.value?.incidentId !== next.incidentId;
    options.value = next;
    if (nextHooks) hooks = nextHooks;
    client = createApiClient({ baseUrl: next.apiBaseUrl, getToken: () => options.value?.authToken });
    if (incidentChanged) {
      stopWatchers();
      postmortems.value = [];
      openId.value = next.postmortemId ?? null;
    }
    return incidentChanged;
  }

  /** The API client for the current options. */
  function api(): ApiClient {
    if (!client) throw new Error('tab not configured');
    return client;
  }

  /** Sends an event to the host; a throwing host callback must not break the tab. */
  function emit(e: TabEvent) {
    try {
      hooks.onEvent?.(e);
    } catch (err) {
      console.error('[post-incident-tab] host onEvent threw', err);
    }
  }

  /** Loads postmortems and templates of the incident, then follows any generation still running. */
  async function load() {
    if (!options.value) return;
    loadCtrl?.abort();
    const ctrl = (loadCtrl = new AbortController());
    loadState.value = 'loading';
    loadError.value = null;
    try {
      const [pms, tpls, me, type, people] = await Promise.all([
        api().listPostmortems(options.value.incidentId, ctrl.signal),
        api().listTemplates(),
        api().me(),
        // Optional extras: the tab still works (without type preselection / owner picker) if they fail.
        api()
          .getIncident(options.value.incidentId, ctrl.signal)
          .then((i) => incidentTypeKeys(i))
          .catch(() => [] as string[]),
        api()
          .listUsers()
          .then((u) => u.items)
          .catch(() => [] as User[]),
      ]);
      if (ctrl.signal.aborted) return;
      canWrite.value = me.permissions.includes('incidents_write');
      meId.value = me.id;
      incidentType.value = type;
      users.value = people;
      postmortems.value = sortByUpdated(pms.items);
      templates.value = tpls.items;
      loadState.value = 'ready';
      for (const p of pms.items) if (!TERMINAL.has(p.generationState)) void follow(p.id).catch(() => {}); // the row keeps its last state
    } catch (err) {
      if (ctrl.signal.aborted) return;
      loadState.value = 'error';
      loadError.value = messageOf(err);
    }
  }

  /** Inserts or replaces one postmortem in the list. */
  function upsert(p: Postmortem) {
    const i = postmortems.value.findIndex((x) => x.id === p.id);
    if (i >= 0) postmortems.value.splice(i, 1, p);
    else postmortems.value = sortByUpdated([p, ...postmortems.value]);
  }

  /**
   * Follows a postmortem's generation until ready/failed, keeping the list current and telling the host.
   * Resolves with the final row (or null when stopped).
   */
  async function follow(id: string, onUpdate?: (p: Postmortem) => void): Promise<Postmortem | null> {
    watchers.get(id)?.abort();
    const ctrl = new AbortController();
    watchers.set(id, ctrl);
    try {
      const final = await api().watchPostmortem(id, (p) => (upsert(p), onUpdate?.(p)), ctrl.signal);
      if (final?.generationState === 'ready') emit({ type: 'postmortem.ready', postmortemId: id });
      if (final?.generationState === 'failed')
        emit({ type: 'postmortem.failed', postmortemId: id, reason: final.failureReason ?? 'unknown' });
      return final;
    } finally {
      if (watchers.get(id) === ctrl) watchers.delete(id);
    }
  }

  function stopWatchers() {
    for (const c of watchers.values()) c.abort();
    watchers.clear();
  }

  /** Opens a ready postmortem in the editor. */
  function open(id: string) {
    openId.value = id;
    emit({ type: 'postmortem.opened', postmortemId: id });
  }

  function close() {
    openId.value = null;
  }

  /** Drops a postmortem from the list (its link was removed). */
  function drop(id: string) {
    postmortems.value = postmortems.value.filter((p) => p.id !== id);
    if (openId.value === id) openId.value = null;
  }

  /** Stops every request and stream; called on unmount. */
  function dispose() {
    loadCtrl?.abort();
    stopWatchers();
  }

  return {
    options,
    postmortems,
    templates,
    loadState,
    loadError,
    openId,
    canWrite,
    meId,
    users,
    incidentType,
    openPostmortem,
    defaultTemplate,
    templateName,
    configure,
    api,
    emit,
    load,
    upsert,
    drop,
    follow,
    open,
    close,
    dispose,
  };
});

const sortByUpdated = (items: Postmortem[]) =>
  [...items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

/**
 * Every way a template may name the incident's type (a template's `incidentType` holds the type's id, or its
 * name for free-text types). Empty when the incident has no type.
 */
function incidentTypeKeys(incident: IncidentDetail): string[] {
  const t = incident.incidentType;
  return t ? [t.id, t.name] : [];
}
