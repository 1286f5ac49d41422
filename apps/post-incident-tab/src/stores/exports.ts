import type { ConnectedAccount, Export, ExportKind } from '@pm/api-client';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { messageOf } from '../util.js';
import { useTabStore } from './tab.js';

/** What the row / header shows of a postmortem's latest export. */
export interface ExportStatus {
  kind: ExportKind;
  state: Export['state'] | 'downloading';
  progress: number;
  url: string | null;
  error: string | null;
}

/** The "Export to Confluence… / Google Drive…" dialog. */
export interface DestinationDialog {
  postmortemId: string;
  kind: 'confluence' | 'google_docs';
}

const FAILED_PREFIX: Record<ExportKind, string> = {
  markdown: 'Markdown download failed',
  html: 'HTML download failed',
  pdf: 'PDF download failed',
  confluence: 'Export to Confluence failed',
  google_docs: 'Export to Google Drive failed',
};

/** Saves a blob as a file through a temporary object URL (the file came with the bearer token, not a link). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads (Markdown, HTML, PDF) and exports to Confluence / Google Drive: starts the export, follows its
 * progress, then saves the file or shows the page link; a failure shows the worker's reason.
 */
export const useExportsStore = defineStore('pm-exports', () => {
  const tab = useTabStore();
  const status = ref<Record<string, ExportStatus>>({});
  const dialog = ref<DestinationDialog | null>(null);
  const accounts = ref<ConnectedAccount[]>([]);
  const accountsNote = ref<string | null>(null);
  const form = ref({ accountId: '', spaceKey: '', parentPageId: '', folderId: '' });
  const dialogError = ref<string | null>(null);

  const set = (id: string, s: ExportStatus) => (status.value = { ...status.value, [id]: s });
  const fromRow = (e: Export): ExportStatus => ({
    kind: e.kind,
    state: e.state,
    progress: e.progress,
    url: e.url,
    error: e.error ? `${FAILED_PREFIX[e.kind]}: ${e.error.message}` : null,
  });

  /** Runs one export to its end; resolves with the final row (null when it could not start). */
  async function run(
    postmortemId: string,
    body: Parameters<ReturnType<typeof tab.api>['exports']['create']>[1],
  ) {
    const api = tab.api().exports;
    set(postmortemId, { kind: body.kind, state: 'queued', progress: 0, url: null, error: null });
    try {
      const created = await api.create(postmortemId, body);
      const final = await api.watch(created.id, (e) => set(postmortemId, fromRow(e)));
      if (!final) return null;
      set(postmortemId, fromRow(final));
      return final;
    } catch (err) {
      set(postmortemId, {
        kind: body.kind,
        state: 'failed',
        progress: 0,
        url: null,
        error: `${FAILED_PREFIX[body.kind]}: ${messageOf(err)}`,
      });
      return null;
    }
  }

  /** Renders the file in the worker, then fetches it with the session token and saves it. */
  async function download(postmortemId: string, kind: 'markdown' | 'html' | 'pdf') {
    const final = await run(postmortemId, { kind });
    if (final?.state !== 'ready') return;
    set(postmortemId, { ...fromRow(final), state: 'downloading' });
    try {
      const file = await tab.api().exports.download(final.id);
      saveBlob(file.blob, final.fileName ?? file.fileName);
      set(postmortemId, fromRow(final));
    } catch (err) {
      set(postmortemId, {
        ...fromRow(final),
        state: 'failed',
        error: `${FAILED_PREFIX[kind]}: ${messageOf(err)}`,
      });
    }
  }

  /** Opens the destination dialog; lists the accounts of that service when the user may see them. */
  async function openDestination(postmortemId: string, kind: DestinationDialog['kind']) {
    dialog.value = { postmortemId, kind };
    form.value = { accountId: '', spaceKey: '', parentPageId: '', folderId: '' };
    dialogError.value = null;
    accountsNote.value = null;
    accounts.value = [];
    try {
      const service = kind === 'confluence' ? 'confluence' : 'google';
      accounts.value = (await tab.api().exports.accounts()).items.filter((a) => a.kind.startsWith(service));
      form.value.accountId = accounts.value[0]?.id ?? '';
      if (!accounts.value.length)
        accountsNote.value = `No ${kind === 'confluence' ? 'Confluence' : 'Google'} account is connected yet: an admin adds one in Settings → Integrations. Leave the fields empty to use the template's save location.`;
    } catch {
      accountsNote.value =
        "You cannot list connected accounts; leave the fields empty to use the template's save location.";
    }
  }

  /** Starts the export from the dialog (empty fields: the template's save location is used). */
  async function submitDestination() {
    const d = dialog.value;
    if (!d) return;
    const f = form.value;
    const body =
      d.kind === 'confluence'
        ? {
            kind: d.kind,
            ...(f.accountId ? { accountId: f.accountId } : {}),
            ...(f.spaceKey.trim() ? { spaceKey: f.spaceKey.trim() } : {}),
            ...(f.parentPageId.trim() ? { parentPageId: f.parentPageId.trim() } : {}),
          }
        : {
            kind: d.kind,
            ...(f.accountId ? { accountId: f.accountId } : {}),
            ...(f.folderId.trim() ? { folderId: f.folderId.trim() } : {}),
          };
    dialogError.value = null;
    try {
      // Validate and create first, so a refusal (no account, bad space key) stays in the dialog.
      const created = await tab.api().exports.create(d.postmortemId, body);
      dialog.value = null;
      set(d.postmortemId, fromRow(created));
      const final = await tab.api().exports.watch(created.id, (e) => set(d.postmortemId, fromRow(e)));
      if (final) set(d.postmortemId, fromRow(final));
    } catch (err) {
      if (dialog.value) dialogError.value = messageOf(err);
      else
        set(d.postmortemId, { kind: d.kind, state: 'failed', progress: 0, url: null, error: messageOf(err) });
    }
  }

  return {
    status,
    dialog,
    accounts,
    accountsNote,
    form,
    dialogError,
    download,
    openDestination,
    submitDestination,
  };
});
