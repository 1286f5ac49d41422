import type { JSONContent } from '@pm/doc-model';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../src/index.js';
import { makeCtx } from './fixtures.js';

const cards = (doc: JSONContent): JSONContent[] =>
  doc.type === 'incidentCard' ? [doc] : (doc.content ?? []).flatMap(cards);

describe('{{incident.card}}', () => {
  it('inserts a live incident card node in notebooks, with the incident id and field snapshot', () => {
    const ctx = makeCtx();
    const { doc, markdown } = renderTemplate('# PM\n\n{{incident.card}}\n\nAfter', ctx, {
      destination: 'notebook',
    });
    const [card] = cards(doc);
    expect(card).toBeDefined();
    expect(card!.attrs).toMatchObject({
      incidentId: ctx.incident.id,
      title: ctx.incident.title,
      severity: ctx.incident.severity,
      status: ctx.incident.status,
      postmortemStatus: 'Draft',
    });
    expect(markdown).not.toMatch(/pmincidentcard/);
    expect(JSON.stringify(doc)).toContain('After');
  });

  it('keeps the static table for other destinations', () => {
    const { doc } = renderTemplate('{{incident.card}}', makeCtx(), { destination: 'confluence' });
    expect(cards(doc)).toHaveLength(0);
    expect(JSON.stringify(doc)).toContain('"table"');
  });

  it('keeps hostile incident text as plain attribute text and cannot be forged by incident data', () => {
    const base = makeCtx();
    const ctx = {
      ...base,
      incident: { ...base.incident, title: '<img src=x onerror=alert(1)> pmincidentcard0' },
    };
    const { doc } = renderTemplate('{{incident.title}}\n\n{{incident.card}}', ctx, {
      destination: 'notebook',
    });
    const found = cards(doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.attrs!['title']).toBe('<img src=x onerror=alert(1)> pmincidentcard0');
  });
});
