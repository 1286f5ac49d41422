import type { GenerationState, Postmortem } from '@pm/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { messageOf, uuid } from '../util.js';
import { useTabStore } from './tab.js';

/** Steps of a generation, in order, with the label shown under the progress bar. */
export const GENERATION_STEPS: { state: GenerationState; label: string }[] = [
  { state: 'queued', label: 'Queued' },
  { state: 'rendering', label: 'Rendering template' },
  { state: 'storing', label: 'Saving document' },
  { state: 'ready', label: 'Ready' },
];

/**
 * The "Generate new postmortem" dialog: template choice, live preview, the one POST, and its progress.
 * The idempotency key is minted once per dialog opening, so any number of clicks yields one postmortem.
 */
export const useGenerateStore = defineStore('pm-generate', () => {
  const tab = useTabStore();
  const isOpen = ref(false);
  const templateId = ref<string | null>(null);
  const idempotencyKey = ref<string | null>(null);
  const previewHtml = ref('');
  const previewWarnings = ref<string[]>([]);
  const previewState = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const previewError = ref<string | null>(null);
  const pending = ref(false);
  const error = ref<string | null>(null);
  const job = ref<Postmortem | null>(null);
  /** "Show all templates": off, the choice is narrowed to the incident's type (plus templates for any type). */
  const showAll = ref(false);

  /** Templates for this incident's type and templates without a type; all of them when nothing matches. */
  const matchingTemplates = computed(() =>
    tab.templates.filter((t) => !t.incidentType || tab.incidentType.includes(t.incidentType)),
  );
  const visibleTemplates = computed(() =>
    showAll.value || matchingTemplates.value.length === 0 ? tab.templates : matchingTemplates.value,
  );
  /** Whether the toggle changes anything (some templates are for other incident types). */
  const canShowAll = computed(
    () => matchingTemplates.value.length > 0 && matchingTemplates.value.length < tab.templates.length,
  );
  /** The one template labelled "(default)": the default for this incident (type default, else global). */
  const defaultId = computed(() => tab.defaultTemplate?.id ?? null);

  let previewCtrl: AbortController | null = null;

  /** 0–100 for the progress bar: the worker's figure, 100 when ready. */
  const percent = computed(() => {
    const j = job.value;
    if (!j) return 0;
    return j.generationState === 'ready' ? 100 : Math.max(0, Math.min(100, j.progress));
  });
  const stepLabel = computed(() => {
    const j = job.value;
    if (!j) return '';
    if (j.generationState === 'failed') return `Failed: ${j.failureReason ?? 'unknown reason'}`;
    return GENERATION_STEPS.find((s) => s.state === j.generationState)?.label ?? j.generationState;
  });

  /** Opens the dialog with the default template preselected and a fresh idempotency key. */
  async function openDialog() {
    isOpen.value = true;
    idempotencyKey.value = uuid();
    error.value = null;
    job.value = null;
    pending.value = false;
    showAll.value = false;
    templateId.value = tab.defaultTemplate?.id ?? null;
    await refreshPreview();
  }

  /** Narrowing again while a template of another type is chosen falls back to the default one. */
  async function setShowAll(on: boolean) {
    showAll.value = on;
    if (!visibleTemplates.value.some((t) => t.id === templateId.value)) {
      templateId.value = defaultId.value ?? visibleTemplates.value[0]?.id ?? null;
      await refreshPreview();
    }
  }

  function closeDialog() {
    previewCtrl?.abort();
    isOpen.value = false;
  }

  async function selectTemplate(id: string) {
    templateId.value = id;
    await refreshPreview();
  }

  /** Renders the selected template against the incident on the server (cancels a preview still in flight). */
  async function refreshPreview() {
    const incidentId = tab.options?.incidentId;
    if (!templateId.value || !incidentId) {
      previewState.value = 'idle';
      return;
    }
    previewCtrl?.abort();
    const ctrl = (previewCtrl = new AbortController());
    previewState.value = 'loading';
    previewError.value = null;
    try {
      // DOMPurify loads with the first preview, in parallel with the request: the list view never needs it.
      const [p, { sanitizeHtml }] = await Promise.all([
        tab.api().previewTemplate({ templateId: templateId.value, incidentId }, ctrl.signal),
        import('../sanitize.js'),
      ]);
      if (ctrl.signal.aborted) return;
      previewHtml.value = sanitizeHtml(p.html);
      previewWarnings.value = p.warnings;
      previewState.value = 'ready';
    } catch (err) {
      if (ctrl.signal.aborted) return;
      previewState.value = 'error';
      previewError.value = messageOf(err);
    }
  }

  /**
   * Sends the generation request once (ignored while one is pending), follows its progress and, when ready,
   * opens the postmortem in the editor. A retry after an error reuses the key, so the server de-duplicates it.
   */
  async function generate(): Promise<Postmortem | null> {
    const incidentId = tab.options?.incidentId;
    if (pending.value || !templateId.value || !incidentId || !idempotencyKey.value) return null;
    pending.value = true;
    error.value = null;
    try {
      const created = await tab
        .api()
        .generatePostmortem(incidentId, { templateId: templateId.value }, idempotencyKey.value);
      job.value = created;
      tab.upsert(created);
      tab.emit({ type: 'postmortem.generating', postmortemId: created.id });
      const final = await tab.follow(created.id, (p) => (job.value = p));
      if (final) job.value = final;
      if (final?.generationState === 'ready') {
        isOpen.value = false;
        // A notebook opens in the editor; a Confluence / Drive postmortem lives at its link in the list.
        if (final.destination === 'notebook' && final.documentId) tab.open(final.id);
      } else if (final?.generationState === 'failed') {
        error.value = final.failureReason ?? 'Generation failed';
        idempotencyKey.value = uuid(); // that postmortem is finished: trying again is a new request
      }
      return final;
    } catch (err) {
      error.value = messageOf(err);
      return null;
    } finally {
      pending.value = false;
    }
  }

  function dispose() {
    previewCtrl?.abort();
  }

  return {
    isOpen,
    templateId,
    idempotencyKey,
    previewHtml,
    previewWarnings,
    previewState,
    previewError,
    pending,
    error,
    job,
    showAll,
    visibleTemplates,
    canShowAll,
    defaultId,
    setShowAll,
    percent,
    stepLabel,
    openDialog,
    closeDialog,
    selectTemplate,
    refreshPreview,
    generate,
    dispose,
  };
});
