import type { TimelineEntry } from '@pm/api-client';
import { CALLOUT, FOLLOW_UPS, INCIDENT_CARD, type CalloutTone } from '@pm/doc-model';
import type { Editor, JSONContent, Range } from '@tiptap/core';
import type {} from './actions.js';
import type { CardValues } from '../card-source.js';
import { timelineSnapshot } from './timeline-snapshot.js';

/** What the product blocks need from the open tab: the incident and its live data. */
export interface SlashContext {
  incidentId: string;
  /** The card's current values (its snapshot for exports); empty when not loaded yet. */
  cardValues(): CardValues;
  /** The incident's timeline entries, fetched when the item is chosen. */
  loadTimeline(): Promise<TimelineEntry[]>;
}

/** One entry of the "/" menu. `run` replaces the typed "/query" (the range) with the block. */
export interface SlashItem {
  id: string;
  title: string;
  hint: string;
  /** Extra words the filter matches ("h1", "todo", "hr"…). */
  keywords: string[];
  run(editor: Editor, range: Range, ctx: SlashContext): unknown;
}

const callout = (tone: CalloutTone, title: string, keywords: string[]): SlashItem => ({
  id: `callout-${tone}`,
  title,
  hint: 'A highlighted box',
  keywords: ['callout', 'note', 'box', 'panel', ...keywords],
  run: (e, range) =>
    e
      .chain()
      .focus()
      .deleteRange(range)
      .insertContent({ type: CALLOUT, attrs: { tone }, content: [{ type: 'paragraph' }] })
      .run(),
});

/** Every item, in menu order: text blocks first, then inserts, then the product's blocks. */
export const SLASH_ITEMS: SlashItem[] = [
  ...([1, 2, 3] as const).map((level): SlashItem => ({
    id: `heading-${level}`,
    title: `Heading ${level}`,
    hint: ['Section title', 'Sub-section', 'Small heading'][level - 1]!,
    keywords: [`h${level}`, 'title', 'heading'],
    run: (e, range) => e.chain().focus().deleteRange(range).setNode('heading', { level }).run(),
  })),
  {
    id: 'bullet-list',
    title: 'Bulleted list',
    hint: 'A simple list',
    keywords: ['ul', 'unordered', 'bullet', 'list'],
    run: (e, range) => e.chain().focus().deleteRange(range).toggleBulletList().run(),
  },
  {
    id: 'ordered-list',
    title: 'Numbered list',
    hint: 'A list with numbers',
    keywords: ['ol', 'ordered', 'number', 'list'],
    run: (e, range) => e.chain().focus().deleteRange(range).toggleOrderedList().run(),
  },
  {
    id: 'task-list',
    title: 'Task list',
    hint: 'Items to tick off',
    keywords: ['todo', 'checkbox', 'check', 'task', 'list'],
    run: (e, range) => e.chain().focus().deleteRange(range).toggleTaskList().run(),
  },
  {
    id: 'blockquote',
    title: 'Quote',
    hint: 'Quoted text',
    keywords: ['blockquote', 'citation'],
    run: (e, range) => e.chain().focus().deleteRange(range).toggleBlockquote().run(),
  },
  {
    id: 'code-block',
    title: 'Code block',
    hint: 'Commands, logs, queries',
    keywords: ['code', 'pre', 'snippet', 'log'],
    run: (e, range) => e.chain().focus().deleteRange(range).toggleCodeBlock().run(),
  },
  {
    id: 'table',
    title: 'Table',
    hint: '3 × 3 with a header row',
    keywords: ['grid', 'columns', 'rows'],
    run: (e, range) =>
      e.chain().focus().deleteRange(range).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
  },
  {
    id: 'divider',
    title: 'Divider',
    hint: 'A horizontal rule',
    keywords: ['hr', 'rule', 'line', 'separator'],
    run: (e, range) => e.chain().focus().deleteRange(range).setHorizontalRule().run(),
  },
  callout('info', 'Callout', ['info']),
  callout('warning', 'Warning callout', ['warning', 'caution']),
  {
    id: 'incident-card',
    title: 'Incident card',
    hint: 'Live key facts of this incident',
    keywords: ['incident', 'card', 'summary', 'severity'],
    run: (e, range, ctx) =>
      e
        .chain()
        .focus()
        .deleteRange(range)
        .insertContent({ type: INCIDENT_CARD, attrs: { incidentId: ctx.incidentId, ...ctx.cardValues() } })
        .run(),
  },
  {
    id: 'follow-ups',
    title: 'Follow-ups',
    hint: "Live list of the incident's follow-ups",
    keywords: ['action', 'items', 'followups', 'follow-ups', 'tasks'],
    run: (e, range, ctx) =>
      e
        .chain()
        .focus()
        .deleteRange(range)
        .insertContent({ type: FOLLOW_UPS, attrs: { incidentId: ctx.incidentId, items: [] } })
        .run(),
  },
  {
    id: 'timeline',
    title: 'Timeline snapshot',
    hint: 'The timeline as it is now, as a table',
    keywords: ['timeline', 'events', 'history', 'snapshot'],
    async run(e, range, ctx) {
      // Remove the "/query" at once (the fetch may take a moment) and insert where it was.
      e.chain().focus().deleteRange(range).run();
      const at = e.state.selection.from;
      const content: JSONContent[] = timelineSnapshot(await ctx.loadTimeline(), new Date());
      if (e.isDestroyed) return;
      e.chain().focus().insertContentAt(Math.min(at, e.state.doc.content.size), content).run();
    },
  },
];

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Items whose title or a keyword contains the typed query (case, spaces and dashes ignored); titles that start
 * with it come first, so "/h" offers headings before "Bulleted list" (keyword "bullet" has no h, but "Follow-ups"…).
 */
export function filterSlashItems(query: string, items: SlashItem[] = SLASH_ITEMS): SlashItem[] {
  const q = norm(query);
  if (!q) return items;
  const starts: SlashItem[] = [];
  const contains: SlashItem[] = [];
  for (const item of items) {
    const title = norm(item.title);
    if (title.startsWith(q)) starts.push(item);
    else if (title.includes(q) || item.keywords.some((k) => norm(k).includes(q))) contains.push(item);
  }
  return [...starts, ...contains];
}
