import {
  ATTACHMENT_URL_MAX,
  isAttachableUrl,
  PostmortemTitleSchema,
  type PostmortemStatus,
} from '@pm/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { messageOf } from '../util.js';
import { useTabStore } from './tab.js';

/**
 * After generation: status and owner changes, "Attach existing postmortem", and removing a link. Every action
 * goes through the API (which writes the incident timeline entry); the list updates from the API's answer.
 */
export const useLifecycleStore = defineStore('pm-lifecycle', () => {
  const tab = useTabStore();
  /** Last error per postmortem row (status/owner/remove), shown in that row. */
  const rowErrors = ref<Record<string, string>>({});
  /** Row whose removal waits for confirmation. */
  const confirmingRemove = ref<string | null>(null);
  const busy = ref<Record<string, boolean>>({});

  const attachOpen = ref(false);
  const attachTitle = ref('');
  const attachUrl = ref('');
  const attachError = ref<string | null>(null);
  const attachPending = ref(false);

  async function run(id: string, fn: () => Promise<void>) {
    busy.value = { ...busy.value, [id]: true };
    const { [id]: _, ...rest } = rowErrors.value;
    rowErrors.value = rest;
    try {
      await fn();
    } catch (err) {
      rowErrors.value = { ...rowErrors.value, [id]: messageOf(err) };
    } finally {
      busy.value = { ...busy.value, [id]: false };
    }
  }

  /** Changes status and/or owner; any of the three statuses may follow any other. */
  function update(id: string, patch: { status?: PostmortemStatus; ownerId?: string }) {
    return run(id, async () => {
      const next = await tab.api().updatePostmortem(id, patch);
      tab.upsert(next);
      tab.emit({ type: 'postmortem.updated', postmortemId: id, status: next.status, ownerId: next.ownerId });
    });
  }

  /**
   * Renames (from the open document's header). Checked here too so an empty or overlong title gets an instant
   * answer; resolves true when the new title is stored (or unchanged).
   */
  async function rename(id: string, title: string): Promise<boolean> {
    const next = title.trim();
    const current = tab.postmortems.find((p) => p.id === id);
    if (current && current.title === next) return true;
    const invalid = PostmortemTitleSchema.safeParse(next);
    if (!invalid.success) {
      rowErrors.value = { ...rowErrors.value, [id]: `Title: ${invalid.error.issues[0]!.message}` };
      return false;
    }
    let ok = false;
    await run(id, async () => {
      tab.upsert(await tab.api().updatePostmortem(id, { title: next }));
      ok = true;
    });
    return ok;
  }

  /** Removes the link from the incident (the document stays reachable by its own URL). */
  function remove(id: string) {
    const incidentId = tab.options?.incidentId;
    if (!incidentId) return Promise.resolve();
    confirmingRemove.value = null;
    return run(id, async () => {
      await tab.api().removePostmortem(incidentId, id);
      tab.drop(id);
      tab.emit({ type: 'postmortem.removed', postmortemId: id });
    });
  }

  function openAttach() {
    attachOpen.value = true;
    attachTitle.value = '';
    attachUrl.value = '';
    attachError.value = null;
  }

  function closeAttach() {
    attachOpen.value = false;
  }

  /** Checks the URL here too (http(s) only) so a typo gets an instant answer; the server checks again. */
  async function attach(): Promise<boolean> {
    const incidentId = tab.options?.incidentId;
    if (!incidentId || attachPending.value) return false;
    const title = attachTitle.value.trim();
    const url = attachUrl.value.trim();
    if (!title) return fail('Give the postmortem a title.');
    if (url.length > ATTACHMENT_URL_MAX)
      return fail(`The URL is longer than ${ATTACHMENT_URL_MAX} characters.`);
    if (!isAttachableUrl(url)) return fail('Only http:// and https:// links can be attached.');
    attachPending.value = true;
    attachError.value = null;
    try {
      const created = await tab.api().attachPostmortem(incidentId, { title, url });
      tab.upsert(created);
      tab.emit({ type: 'postmortem.attached', postmortemId: created.id });
      attachOpen.value = false;
      return true;
    } catch (err) {
      return fail(messageOf(err));
    } finally {
      attachPending.value = false;
    }
  }

  function fail(message: string): false {
    attachError.value = message;
    return false;
  }

  return {
    rowErrors,
    confirmingRemove,
    busy,
    attachOpen,
    attachTitle,
    attachUrl,
    attachError,
    attachPending,
    update,
    rename,
    remove,
    openAttach,
    closeAttach,
    attach,
  };
});
