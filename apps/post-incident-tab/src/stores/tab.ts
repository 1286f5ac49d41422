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
  /** The user opened (id) or closed (null) a postmortem: the host mirrors it in its URL. */
  onNavigate?(postmortemId: string | null): void;
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
  /** Whether the signed-in user may publish postmortems publicly (`postmortems_publish`). */
  const canPublish = ref(false);
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
  let listCtrl: AbortController | null = null;

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

  /**
   * Why the postmortem asked for (deep link, host navigation) cannot be shown, once the list is loaded: not on
   * this incident (unknown, removed, or not visible to this user), or not a notebook that opens here.
   */
  const openError = computed(() => {
    if (!openId.value || loadState.value !== 'ready') return null;
    const p = postmortems.value.find((x) => x.id === openId.value);
    if (!p) return 'This postmortem does not exist on this incident, or you do not have access to it.';
    if (p.generationState === 'failed') return `"${p.title}" could not be generated, so it cannot be opened.`;
    if (p.generationState !== 'ready')
      return `"${p.title}" is still being generated; it opens when it is ready.`;
    if (p.destination !== 'notebook' || !p.documentId)
      return `"${p.title}" is not a notebook of this tab; open it from its link in the list.`;
    return null;
  });

  /** Applies (new) options; rebuilds the client. Returns true when the incident changed (caller reloads). */
  function configure(next: ParsedTabMountOptions, nextHooks?: TabHooks): boolean {
    const incidentChanged = options.value?.incidentId !== next.incidentId;
    options.value = next;
    if (nextHooks) hooks = nextHooks;
    client = createApiClient({ baseUrl: next.apiBaseUrl, getToken: () => options.value?.authToken });
    if (incidentChanged) {
      stopWatchers();
      listCtrl?.abort();
      postmortems.value = [];
    }
    // The host's URL says which postmortem is open (deep link, back/forward): follow it without echoing it back.
    if (incidentChanged || (next.postmortemId ?? null) !== openId.value)
      openId.value = next.postmortemId ?? null;
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
      canPublish.value = me.permissions.includes('postmortems_publish');
      meId.value = me.id;
      incidentType.value = type;
      users.value = people;
      postmortems.value = sortByUpdated(pms.items);
      templates.value = tpls.items;
      loadState.value = 'ready';
      for (const p of pms.items) if (!TERMINAL.has(p.generationState)) void follow(p.id).catch(() => {}); // the row keeps its last state
      watchList(options.value.incidentId);
    } catch (err) {
      if (ctrl.signal.aborted) return;
      loadState.value = 'error';
      loadError.value = messageOf(err);
    }
  }

  /**
   * Keeps the list current with changes made anywhere (other tabs, browsers, the worker, collab): the API pushes
   * the whole list whenever it changed. A failing stream leaves the list as it is (the client retries itself).
   */
  function watchList(incidentId: string) {
    listCtrl?.abort();
    const ctrl = (listCtrl = new AbortController());
    void api()
      .watchPostmortems(
        incidentId,
        (l) => {
          if (!ctrl.signal.aborted) postmortems.value = sortByUpdated(l.items);
        },
        ctrl.signal,
      )
      .catch(() => {});
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
    navigate(id);
  }

  /** Back to the list (also from a deep link that could not be shown). */
  function close() {
    openId.value = null;
    navigate(null);
  }

  function navigate(id: string | null) {
    try {
      hooks.onNavigate?.(id);
    } catch (err) {
      console.error('[post-incident-tab] host onNavigate threw', err);
    }
  }

  /** Drops a postmortem from the list (its link was removed). */
  function drop(id: string) {
    postmortems.value = postmortems.value.filter((p) => p.id !== id);
    if (openId.value === id) openId.value = null;
  }

  /** Stops every request and stream; called on unmount. */
  function dispose() {
    loadCtrl?.abort();
    listCtrl?.abort();
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
    canPublish,
    meId,
    users,
    incidentType,
    openPostmortem,
    openError,
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
