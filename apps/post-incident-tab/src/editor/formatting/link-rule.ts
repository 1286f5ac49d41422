import { isSafeHref } from '@pm/doc-model';
import type { Editor } from '@tiptap/core';
import type {} from './actions.js';

/** What the link prompt makes of the typed text. */
export type LinkInput = { ok: true; href: string } | { ok: false; message: string };

export const LINK_REFUSED =
  'Only web (http, https) and email (mailto) links are allowed. Other kinds of links could run code or open local files.';

/**
 * Turns what someone typed into a link target, with the one rule every output uses ({@link isSafeHref}: http(s) and
 * mailto only). A bare host ("status.example.com/x") gets https://, a bare address ("ops@example.com") gets mailto:;
 * anything with another scheme (javascript:, data:, file:…) is refused with a message instead of silently fixed.
 */
export function parseLinkInput(raw: string): LinkInput {
  const text = raw.trim();
  if (!text) return { ok: false, message: 'Enter a link address.' };
  // eslint-disable-next-line no-control-regex -- browsers ignore control characters inside a scheme, so do we
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(text.replace(/[\s\u0000-\u001f]/g, ''));
  let href = text;
  if (!hasScheme) {
    if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(text)) href = `mailto:${text}`;
    else if (/^[^\s/]+\.[^\s/]+/.test(text) && !text.startsWith('.')) href = `https://${text}`;
    else return { ok: false, message: 'Enter a full address such as https://example.com/runbook.' };
  }
  return isSafeHref(href) ? { ok: true, href } : { ok: false, message: LINK_REFUSED };
}

/**
 * Applies a link to the selection (or the whole link the cursor is in); with an empty selection outside a link the
 * address itself is inserted as linked text. Returns false when the schema's Link extension refused it.
 */
export function applyLink(editor: Editor, href: string): boolean {
  const { empty } = editor.state.selection;
  if (empty && !editor.isActive('link')) {
    return editor
      .chain()
      .focus()
      .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
      .run();
  }
  return editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
}

/** Removes the link around the cursor or from the selection. */
export function removeLink(editor: Editor): boolean {
  return editor.chain().focus().extendMarkRange('link').unsetLink().run();
}
