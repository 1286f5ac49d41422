/** Runtime configuration, set by `/config.js` (overwritten at deploy time) before the app starts. */
export interface RuntimeConfig {
  /** Base URL of the REST API. */
  apiUrl: string;
  /** URL of the Post-Incident tab's `mount.js`. */
  tabUrl: string;
}

declare global {
  interface Window {
    __PM_CONFIG__?: Partial<RuntimeConfig>;
  }
}

const DEFAULTS: RuntimeConfig = { apiUrl: 'http://127.0.0.1:3000', tabUrl: 'http://127.0.0.1:4174/mount.js' };

/** Reads `window.__PM_CONFIG__`, falling back per key to the local-development defaults. */
export function runtimeConfig(): RuntimeConfig {
  const c = globalThis.window?.__PM_CONFIG__ ?? {};
  return { apiUrl: c.apiUrl || DEFAULTS.apiUrl, tabUrl: c.tabUrl || DEFAULTS.tabUrl };
}
