import { ApiError, type TemplatePreview } from '@pm/api-client';
import type { Destination, IncidentType, Template, TemplateIssueDto, TemplateVariable } from '@pm/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useApi } from '../api.js';

/** The editable fields of a template (what the form holds). */
export interface TemplateDraft {
  id: string | null;
  name: string;
  content: string;
  destination: Destination;
  incidentType: string | null;
  confluence: { accountId: string; spaceKey: string; parentPageId: string | null };
  googleDocs: { accountId: string; folderId: string };
}

export const emptyDraft = (): TemplateDraft => ({
  id: null,
  name: '',
  content: '# Postmortem: {{incident.title}}\n\n## Timeline\n\n{{incident.timeline}}\n',
  destination: 'notebook',
  incidentType: null,
  confluence: { accountId: '', spaceKey: '', parentPageId: null },
  googleDocs: { accountId: '', folderId: '' },
});

const api = () => useApi().templates;

/** Line:col problems of an API error (422 TEMPLATE_INVALID), else none. */
export function issuesOf(err: unknown): TemplateIssueDto[] {
  const details =
    err instanceof ApiError ? (err.details as { errors?: TemplateIssueDto[] } | undefined) : undefined;
  return details?.errors ?? [];
}

/** Template settings: list, variable catalog, the draft being edited and its live preview. */
export const useTemplatesStore = defineStore('templates', () => {
  const items = ref<Template[]>([]);
  const variables = ref<TemplateVariable[]>([]);
  const incidentTypes = ref<IncidentType[]>([]);
  const error = ref<string | null>(null);
  const saveIssues = ref<TemplateIssueDto[]>([]);
  const preview = ref<TemplatePreview | null>(null);
  const previewIssues = ref<TemplateIssueDto[]>([]);
  const previewError = ref<string | null>(null);
  let previewAbort: AbortController | null = null;

  async function load() {
    error.value = null;
    try {
      const [list, vars, types] = await Promise.all([
        api().list(),
        api().variables(),
        useApi().listIncidentTypes(),
      ]);
      items.value = list.items;
      variables.value = vars.items;
      incidentTypes.value = types.items;
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  /** Saves the draft (create or update); returns the saved template, or null with `saveIssues`/`error` set. */
  async function save(d: TemplateDraft): Promise<Template | null> {
    error.value = null;
    saveIssues.value = [];
    const body = {
      name: d.name,
      content: d.content,
      destination: d.destination,
      confluence:
        d.destination === 'confluence'
          ? { ...d.confluence, parentPageId: d.confluence.parentPageId || null }
          : null,
      googleDocs: d.destination === 'google_docs' ? d.googleDocs : null,
    };
    try {
      const saved = d.id
        ? await api().update(d.id, body)
        : await api().create({ ...body, incidentType: d.incidentType });
      await load();
      return saved;
    } catch (err) {
      saveIssues.value = issuesOf(err);
      error.value = (err as Error).message;
      return null;
    }
  }

  async function setDefault(id: string, isDefault: boolean) {
    await api().update(id, { isDefault });
    await load();
  }

  async function remove(id: string) {
    await api().remove(id);
    await load();
  }

  /** Renders `content` against an incident; a newer call aborts the older one (typing fast). */
  async function runPreview(input: {
    content: string;
    incidentId: string;
    destination: Destination;
    timeZone?: string;
    importantOnly?: boolean;
  }) {
    previewAbort?.abort();
    const ctrl = new AbortController();
    previewAbort = ctrl;
    try {
      const res = await api().preview(input, ctrl.signal);
      if (ctrl.signal.aborted) return;
      preview.value = res;
      previewIssues.value = res.errors;
      previewError.value = null;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ABORTED') return;
      previewIssues.value = issuesOf(err);
      previewError.value = (err as Error).message;
    }
  }

  const exportAll = () => api().exportAll();
  const exportOne = (id: string) => api().exportOne(id);
  async function importFiles(input: { templates?: unknown[]; markdown?: string[] }) {
    const res = await api().import(input);
    await load();
    return res;
  }

  return {
    items,
    variables,
    incidentTypes,
    error,
    saveIssues,
    preview,
    previewIssues,
    previewError,
    load,
    save,
    setDefault,
    remove,
    runPreview,
    exportAll,
    exportOne,
    importFiles,
  };
});
