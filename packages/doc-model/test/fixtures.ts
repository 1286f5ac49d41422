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
