import { withoutAiSuggestions } from './ai-suggestion.js';
import type { JSONContent } from '@tiptap/core';
import { followUpMeta, followUpSnapshot } from './follow-ups.js';
import { incidentCardRows } from './incident-card.js';

const CELL_TYPES = new Set(['tableCell', 'tableHeader']);

function collect(node: JSONContent, lines: string[], current: string[]): void {
  if (node.type === 'text') {
    current.push(node.text ?? '');
    return;
  }
  if (node.type === 'hardBreak') {
    current.push('\n');
    return;
  }
  const children = node.content ?? [];
  const isTextBlock =
    children.length > 0 && children.every((c) => c.type === 'text' || c.type === 'hardBreak');
  if (isTextBlock || node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock') {
    const own: string[] = [];
    for (const c of children) collect(c, lines, own);
    lines.push(own.join(''));
    return;
  }
  if (node.type === 'incidentCard') {
    for (const [label, value] of incidentCardRows(node.attrs)) lines.push(`${label}\t${value}`);
    return;
  }
  if (node.type === 'followUps') {
    for (const f of followUpSnapshot(node.attrs))
      lines.push(`[${f.done ? 'x' : ' '}] ${f.content}${followUpMeta(f)}`);
    return;
  }
  if (node.type === 'tableRow') {
    const cells = children.map((cell) => {
      const cellLines: string[] = [];
      collect(cell, cellLines, []);
      return cellLines.join(' ');
    });
    lines.push(cells.join('\t'));
    return;
  }
  if (node.type && CELL_TYPES.has(node.type)) {
    for (const c of children) collect(c, lines, current);
    return;
  }
  for (const c of children) collect(c, lines, current);
}

/**
 * Plain text of a document for search and previews: one line per text block, table cells separated
 * by tabs, hard breaks as newlines. Linear in document size.
 */
export function jsonToText(json: JSONContent): string {
  const lines: string[] = [];
  // Unaccepted AI suggestions are not the postmortem's text (search, previews of versions).
  collect(withoutAiSuggestions(json), lines, []);
  return lines.join('\n');
}
