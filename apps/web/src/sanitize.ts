import DOMPurify, { type Config } from 'dompurify';

/**
 * What the template preview may show: the elements and attributes the API's document renderer (@pm/doc-model
 * `jsonToHtml`) emits and nothing else, so no script, style, form control, media or SVG; `data-*` attributes stay.
 * Links keep only http(s) and mailto targets. The tab's previews use the same list
 * (apps/post-incident-tab/src/sanitize.ts): change both together.
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

/** Sanitizes the server's preview HTML with DOMPurify before Vue puts it into the page with `v-html`. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, PREVIEW_HTML);
}
