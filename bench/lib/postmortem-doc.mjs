// Synthetic postmortems for the export benchmarks (X1, X2): a doc-model JSON document of about N bytes built from a
// repeated section using every node our exporters handle, plus the same content in prosemirror-markdown's schema
// for the raw baseline (which has no tables, task lists or incident card: those become lists and paragraphs there).
const t = (text, marks) => (marks ? { type: 'text', text, marks } : { type: 'text', text });
const p = (...content) => ({ type: 'paragraph', content });
const li = (...content) => ({ type: 'listItem', content });
const cell = (type, text) => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null },
  content: [p(t(text))],
});

function section(i) {
  return [
    { type: 'heading', attrs: { level: 2 }, content: [t(`Section ${i}: database failover <${i}>`)] },
    p(
      t(`At 10:${String(i % 60).padStart(2, '0')} the primary stopped answering; `),
      t('checkout failed', [{ type: 'bold' }]),
      t(' for EU customers, '),
      t('retries', [{ type: 'italic' }]),
      t(' made it worse. See '),
      t('the runbook', [{ type: 'link', attrs: { href: `https://runbooks.example.com/db/${i}` } }]),
      t(' and '),
      t('pg_stat_activity', [{ type: 'code' }]),
      t(' (old value '),
      t('max_connections=100', [{ type: 'strike' }]),
      t(').'),
      { type: 'hardBreak' },
      t('Escapes: 5 * 3 _ [x] <b> & | done.'),
    ),
    {
      type: 'bulletList',
      content: [
        li(p(t('Pager fired after 4 minutes'))),
        li(p(t('Failover was manual'))),
        li(p(t('Status page late'))),
      ],
    },
    { type: 'orderedList', attrs: { start: 1 }, content: [li(p(t('Detect'))), li(p(t('Mitigate')))] },
    { type: 'blockquote', content: [p(t('We should have paged the database on-call first.'))] },
    {
      type: 'codeBlock',
      attrs: { language: 'sql' },
      content: [t(`SELECT pid, state FROM pg_stat_activity\nWHERE wait_event = 'Lock'; -- ${i}`)],
    },
    {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [p(t('Add replica lag alert'))] },
        { type: 'taskItem', attrs: { checked: false }, content: [p(t('Automate failover'))] },
      ],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [cell('tableHeader', 'Time'), cell('tableHeader', 'Event'), cell('tableHeader', 'Who')],
        },
        {
          type: 'tableRow',
          content: [
            cell('tableCell', '10:02'),
            cell('tableCell', 'Alert fired'),
            cell('tableCell', 'PagerDuty'),
          ],
        },
        {
          type: 'tableRow',
          content: [cell('tableCell', '10:09'), cell('tableCell', 'Failover done'), cell('tableCell', 'Ada')],
        },
      ],
    },
    { type: 'horizontalRule' },
  ];
}

const CARD = {
  type: 'incidentCard',
  attrs: {
    incidentId: '11111111-1111-4111-8111-111111111111',
    title: 'Checkout outage',
    severity: 'SEV-2',
    status: 'resolved',
    impact: 'EU checkout failed for 23 minutes',
    postmortemStatus: 'Draft',
    owner: 'Ada Lovelace',
  },
};

/** A postmortem of `sections` repeated sections (about 3.3 KB of JSON each). */
export function postmortemOf(sections) {
  const content = [
    { type: 'heading', attrs: { level: 1 }, content: [t('Postmortem: checkout outage')] },
    CARD,
  ];
  for (let i = 0; i < sections; i++) content.push(...section(i));
  return { type: 'doc', content };
}

/** A postmortem whose JSON is about `bytes` long; returns { doc, bytes } with the real size. */
export function postmortemOfSize(bytes) {
  const one = JSON.stringify(postmortemOf(1)).length;
  const doc = postmortemOf(Math.max(1, Math.round(bytes / one)));
  return { doc, bytes: JSON.stringify(doc).length };
}

const MARKS = { bold: 'strong', italic: 'em', code: 'code', link: 'link' };

function toRawInline(nodes) {
  return nodes.flatMap((n) => {
    if (n.type === 'hardBreak') return [{ type: 'hard_break' }];
    const marks = (n.marks ?? [])
      .filter((m) => MARKS[m.type])
      .map((m) =>
        m.type === 'link' ? { type: 'link', attrs: { href: m.attrs.href } } : { type: MARKS[m.type] },
      );
    return [marks.length ? { type: 'text', text: n.text, marks } : { type: 'text', text: n.text }];
  });
}

const rawPara = (content) => ({ type: 'paragraph', content: toRawInline(content) });

function toRaw(n) {
  switch (n.type) {
    case 'paragraph':
      return [rawPara(n.content ?? [])];
    case 'heading':
      return [{ type: 'heading', attrs: { level: n.attrs.level }, content: toRawInline(n.content ?? []) }];
    case 'bulletList':
      return [
        {
          type: 'bullet_list',
          content: n.content.map((i) => ({ type: 'list_item', content: i.content.flatMap(toRaw) })),
        },
      ];
    case 'orderedList':
      return [
        {
          type: 'ordered_list',
          attrs: { order: n.attrs?.start ?? 1 },
          content: n.content.map((i) => ({ type: 'list_item', content: i.content.flatMap(toRaw) })),
        },
      ];
    case 'taskList':
      return [
        {
          type: 'bullet_list',
          content: n.content.map((i) => ({
            type: 'list_item',
            content: [rawPara([t(i.attrs.checked ? '[x] ' : '[ ] '), ...(i.content[0].content ?? [])])],
          })),
        },
      ];
    case 'blockquote':
      return [{ type: 'blockquote', content: n.content.flatMap(toRaw) }];
    case 'codeBlock':
      return [{ type: 'code_block', attrs: { params: n.attrs.language }, content: n.content }];
    case 'horizontalRule':
      return [{ type: 'horizontal_rule' }];
    case 'table':
      return n.content.map((row) =>
        rawPara(row.content.flatMap((c, i) => [...(i ? [t(' | ')] : []), ...(c.content[0].content ?? [])])),
      );
    case 'incidentCard':
      return Object.entries(n.attrs)
        .filter(([k]) => k !== 'incidentId')
        .map(([k, v]) => rawPara([t(`${k}: ${v}`)]));
    default:
      return [];
  }
}

/** The same document in prosemirror-markdown's schema (JSON; build it with `schema.nodeFromJSON`). */
export function toMarkdownSchemaJson(doc) {
  return { type: 'doc', content: doc.content.flatMap(toRaw) };
}
