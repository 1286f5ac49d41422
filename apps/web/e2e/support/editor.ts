// Reads and caret moves on the collaborative editor that do not depend on layout or on who else is connected.
import type { Locator, Page } from 'playwright-core';
import { DEMO_TITLE, tid } from './harness.js';

/**
 * Puts the caret at the end of `block` (a paragraph or heading inside the editor) and focuses the editor.
 * The End key moves to the end of the *visual* line, so in a paragraph that wraps the text lands mid-sentence, and
 * where it wraps depends on the panels beside the editor; a CI run under load caught that. Tiptap keeps its editor
 * on the ProseMirror element (`dom.editor`, documented for tests), so the caret is set in document terms instead.
 */
export async function caretAtEndOf(block: Locator): Promise<void> {
  await block.evaluate((el) => {
    const root = el.closest('.ProseMirror') as (Element & { editor?: any }) | null;
    const editor = root?.editor;
    if (!editor) throw new Error('caretAtEndOf: the block is not inside a Tiptap editor');
    const pos = editor.view.posAtDOM(el, el.childNodes.length);
    editor.chain().focus().setTextSelection(pos).run();
  });
}

/**
 * The document's text as its readers see it, one block per line, without other people's caret labels: a remote
 * caret sitting inside a sentence renders the person's name there ("…refresh mx42Ada Adminwo1w"), which
 * `innerText` would include (a CI run caught it). Read from a copy so the live editor's DOM is never touched.
 */
export const documentText = (editor: Locator): Promise<string> =>
  editor.evaluate((el) => {
    const copy = el.cloneNode(true) as Element;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    copy
      .querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, pre, th, td')
      .forEach((block) => block.append('\n'));
    return copy.textContent ?? '';
  });

/** From the open Post-Incident tab: Generate with the default template, confirm, and wait for the synced editor. */
export async function generateFromTab(page: Page): Promise<string> {
  await page.click(tid('pm-generate'));
  await page.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
  await page.click(tid('pm-confirm-generate'));
  await page.waitForSelector(tid('pm-editor'), { timeout: 30_000 });
  await page.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
  return (await page.getAttribute(tid('pm-editor-view'), 'data-postmortem-id'))!;
}
