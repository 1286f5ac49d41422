import type { JSONContent } from '@tiptap/core';
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
      return isSafeHref(href) ? `[${inner}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)` : inner;
    }
    default:
      return inner; // underline etc. have no Markdown form: keep the text
  }
}

function inlineToMarkdown(nodes: JSONContent[]): string {
  const out: string[] = [];
  for (const n of nodes) {
    if (n.type === 'hardBreak') {
      out.push('\\\n');
      continue;
    }
    if (n.type !== 'text') continue;
    const marks = n.marks ?? [];
    const raw = n.text ?? '';
    let s: string;
    if (marks.some((m) => m.type === 'code')) {
      const ticks = /`+/g.test(raw) ? '``' : '`';
      s = `${ticks}${ticks.length > 1 ? ' ' : ''}${raw}${ticks.length > 1 ? ' ' : ''}${ticks}`;
    } else {
      s = escapeMarkdownText(raw);
    }
    // Emphasis delimiters must hug non-space text, so move surrounding spaces outside the marks.
    const lead = /^\s*/.exec(s)![0];
    const trail = /\s*$/.exec(s.slice(lead.length))![0];
    let core = s.slice(lead.length, s.length - trail.length);
    if (core) for (const m of marks) if (m.type !== 'code') core = wrapMark(m, core);
    out.push(lead + core + trail);
  }
  return out.join('');
}

function indent(lines: string[], first: string, rest: string): string[] {
  return lines.map((l, i) => (i === 0 ? first : l === '' ? '' : rest) + l);
}

function cellText(cell: JSONContent): string {
  return (cell.content ?? [])
    .map((b) => inlineToMarkdown(b.content ?? []))
    .join(' ')
    .replace(/\n/g, ' ');
}

function blockToLines(node: JSONContent): string[] {
  const children = node.content ?? [];
  switch (node.type ?? '') {
    case 'paragraph':
      return inlineToMarkdown(children).split('\n');
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.['level'] ?? 1)));
      return [`${'#'.repeat(level)} ${inlineToMarkdown(children).replace(/\\\n/g, ' ')}`];
    }
    case 'codeBlock': {
      const text = children.map((c) => c.text ?? '').join('');
      const fence = text.includes('```') ? '~~~~' : '```';
      const lang = String(node.attrs?.['language'] ?? '').replace(/[^\w+-]/g, '');
      return [fence + lang, ...text.split('\n'), fence];
    }
    case 'blockquote':
      return blocksToLines(children, false).map((l) => (l ? `> ${l}` : '>'));
    case 'horizontalRule':
      return ['---'];
    case 'bulletList':
      return children.flatMap((item) => indent(blocksToLines(item.content ?? [], true), '- ', '  '));
    case 'orderedList': {
      const start = Number(node.attrs?.['start'] ?? 1);
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
        ...incidentCardRows(node.attrs).map(([k, v]) => `| ${k} | ${escapeMarkdownText(v)} |`),
      ];
    case 'table': {
      const rows = children.map((row) => (row.content ?? []).map(cellText));
      if (rows.length === 0) return [];
      const width = Math.max(...rows.map((r) => r.length));
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
 * it reads back as the same text; links that are not http(s)/mailto are dropped (text kept).
 */
export function jsonToMarkdown(json: JSONContent): string {
  return blocksToLines(json.content ?? [], false).join('\n') + '\n';
}
