import { validateDoc, type JSONContent } from '@pm/doc-model';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../src/index.js';
import { makeCtx } from './fixtures.js';

const blocks = (doc: JSONContent): JSONContent[] =>
  doc.type === 'followUps' ? [doc] : (doc.content ?? []).flatMap(blocks);

const withItems = () => {
  const base = makeCtx();
  return {
    ...base,
    incident: {
      ...base.incident,
      followUps: [
        {
          id: 'f1',
          content: 'Add alert on queue depth',
          assignee: 'Ada Admin',
          dueDate: '2027-01-15',
          done: false,
        },
        { id: 'f2', content: 'Write the rollback runbook', done: true },
      ],
    },
  };
};

describe('{{incident.follow-ups}}', () => {
  it('inserts a live followUps block in notebooks with the incident id and a snapshot of the list', () => {
    const ctx = withItems();
    const { doc, markdown } = renderTemplate('## Follow-ups\n\n{{incident.follow-ups}}\n\nAfter', ctx, {
      destination: 'notebook',
    });
    const [block] = blocks(doc);
    expect(block!.attrs).toEqual({
      incidentId: ctx.incident.id,
      items: [
        {
          id: 'f1',
          content: 'Add alert on queue depth',
          assignee: 'Ada Admin',
          dueDate: '2027-01-15',
          done: false,
        },
        { id: 'f2', content: 'Write the rollback runbook', assignee: null, dueDate: null, done: true },
      ],
    });
    expect(validateDoc(doc).ok).toBe(true);
    expect(markdown).not.toMatch(/pmfollowups/);
    expect(markdown).toContain('- [x] Write the rollback runbook');
    expect(JSON.stringify(doc)).toContain('After');
  });

  it('keeps a static checklist elsewhere, and loops still see the items', () => {
    const { doc } = renderTemplate('{{incident.follow-ups}}', withItems(), { destination: 'confluence' });
    expect(blocks(doc)).toHaveLength(0);
    expect(JSON.stringify(doc)).toContain('Add alert on queue depth');
    const loop = renderTemplate(
      '{% for f in incident.follow-ups %}{{ f.content }};{% endfor %}',
      withItems(),
      {
        destination: 'notebook',
      },
    );
    expect(blocks(loop.doc)).toHaveLength(0);
    expect(loop.markdown).toContain('Add alert on queue depth;Write the rollback runbook;');
  });
});
