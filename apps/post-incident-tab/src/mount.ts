import { TabMountOptionsSchema, type TabEvent, type TabHandle, type TabMountOptions } from '@pm/contracts';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useGenerateStore } from './stores/generate.js';
import { useTabStore } from './stores/tab.js';
import { ensureStyles } from './styles.js';

export type { TabEvent, TabHandle, TabMountOptions };

/** Optional callbacks of the host. */
export interface TabMountHooks {
  onEvent?(e: TabEvent): void;
  /**
   * The user opened a postmortem (its id) or went back to the list (null). Hosts put it in their URL (e.g.
   * `/incidents/42/post-incident/<id>`) and pass it back as `postmortemId` on the next mount or `update`.
   */
  onNavigate?(postmortemId: string | null): void;
}

/** Thrown by {@link mount} when the options do not match `TabMountOptionsSchema`. */
export class TabOptionsError extends Error {
  override readonly name = 'TabOptionsError';
  constructor(readonly issues: string[]) {
    super(`Invalid Post-Incident tab options: ${issues.join('; ')}`);
  }
}

function renderOptionsError(el: Element, issues: string[]) {
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.setAttribute('data-testid', 'pm-options-error');
  box.style.cssText =
    'font:14px/1.4 system-ui,sans-serif;color:#8a1c1c;background:#fdecec;border:1px solid #f3b4b4;border-radius:6px;padding:12px 16px';
  const title = document.createElement('strong');
  title.textContent = 'The Post-Incident tab could not start: invalid options.';
  const list = document.createElement('ul');
  list.style.margin = '8px 0 0';
  for (const issue of issues) {
    const li = document.createElement('li');
    li.textContent = issue; // textContent: option values come from the host and are never HTML
    list.appendChild(li);
  }
  box.append(title, list);
  el.replaceChildren(box);
}

const parseOptions = (raw: unknown) => {
  const r = TabMountOptionsSchema.safeParse(raw);
  if (r.success) return r.data;
  throw new TabOptionsError(r.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`));
};

/**
 * Mounts the Post-Incident tab into `el`. Creates its own Vue app and Pinia (never the host's), validates the
 * options (on failure renders an error box in `el` and throws {@link TabOptionsError}), and returns a handle to
 * update the options (e.g. a new incident or token) or to tear everything down.
 */
export function mount(el: Element, options: TabMountOptions, hooks: TabMountHooks = {}): TabHandle {
  if (!(el instanceof Element)) throw new TypeError('mount(el): el must be a DOM element');
  let parsed;
  try {
    parsed = parseOptions(options);
  } catch (err) {
    if (err instanceof TabOptionsError) renderOptionsError(el, err.issues);
    throw err;
  }
  ensureStyles(el.ownerDocument);

  const app = createApp(App);
  const pinia = createPinia();
  app.use(pinia);
  const tab = useTabStore(pinia);
  const gen = useGenerateStore(pinia);
  tab.configure(parsed, hooks);
  app.mount(el);
  // `openGenerate`: the host's "Generate postmortem" action lands here with the dialog already open.
  void tab.load().then(() => {
    if (parsed.openGenerate && tab.canWrite && tab.loadState === 'ready') void gen.openDialog();
  });

  let current: TabMountOptions = options;
  let mounted = true;
  return {
    update(patch) {
      if (!mounted) return;
      const next = parseOptions({ ...current, ...patch });
      current = { ...current, ...patch };
      // Explicit `postmortemId: undefined` in the patch means "show the list".
      if (tab.configure(next)) {
        gen.closeDialog();
        void tab.load();
      }
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      gen.dispose();
      tab.dispose();
      app.unmount(); // unmounts the editor component, which destroys its editor and provider
      el.replaceChildren();
    },
  };
}
