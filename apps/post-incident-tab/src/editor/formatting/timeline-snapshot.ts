import type { TimelineEntry } from '@pm/api-client';
import type { JSONContent } from '@tiptap/core';

const text = (t: string, marks?: JSONContent['marks']): JSONContent =>
  marks ? { type: 'text', text: t, marks } : { type: 'text', text: t };
/** A paragraph; empty text is left out (ProseMirror rejects empty text nodes). */
const para = (...parts: JSONContent[]): JSONContent => {
  const content = parts.filter((p) => p.text !== '');
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
};
const cell = (type: 'tableHeader' | 'tableCell', ...parts: JSONContent[]): JSONContent => ({
  type,
  content: [para(...parts)],
});

/** "2026-11-30 14:05 UTC": the same zone for every reader of the document (a snapshot must not shift). */
export function utcStamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A snapshot of the incident's timeline as ordinary document content: a caption saying when it was taken and a
 * table (time, entry, author), oldest first, important entries in bold and updates labelled. It is plain content on
 * purpose: it does not change when the timeline does, can be edited, commented and exported like any other text.
 */
export function timelineSnapshot(entries: readonly TimelineEntry[], takenAt: Date): JSONContent[] {
  const caption = para(
    text('Timeline snapshot', [{ type: 'bold' }]),
    text(` (taken ${utcStamp(takenAt.toISOString())})`),
  );
  if (entries.length === 0) return [caption, para(text('No timeline entries.', [{ type: 'italic' }]))];
  const sorted = [...entries].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const rows = sorted.map((e): JSONContent => ({
    type: 'tableRow',
    content: [
      cell('tableCell', text(utcStamp(e.occurredAt))),
      cell(
        'tableCell',
        ...(e.kind === 'update' ? [text('Incident update: ', [{ type: 'italic' }])] : []),
        text(e.content.replace(/\s*\r?\n\s*/g, ' '), e.important ? [{ type: 'bold' }] : undefined),
      ),
      cell('tableCell', text(e.authorName ?? '—')),
    ],
  }));
  const header: JSONContent = {
    type: 'tableRow',
    content: [
      cell('tableHeader', text('Time')),
      cell('tableHeader', text('Entry')),
      cell('tableHeader', text('By')),
    ],
  };
  return [caption, { type: 'table', content: [header, ...rows] }];
}
