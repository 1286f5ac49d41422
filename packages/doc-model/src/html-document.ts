import type { JSONContent } from '@tiptap/core';
import { withoutAiSuggestions } from './ai-suggestion.js';
import { escapeHtml, jsonToHtml } from './html.js';

/**
 * Content-Security-Policy of exported documents: nothing may load or run (no scripts, frames, fonts, remote images,
 * form targets), only the inline stylesheet and `data:` images. A downloaded file opened from disk, or the page the
 * PDF renderer prints, therefore cannot call out even if some markup slipped past escaping.
 */
export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Stylesheet of exported documents: readable on screen, and paginates cleanly when printed or turned into PDF. */
export const EXPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; color: #1f2328; background: #fff; }
body { margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; overflow-wrap: anywhere; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 1.9rem; margin-top: 0; } h2 { font-size: 1.45rem; border-bottom: 1px solid #d8dee4; padding-bottom: 0.2em; }
h3 { font-size: 1.2rem; } h4, h5, h6 { font-size: 1rem; }
p { margin: 0 0 0.8em; }
a { color: #0b5cad; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.9em; }
code { background: #f1f3f5; border-radius: 4px; padding: 0.1em 0.3em; }
pre { background: #f6f8fa; border: 1px solid #d8dee4; border-radius: 6px; padding: 0.8em 1em; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
blockquote { margin: 0 0 0.8em; padding: 0.1em 1em; border-left: 4px solid #d0d7de; color: #57606a; }
hr { border: 0; border-top: 1px solid #d0d7de; margin: 1.5em 0; }
ul, ol { padding-left: 1.6em; margin: 0 0 0.8em; }
li > p { margin: 0 0 0.25em; }
ul[data-type="taskList"] { list-style: none; padding-left: 0.2em; }
li[data-type="taskItem"] { display: flex; gap: 0.5em; align-items: baseline; }
li[data-type="taskItem"] > label { flex: none; }
li[data-type="taskItem"] > div { flex: 1; }
li[data-checked="true"] > div { color: #57606a; text-decoration: line-through; }
table { border-collapse: collapse; margin: 0 0 1em; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td > p:last-child, th > p:last-child { margin-bottom: 0; }
.pm-incident-card table { width: auto; min-width: 24rem; }
.pm-incident-card th { white-space: nowrap; }
.pm-callout { margin: 0 0 0.8em; padding: 0.6em 1em; border: 1px solid #b2ddff; border-left: 4px solid #2e90fa; border-radius: 6px; background: #eff8ff; }
.pm-callout > :last-child { margin-bottom: 0; }
.pm-callout--warning { border-color: #fedf89; border-left-color: #f79009; background: #fffaeb; }
.pm-callout--danger { border-color: #fecdca; border-left-color: #f04438; background: #fef3f2; }
.pm-callout--success { border-color: #abefc6; border-left-color: #17b26a; background: #ecfdf3; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  html { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  pre, blockquote, tr, .pm-incident-card, .pm-callout, li[data-type="taskItem"] { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

/** Options of {@link jsonToHtmlDocument}. */
export interface HtmlDocumentOptions {
  /** The document title (browser tab, PDF metadata). Escaped. */
  title: string;
  /** BCP 47 language tag of the content; anything that is not a plain tag falls back to `en`. */
  lang?: string;
  /** The policy put in the page's CSP meta element (default {@link EXPORT_CSP}); e.g. a hash-based style-src. */
  csp?: string;
}

/**
 * A complete, self-contained HTML page of a document: doctype, UTF-8, the strict {@link EXPORT_CSP}, the title, the
 * inline {@link EXPORT_CSS} and the body rendered by {@link jsonToHtml}. It references nothing outside itself and
 * contains no script, so it can be downloaded as a file or handed to the PDF renderer as is.
 */
export function jsonToHtmlDocument(json: JSONContent, options: HtmlDocumentOptions): string {
  const lang = options.lang && /^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/.test(options.lang) ? options.lang : 'en';
  return [
    `<!doctype html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n`,
    `<meta http-equiv="Content-Security-Policy" content="${(options.csp ?? EXPORT_CSP).replace(/"/g, '')}">\n`,
    '<meta name="referrer" content="no-referrer">\n',
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    `<title>${escapeHtml(options.title)}</title>\n<style>${EXPORT_CSS}</style>\n</head>\n<body>\n<main>\n`,
    jsonToHtml(withoutAiSuggestions(json)), // unaccepted AI suggestions are not exported
    '\n</main>\n</body>\n</html>\n',
  ].join('');
}
