import { mergeAttributes, Node } from '@tiptap/core';

/**
 * The fields an incident card shows, in order, with their labels. The node stores a snapshot of each value (taken
 * when the document was generated) so exports and offline readers have them; the editor replaces the snapshot with
 * live values from the API while the document is open.
 */
export const INCIDENT_CARD_FIELDS = [
  ['title', 'Title'],
  ['severity', 'Severity'],
  ['status', 'Status'],
  ['impact', 'Impact'],
  ['postmortemStatus', 'Postmortem status'],
  ['owner', 'Postmortem owner'],
] as const;

export type IncidentCardField = (typeof INCIDENT_CARD_FIELDS)[number][0];
/** Attributes of an `incidentCard` node: the incident id plus a snapshot of every field. */
export type IncidentCardAttrs = { incidentId: string | null } & Record<IncidentCardField, string>;

export const INCIDENT_CARD = 'incidentCard';

/**
 * A live block: one incident's key facts. An atom (no editable content), so concurrent editors cannot tear it
 * apart; it is inserted by the template variable `{{incident.card}}`. Rendered to HTML as a two-column table so
 * exports (HTML, PDF, Confluence) show the snapshot without any script.
 */
export const IncidentCard = Node.create({
  name: INCIDENT_CARD,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,
  addAttributes() {
    // `el` is typed structurally: doc-model is DOM-free (no DOM lib), the browser passes an HTMLElement.
    type El = { getAttribute(name: string): string | null };
    const attrs: Record<
      string,
      { default: string | null; parseHTML: (el: El) => string | null; renderHTML: () => null }
    > = {
      incidentId: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-incident-id'),
        renderHTML: () => null,
      },
    };
    // renderHTML() below writes each value once as a data-* attribute; without `renderHTML: () => null` Tiptap
    // would also copy every attribute under its own name (a stray `title=` tooltip, an invalid `incidentId=`).
    for (const [key] of INCIDENT_CARD_FIELDS)
      attrs[key] = {
        default: '',
        parseHTML: (el) => el.getAttribute(`data-${key.toLowerCase()}`) ?? '',
        renderHTML: () => null,
      };
    return attrs;
  },
  parseHTML() {
    return [{ tag: 'div[data-type="incident-card"]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const data: Record<string, string> = { 'data-type': 'incident-card', class: 'pm-incident-card' };
    if (node.attrs['incidentId']) data['data-incident-id'] = String(node.attrs['incidentId']);
    for (const [key] of INCIDENT_CARD_FIELDS)
      data[`data-${key.toLowerCase()}`] = String(node.attrs[key] ?? '');
    return [
      'div',
      mergeAttributes(HTMLAttributes, data),
      [
        'table',
        {},
        [
          'tbody',
          {},
          ...INCIDENT_CARD_FIELDS.map(([key, label]) => [
            'tr',
            {},
            ['th', {}, label],
            ['td', {}, String(node.attrs[key] || '—')],
          ]),
        ],
      ],
    ];
  },
});

/** Label/value rows of a card node's snapshot (exporters share this). */
export function incidentCardRows(attrs: Record<string, unknown> | undefined): Array<[string, string]> {
  return INCIDENT_CARD_FIELDS.map(([key, label]) => [label, String(attrs?.[key] || '—')]);
}
