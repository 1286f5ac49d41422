import { mergeAttributes, Node, type JSONContent } from '@tiptap/core';

/** One follow-up as a `followUps` node stores it (the render context's item shape). */
export interface FollowUpSnapshotItem {
  id?: string;
  content: string;
  /** Assignee names, comma-separated; null when nobody is assigned. */
  assignee?: string | null;
  /** `YYYY-MM-DD`. */
  dueDate?: string | null;
  done: boolean;
}

export const FOLLOW_UPS = 'followUps';

/** Reads a node's `items` attribute defensively: documents come from peers and old versions. */
export function followUpSnapshot(attrs: Record<string, unknown> | undefined): FollowUpSnapshotItem[] {
  const raw = attrs?.['items'];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((x: unknown) => {
    if (!x || typeof x !== 'object') return [];
    const o = x as Record<string, unknown>;
    if (typeof o['content'] !== 'string') return [];
    return [
      {
        ...(typeof o['id'] === 'string' ? { id: o['id'] } : {}),
        content: o['content'],
        assignee: typeof o['assignee'] === 'string' ? o['assignee'] : null,
        dueDate: typeof o['dueDate'] === 'string' ? o['dueDate'] : null,
        done: o['done'] === true,
      },
    ];
  });
}

/** "(Ada, due 2027-01-15)" or '' — the same suffix in every static output. */
export function followUpMeta(f: FollowUpSnapshotItem): string {
  const parts = [f.assignee || null, f.dueDate ? `due ${f.dueDate}` : null].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * A live block: the incident's follow-ups inside the document, inserted by `{{incident.follow-ups}}` in notebook
 * renders. An atom whose `items` attribute is a snapshot (what static exports print); the editor shows the live list
 * from the API instead and never writes it back, so restoring an old version cannot bring back a deleted item in
 * the editor, and concurrent editors never fight over it. Exports refresh the snapshot first (see
 * {@link withFollowUpsSnapshot}) so they show the list as it is at export time.
 */
export const FollowUps = Node.create({
  name: FOLLOW_UPS,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,
  addAttributes() {
    type El = { getAttribute(name: string): string | null };
    return {
      incidentId: {
        default: null,
        parseHTML: (el: El) => el.getAttribute('data-incident-id'),
        renderHTML: () => null,
      },
      items: {
        default: [],
        parseHTML: (el: El) => {
          try {
            return followUpSnapshot({ items: JSON.parse(el.getAttribute('data-items') ?? '[]') });
          } catch {
            return [];
          }
        },
        renderHTML: () => null,
      },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-type="follow-ups"]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const items = followUpSnapshot(node.attrs);
    const data: Record<string, string> = {
      'data-type': 'follow-ups',
      class: 'pm-follow-ups',
      'data-items': JSON.stringify(items),
    };
    if (node.attrs['incidentId']) data['data-incident-id'] = String(node.attrs['incidentId']);
    const list = items.length
      ? [
          'ul',
          {},
          ...items.map((f) => [
            'li',
            { 'data-checked': String(f.done) },
            `${f.done ? '☑' : '☐'} ${f.content}${followUpMeta(f)}`,
          ]),
        ]
      : ['p', {}, 'No follow-ups.'];
    return ['div', mergeAttributes(HTMLAttributes, data), list];
  },
});

/**
 * Replaces the snapshot of every `followUps` node with the current list of its incident (`current(incidentId)`;
 * undefined keeps the node as it is). Exporters call it so a static output shows the follow-ups at export time.
 */
export function withFollowUpsSnapshot(
  doc: JSONContent,
  current: (incidentId: string) => FollowUpSnapshotItem[] | undefined,
): JSONContent {
  const walk = (n: JSONContent): JSONContent => {
    if (n.type === FOLLOW_UPS) {
      const id = n.attrs?.['incidentId'];
      const items = typeof id === 'string' ? current(id) : undefined;
      return items ? { ...n, attrs: { ...n.attrs, items } } : n;
    }
    return n.content ? { ...n, content: n.content.map(walk) } : n;
  };
  return walk(doc);
}

/** Incident ids of every `followUps` node in a document (what an exporter must load). */
export function followUpsIncidentIds(doc: JSONContent): string[] {
  const ids = new Set<string>();
  const walk = (n: JSONContent) => {
    const id = n.type === FOLLOW_UPS ? n.attrs?.['incidentId'] : undefined;
    if (typeof id === 'string') ids.add(id);
    n.content?.forEach(walk);
  };
  walk(doc);
  return [...ids];
}
