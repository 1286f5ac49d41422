import type { TabEvent, TabHandle, TabMountOptions } from '@pm/contracts';

/** The shape of the tab's `mount.js` module (the contract of apps/post-incident-tab). */
export interface TabModule {
  mount(
    el: Element,
    options: TabMountOptions,
    hooks?: { onEvent?(e: TabEvent): void; onNavigate?(postmortemId: string | null): void },
  ): TabHandle;
}

export type ModuleImporter = (url: string) => Promise<unknown>;

/** Native dynamic import of a URL Vite must not try to resolve at build time. */
const nativeImport: ModuleImporter = (url) => import(/* @vite-ignore */ url);

const cache = new Map<string, Promise<TabModule>>();

/**
 * Loads the tab module from its own URL at run time (it is never compiled into the web app). The promise is
 * cached per URL; a failure is not cached, so "Retry" tries the network again.
 */
export function loadTabModule(url: string, importer: ModuleImporter = nativeImport): Promise<TabModule> {
  let p = cache.get(url);
  if (!p) {
    p = importer(url).then((mod) => {
      if (typeof (mod as Partial<TabModule> | null)?.mount !== 'function')
        throw new Error(`${url} does not export mount()`);
      return mod as TabModule;
    });
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}

/** Empties the module cache (tests). */
export function clearTabCache(): void {
  cache.clear();
}
