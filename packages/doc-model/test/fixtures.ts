import type { JSONContent } from '@tiptap/core';

const t = (text: string, marks?: JSONContent['marks']): JSONContent =>
  marks ? { type: 'text', text, marks } : { type: 'text', text };
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

/** A document using every node and mark type of the schema. */
export const fullDoc: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [t('Postmortem: DB outage')] },
    p(
      t('Plain, '),
      t('bold', [{ type: 'bold' }]),
      t(' and '),
      t('italic', [{ type: 'italic' }]),
      t(' and '),
      t('struck', [{ type: 'strike' }]),
      t(', '),
      t('under', [{ type: 'underline' }]),
      t(' '),
      t('code()', [{ type: 'code' }]),
    ),
    p(
      t('See '),
      t('the runbook', [
        {
          type: 'link',
          attrs: {
            href: 'https://example.com/runbook',
            target: '_blank',
            rel: 'noopener noreferrer nofollow',
            class: null,
            title: null,
          },
        },
      ]),
      t('.'),
      { type: 'hardBreak' },
      t('Second line'),
    ),
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            p(t('one')),
            { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('nested'))] }] },
          ],
        },
        { type: 'listItem', content: [p(t('two'))] },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 1, type: null },
      content: [
        { type: 'listItem', content: [p(t('first'))] },
        { type: 'listItem', content: [p(t('second'))] },
      ],
    },
    {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [p(t('done item'))] },
        { type: 'taskItem', attrs: { checked: false }, content: [p(t('open item'))] },
      ],
    },
    { type: 'blockquote', content: [p(t('quoted'))] },
    { type: 'codeBlock', attrs: { language: 'sql' }, content: [t('SELECT 1;\nSELECT 2;')] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            {
              type: 'tableHeader',
              attrs: { colspan: 1, rowspan: 1, colwidth: null },
              content: [p(t('Time'))],
            },
            {
              type: 'tableHeader',
              attrs: { colspan: 1, rowspan: 1, colwidth: null },
              content: [p(t('Event'))],
            },
          ],
        },
        {
          type: 'tableRow',
          content: [
            {
              type: 'tableCell',
              attrs: { colspan: 1, rowspan: 1, colwidth: null },
              content: [p(t('10:00'))],
            },
            {
              type: 'tableCell',
              attrs: { colspan: 1, rowspan: 1, colwidth: null },
              content: [p(t('Alert fired'))],
            },
          ],
        },
      ],
    },
  ],
};

const cell = (type: 'tableHeader' | 'tableCell', ...content: JSONContent[]): JSONContent => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null },
  content,
});
const link = (href: string): NonNullable<JSONContent['marks']>[number] => ({ type: 'link', attrs: { href } });
const card = (attrs: Record<string, string | null>): JSONContent => ({ type: 'incidentCard', attrs });

/** {@link fullDoc} plus what exports must also carry: the incident card, nested tasks, tricky code and tables. */
export const richDoc: JSONContent = {
  type: 'doc',
  content: [
    ...fullDoc.content!,
    card({
      incidentId: '11111111-1111-4111-8111-111111111111',
      title: 'Checkout outage',
      severity: 'SEV-2',
      status: 'resolved',
      impact: 'EU customers\ncould not pay',
      postmortemStatus: 'Draft',
      owner: 'Sam Standard',
    }),
    { type: 'heading', attrs: { level: 2 }, content: [t('Follow-ups')] },
    {
      type: 'taskList',
      content: [
        {
          type: 'taskItem',
          attrs: { checked: false },
          content: [
            p(t('Add alert')),
            {
              type: 'taskList',
              content: [{ type: 'taskItem', attrs: { checked: true }, content: [p(t('draft query'))] }],
            },
          ],
        },
      ],
    },
    { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(t('third'))] }] },
    p(t('Wow!'), t('link', [link('https://example.com/a b')]), t(' and '), t('a`b', [{ type: 'code' }])),
    p(t('    not code')),
    { type: 'codeBlock', attrs: { language: 'md' }, content: [t('```\nfenced\n```\n]]> end')] },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', p(t('Cmd'))), cell('tableHeader', p(t('Note')))] },
        {
          type: 'tableRow',
          content: [
            cell('tableCell', p(t('a | b', [{ type: 'code' }]))),
            cell('tableCell', p(t('line1'), { type: 'hardBreak' }, t('line2'))),
          ],
        },
      ],
    },
  ],
};

/** Incident data an attacker controls, in every place a serializer writes it. */
export const hostileDoc: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: '1"><script>' }, content: [t('<h1 onclick=alert(1)>')] },
    p(t('<script>alert(1)</script>'), t('<img src=x onerror=alert(1)>')),
    p(
      t('js', [link('javascript:alert(1)')]),
      t(' upper', [link(' JAVASCRIPT:alert(1)')]),
      t(' tab', [link('java\tscript:alert(1)')]),
      t(' data', [link('data:text/html,<script>alert(1)</script>')]),
      t(' vb', [link('vbscript:msgbox(1)')]),
      t(' quote', [link('https://example.com/"onmouseover="alert(1)')]),
      t(' ctl\u0000\u001b'),
    ),
    p(t('[md](javascript:alert(1)) <https://x> ![i](data:x)')),
    {
      type: 'codeBlock',
      attrs: { language: '"><script>alert(1)</script>' },
      content: [t('</code><img src=x onerror=alert(1)>]]></ac:plain-text-body><script>alert(1)</script>')],
    },
    {
      type: 'orderedList',
      attrs: { start: '2"><script>' },
      content: [{ type: 'listItem', content: [p(t('x'))] }],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            {
              type: 'tableCell',
              attrs: { colspan: '2" onmouseover="alert(1)', rowspan: 1 },
              content: [p(t('<img src=x onerror=alert(1)>'))],
            },
          ],
        },
      ],
    },
    card({
      incidentId: '"><script>',
      title: '<script>alert(1)</script>',
      severity: '<img src=x onerror=alert(1)>',
      status: 'javascript:alert(1)',
      impact: '| broken | table\n# heading',
      postmortemStatus: ']]><script>',
      owner: 'data:text/html,<b>x</b>',
    }),
  ],
};
