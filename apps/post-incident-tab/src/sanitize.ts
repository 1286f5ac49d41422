import DOMPurify, { type Config } from 'dompurify';

/**
 * What the previews may show: the elements and attributes @pm/doc-model's `jsonToHtml` emits (headings, lists,
 * task lists, tables, incident cards, links, code) and nothing else, so no script, style, form control, media or
 * SVG; `data-*` attributes stay (task lists and cards use them). Links keep only http(s) and mailto targets.
 * Task-list checkboxes are left out: a preview is read-only. The web shell's template preview uses the same list
 * (apps/web/src/sanitize.ts): change both together.
 */
const PREVIEW_HTML: Config = {
  ALLOWED_TAGS: [
    ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'br', 'hr'],
    ...['strong', 'em', 's', 'u', 'a', 'span', 'div', 'label', 'ul', 'ol', 'li'],
    ...['table', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td'],
  ],
  ALLOWED_ATTR: ['href', 'target', 'rel', 'class', 'colspan', 'rowspan', 'start'],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
};

/** Sanitizes server- or document-rendered HTML with DOMPurify before Vue puts it into the page with `v-html`. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, PREVIEW_HTML);
}
