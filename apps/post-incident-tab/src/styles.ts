const MARK = 'data-pm-tab-styles';

/**
 * Loads the tab's one CSS file next to `mount.js` (library mode extracts CSS and does not inject it).
 * The URL is resolved from this module's own URL, so the tab works wherever it is hosted.
 * In dev and tests Vite injects styles itself, so nothing is loaded there.
 */
export function ensureStyles(doc: Document = document): void {
  if (!import.meta.env.PROD || doc.head.querySelector(`link[${MARK}]`)) return;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL(/* @vite-ignore */ './mount.css', import.meta.url).href;
  link.setAttribute(MARK, '');
  doc.head.appendChild(link);
}
