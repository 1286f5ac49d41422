import type { JSONContent } from '@tiptap/core';
import { withoutAiSuggestions } from './ai-suggestion.js';
import { calloutTone, type CalloutTone } from './callout.js';
import { followUpMeta, followUpSnapshot } from './follow-ups.js';
import { incidentCardRows } from './incident-card.js';
import { isSafeHref } from './url.js';

/**
 * Strict escape for untrusted values: every ASCII punctuation character that can take part in
 * CommonMark/GFM markup gets a backslash (CommonMark allows escaping any ASCII punctuation, and the
 * backslash disappears when parsed), and indentation after newlines is removed so a value can never
 * open an indented code block. Use it for data spliced into Markdown source.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()<>#+\-.!|~&=:"'$%^@]/g, '\\$&')
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/^[ \t]+/, '');
}

/**
 * Readable escape for exported Markdown: only characters that would change the rendering are escaped,
 * so "10:30 - done." stays as typed.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/^([ \t]*)([#>+=-])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}

type MarkJSON = NonNullable<JSONContent['marks']>[number];

function wrapMark(mark: MarkJSON, inner: string): string {
  switch (mark.type ?? '') {
    case 'bold':
      return `**${inner}**`;
    case 'italic':
      return `*${inner}*`;
    case 'strike':
      return `~~${inner}~~`;
    case 'link': {
      const href: unknown = mark.attrs?.['href'];
      return isSafeHref(href) ? `[${inner}](<${href.replace(/[<>"'\s]/g, encodeURIComponent)}>)` : inner;
    }
    default:
      return inner; // underline etc. have no Markdown form: keep the text
  }
}

/** Length of the longest run of `ch` in `text` (code spans and fences must use a longer run). */
function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text[i] === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/**
 * A code span that shows `raw` verbatim: its backtick fence is longer than any backtick run inside, padded with
 * spaces when the text touches a backtick. Inside a table cell `|` still splits the cell (GFM), so it is escaped.
 */
function codeSpan(raw: string, inTable: boolean): string {
  const ticks = '`'.repeat(longestRun(raw, '`') + 1);
  const pad = raw.startsWith('`') || raw.endsWith('`') ? ' ' : '';
  const body = (inTable ? raw.replace(/\|/g, '\\|') : raw).replace(/\n/g, ' ');
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

const SPACE = /\s/;

/** Callout tone → GFM alert type. */
const GFM_ALERT: Record<CalloutTone, string> = {
  info: 'NOTE',
  warning: 'WARNING',
  danger: 'CAUTION',
  success: 'TIP',
};

function inlineToMarkdown(nodes: JSONContent[], inTable = false): string {
  const out: string[] = [];
  for (const n of nodes) {
    if (n.type === 'hardBreak') {
      // A GFM table row is one line: a break inside a cell becomes a space.
      out.push(inTable ? ' ' : '\\\n');
      continue;
    }
    if (n.type !== 'text') continue;
    const marks = n.marks ?? [];
    const raw = n.text ?? '';
    let s: string;
    if (marks.some((m) => m.type === 'code')) {
      s = codeSpan(raw, inTable);
    } else {
      s = escapeMarkdownText(raw);
      if (inTable) s = s.replace(/\r?\n/g, ' ');
    }
    // Emphasis delimiters must hug non-space text, so move surrounding spaces outside the marks.
    // (Index scans rather than /\s*$/, which backtracks quadratically on long runs of spaces.)
    let a = 0;
    while (a < s.length && SPACE.test(s[a]!)) a++;
    let b = s.length;
    while (b > a && SPACE.test(s[b - 1]!)) b--;
    const lead = s.slice(0, a);
    const trail = s.slice(b);
    let core = s.slice(a, b);
    if (core) for (const m of marks) if (m.type !== 'code') core = wrapMark(m, core);
    const chunk = lead + core + trail;
    // "!" right before a link's "[" would turn the link into an image.
    const prev = out.length - 1;
    if (chunk.startsWith('[') && prev >= 0 && out[prev]!.endsWith('!'))
      out[prev] = out[prev]!.slice(0, -1) + '\\!';
    out.push(chunk);
  }
  return out.join('');
}

function indent(lines: string[], first: string, rest: string): string[] {
  return lines.map((l, i) => (i === 0 ? first : l === '' ? '' : rest) + l);
}

function cellText(cell: JSONContent): string {
  return (cell.content ?? []).map((b) => inlineToMarkdown(b.content ?? [], true)).join(' ');
}

/** A one-line table cell value of the incident card (values may hold newlines). */
function cardValue(v: string): string {
  return escapeMarkdownText(v.replace(/\s*\r?\n\s*/g, ' '));
}

function blockToLines(node: JSONContent): string[] {
  const children = node.content ?? [];
  switch (node.type ?? '') {
    case 'paragraph':
      // Leading spaces would turn a paragraph into an indented code block (4+) and are dropped by Markdown anyway.
      return inlineToMarkdown(children)
        .replace(/^[ \t]+/, '')
        .split('\n');
    case 'heading': {
      const level = Math.min(6, Math.max(1, Math.trunc(Number(node.attrs?.['level'] ?? 1)) || 1));
      return [`${'#'.repeat(level)} ${inlineToMarkdown(children).replace(/\\\n/g, ' ')}`];
    }
    case 'codeBlock': {
      const text = children.map((c) => c.text ?? '').join('');
      const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
      const lang = String(node.attrs?.['language'] ?? '').replace(/[^\w+-]/g, '');
      return [fence + lang, ...text.split('\n'), fence];
    }
    case 'blockquote':
      return blocksToLines(children, false).map((l) => (l ? `> ${l}` : '>'));
    case 'horizontalRule':
      return ['---'];
    case 'callout':
      // A GFM alert: GitHub renders it as a callout, other CommonMark readers as a quote starting with the tag.
      return [`[!${GFM_ALERT[calloutTone(node.attrs)]}]`, ...blocksToLines(children, false)].map((l) =>
        l ? `> ${l}` : '>',
      );
    case 'bulletList':
      return children.flatMap((item) => indent(blocksToLines(item.content ?? [], true), '- ', '  '));
    case 'orderedList': {
      // CommonMark list numbers are at most 9 digits; anything else (or garbage) starts at 1.
      const raw = Math.trunc(Number(node.attrs?.['start'] ?? 1));
      const start = raw >= 0 && raw <= 999_999_999 ? raw : 1;
      return children.flatMap((item, i) => {
        const marker = `${start + i}. `;
        return indent(blocksToLines(item.content ?? [], true), marker, ' '.repeat(marker.length));
      });
    }
    case 'taskList':
      return children.flatMap((item) => {
        const marker = item.attrs?.['checked'] ? '- [x] ' : '- [ ] ';
        return indent(blocksToLines(item.content ?? [], true), marker, '  ');
      });
    case 'incidentCard':
      return [
        '| Field | Value |',
        '| --- | --- |',
        ...incidentCardRows(node.attrs).map(([k, v]) => `| ${k} | ${cardValue(v)} |`),
      ];
    case 'followUps': {
      const items = followUpSnapshot(node.attrs);
      if (items.length === 0) return ['_No follow-ups._'];
      return items.map((f) => `- [${f.done ? 'x' : ' '}] ${cardValue(`${f.content}${followUpMeta(f)}`)}`);
    }
    case 'table': {
      const rows = children.map((row) => (row.content ?? []).map(cellText));
      if (rows.length === 0) return [];
      // A loop, not Math.max(...rows): spreading 100k rows as arguments overflows the stack.
      let width = 1;
      for (const r of rows) if (r.length > width) width = r.length;
      const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | ')} |`;
      return [line(rows[0]!), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)];
    }
    default:
      return children.length ? blocksToLines(children, false) : [];
  }
}

function blocksToLines(nodes: JSONContent[], tight: boolean): string[] {
  const out: string[] = [];
  nodes.forEach((n, i) => {
    if (i > 0 && !(tight && isList(n))) out.push('');
    for (const l of blockToLines(n)) out.push(l);
  });
  return out;
}

function isList(n: JSONContent): boolean {
  return n.type === 'bulletList' || n.type === 'orderedList' || n.type === 'taskList';
}

/**
 * Serialises a document as CommonMark + GFM (tables, task lists, strikethrough). Text is escaped so
 * it reads back as the same text; links that are not http(s)/mailto are dropped (text kept). AI suggestions nobody
 * accepted are left out.
 */
export function jsonToMarkdown(json: JSONContent): string {
  return blocksToLines(withoutAiSuggestions(json).content ?? [], false).join('\n') + '\n';
}
