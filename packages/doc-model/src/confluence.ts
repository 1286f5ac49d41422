import type { JSONContent } from '@tiptap/core';
import { withoutAiSuggestions } from './ai-suggestion.js';
import { calloutTone, type CalloutTone } from './callout.js';
import { followUpMeta, followUpSnapshot } from './follow-ups.js';
import { incidentCardRows } from './incident-card.js';
import { isSafeHref } from './url.js';

/*
 * Confluence "storage format" is XHTML plus Atlassian's `ac:` elements, parsed by Confluence as XML. So every text
 * and attribute value is XML-escaped, characters XML 1.0 forbids are dropped (Confluence rejects the whole page on
 * one of them), every element is closed (`<br/>`, `<hr/>`), and code goes into a CDATA section of the code macro.
 * The walk is over the stored JSON (no schema instance, no DOM) and writes into one array joined at the end, so the
 * cost is linear in the document size. Unknown node types keep their children's content; unknown marks keep text.
 */

// XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; lone surrogates are invalid.
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const XML_SPECIAL = /[&<>"']/g;
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes a value for XML element content or a double-quoted attribute, dropping characters XML cannot hold. */
export function escapeXml(s: string): string {
  return s.replace(XML_INVALID, '').replace(XML_SPECIAL, (c) => XML_ENTITIES[c]!);
}

/**
 * Wraps `text` in CDATA. A CDATA section ends at the first `]]>`, so each one is split across two sections
 * (`]]` ends the first, `>` starts the next): the text reads back unchanged and cannot close the macro early.
 */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(XML_INVALID, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

type MarkJSON = NonNullable<JSONContent['marks']>[number];

/** Simple marks: JSON mark type → storage-format element. Link is handled separately (it needs an href check). */
const MARK_TAGS: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  underline: 'u',
  code: 'code',
};

/** Per-document state: the output buffer and the running task id (Confluence wants ids unique within a page). */
interface Ctx {
  out: string[];
  taskId: number;
}

function openMark(mark: MarkJSON, ctx: Ctx): string | undefined {
  const type = mark.type ?? '';
  const tag = MARK_TAGS[type];
  if (tag) {
    ctx.out.push(`<${tag}>`);
    return `</${tag}>`;
  }
  if (type === 'link') {
    const href: unknown = mark.attrs?.['href'];
    // Anything but http(s)/mailto (javascript:, data:, relative…) keeps only its text.
    if (!isSafeHref(href)) return undefined;
    ctx.out.push(`<a href="${escapeXml(href)}">`);
    return '</a>';
  }
  return undefined;
}

function inline(nodes: JSONContent[], ctx: Ctx): void {
  for (const n of nodes) {
    if (n.type === 'hardBreak') {
      ctx.out.push('<br/>');
      continue;
    }
    if (n.type !== 'text') {
      // Inline atoms of an unknown kind: keep whatever text they carry.
      if (n.content) inline(n.content, ctx);
      continue;
    }
    const closes: string[] = [];
    for (const m of n.marks ?? []) {
      const close = openMark(m, ctx);
      if (close) closes.push(close);
    }
    ctx.out.push(escapeXml(n.text ?? ''));
    for (let i = closes.length - 1; i >= 0; i--) ctx.out.push(closes[i]!);
  }
}

function children(node: JSONContent, ctx: Ctx): void {
  for (const c of node.content ?? []) block(c, ctx);
}

function wrap(tag: string, node: JSONContent, ctx: Ctx, attrs = ''): void {
  ctx.out.push(`<${tag}${attrs}>`);
  children(node, ctx);
  ctx.out.push(`</${tag}>`);
}

function spanAttrs(attrs: Record<string, unknown> | undefined): string {
  let s = '';
  for (const name of ['colspan', 'rowspan'] as const) {
    const v = Number(attrs?.[name] ?? 1);
    if (Number.isInteger(v) && v > 1 && v < 1000) s += ` ${name}="${v}"`;
  }
  return s;
}

function codeBlock(node: JSONContent, ctx: Ctx): void {
  const text = (node.content ?? []).map((c) => c.text ?? '').join('');
  // The language is a macro parameter Confluence matches against its list; keep it to identifier characters.
  const lang = String(node.attrs?.['language'] ?? '')
    .replace(/[^\w+#.-]/g, '')
    .slice(0, 40);
  ctx.out.push('<ac:structured-macro ac:name="code">');
  if (lang) ctx.out.push(`<ac:parameter ac:name="language">${escapeXml(lang)}</ac:parameter>`);
  ctx.out.push(`<ac:plain-text-body>${cdata(text)}</ac:plain-text-body></ac:structured-macro>`);
}

/**
 * A task's body holds inline content only, so the item's paragraphs are joined with line breaks and a nested task
 * list follows inside the body (where Confluence's own editor puts it); other nested lists are rendered likewise.
 */
function taskList(node: JSONContent, ctx: Ctx): void {
  ctx.out.push('<ac:task-list>');
  for (const item of node.content ?? []) {
    const done = item.attrs?.['checked'] === true;
    ctx.out.push(
      `<ac:task><ac:task-id>${++ctx.taskId}</ac:task-id><ac:task-status>${done ? 'complete' : 'incomplete'}</ac:task-status><ac:task-body>`,
    );
    let first = true;
    for (const c of item.content ?? []) {
      if (c.type === 'paragraph' || c.type === 'heading') {
        if (!first) ctx.out.push('<br/>');
        inline(c.content ?? [], ctx);
        first = false;
      } else block(c, ctx);
    }
    ctx.out.push('</ac:task-body></ac:task>');
  }
  ctx.out.push('</ac:task-list>');
}

function incidentCard(node: JSONContent, ctx: Ctx): void {
  ctx.out.push('<table><tbody>');
  for (const [label, value] of incidentCardRows(node.attrs))
    ctx.out.push(`<tr><th><p>${escapeXml(label)}</p></th><td><p>${escapeXml(value)}</p></td></tr>`);
  ctx.out.push('</tbody></table>');
}

/** Follow-ups as a Confluence task list: people can still tick them there, without any script. */
function followUps(node: JSONContent, ctx: Ctx): void {
  const items = followUpSnapshot(node.attrs);
  if (items.length === 0) {
    ctx.out.push('<p>No follow-ups.</p>');
    return;
  }
  ctx.out.push('<ac:task-list>');
  for (const f of items)
    ctx.out.push(
      `<ac:task><ac:task-id>${++ctx.taskId}</ac:task-id><ac:task-status>${f.done ? 'complete' : 'incomplete'}</ac:task-status>` +
        `<ac:task-body>${escapeXml(`${f.content}${followUpMeta(f)}`)}</ac:task-body></ac:task>`,
    );
  ctx.out.push('</ac:task-list>');
}

/** Callout tone → Confluence's built-in panel macro of that colour (info blue, note yellow, warning red, tip green). */
const PANEL_MACRO: Record<CalloutTone, string> = {
  info: 'info',
  warning: 'note',
  danger: 'warning',
  success: 'tip',
};

function callout(node: JSONContent, ctx: Ctx): void {
  ctx.out.push(`<ac:structured-macro ac:name="${PANEL_MACRO[calloutTone(node.attrs)]}"><ac:rich-text-body>`);
  children(node, ctx);
  ctx.out.push('</ac:rich-text-body></ac:structured-macro>');
}

function block(node: JSONContent, ctx: Ctx): void {
  switch (node.type ?? '') {
    case 'paragraph':
      ctx.out.push('<p>');
      inline(node.content ?? [], ctx);
      ctx.out.push('</p>');
      return;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Math.trunc(Number(node.attrs?.['level'] ?? 1)) || 1));
      ctx.out.push(`<h${level}>`);
      inline(node.content ?? [], ctx);
      ctx.out.push(`</h${level}>`);
      return;
    }
    case 'bulletList':
      return wrap('ul', node, ctx);
    case 'orderedList': {
      const start = Math.trunc(Number(node.attrs?.['start'] ?? 1));
      return wrap('ol', node, ctx, Number.isFinite(start) && start !== 1 ? ` start="${start}"` : '');
    }
    case 'listItem':
      return wrap('li', node, ctx);
    case 'taskList':
      return taskList(node, ctx);
    case 'blockquote':
      return wrap('blockquote', node, ctx);
    case 'codeBlock':
      return codeBlock(node, ctx);
    case 'horizontalRule':
      ctx.out.push('<hr/>');
      return;
    case 'table':
      ctx.out.push('<table><tbody>');
      children(node, ctx);
      ctx.out.push('</tbody></table>');
      return;
    case 'tableRow':
      return wrap('tr', node, ctx);
    case 'tableHeader':
      return wrap('th', node, ctx, spanAttrs(node.attrs));
    case 'tableCell':
      return wrap('td', node, ctx, spanAttrs(node.attrs));
    case 'incidentCard':
      return incidentCard(node, ctx);
    case 'followUps':
      return followUps(node, ctx);
    case 'callout':
      return callout(node, ctx);
    case 'text':
    case 'hardBreak':
      // Inline content where a block was expected (malformed input): keep it readable inside a paragraph.
      ctx.out.push('<p>');
      inline([node], ctx);
      ctx.out.push('</p>');
      return;
    default:
      children(node, ctx);
  }
}

/**
 * Serialises a document to Confluence storage format (the `body.storage.value` of the Confluence REST API):
 * headings, marks, lists, task lists (`ac:task-list`), tables with header cells, code blocks as the `code` macro,
 * rules, quotes, line breaks, http(s)/mailto links and the incident card as a two-column table. All incident data
 * is escaped, so markup in it shows as text; other links keep only their text. Linear in document size.
 */
export function jsonToConfluenceStorage(json: JSONContent): string {
  const ctx: Ctx = { out: [], taskId: 0 };
  children(withoutAiSuggestions(json), ctx); // unaccepted AI suggestions never leave the system
  return ctx.out.join('');
}
