import { describe, expect, it } from 'vitest';
import { incidentDataHash, jsonToYDoc, liveIncidentDataBlocks, type JSONContent } from '@pm/doc-model';
import { renderTemplate } from '../src/index.js';
import { makeCtx } from './fixtures.js';

const marked = (doc: JSONContent) => (doc.content ?? []).filter((n) => n.type === 'incidentData');

describe('incident-data blocks in notebook renders', () => {
  it('wraps each block variable in a marked block with its source and the hash of its content', () => {
    const src =
      '# Postmortem\n\nWritten by people.\n\n{{ incident.timeline }}\n\n## Impact\n\n{{ incident.customer_impact }}\n\n{{incident.card}}\n\n{{incident.follow-ups}}';
    const { doc, markdown } = renderTemplate(src, makeCtx(), { destination: 'notebook' });
    const blocks = marked(doc);
    expect(blocks.map((b) => b.attrs?.['source'])).toEqual([
      'timeline',
      'customer_impact',
      'card',
      'follow-ups',
    ]);
    for (const b of blocks) {
      expect(b.attrs?.['hash']).toBe(incidentDataHash(b.content ?? []));
      expect(b.attrs?.['blockId']).toMatch(/^[a-z0-9]{8,}$/i);
    }
    expect(JSON.stringify(blocks[0]!.content)).toContain('Rolled back deploy');
    expect(blocks[2]!.content?.[0]?.type).toBe('incidentCard');
    // Text people wrote stays outside the marked blocks; no marker text leaks anywhere.
    expect(doc.content?.[1]).toMatchObject({ type: 'paragraph' });
    expect(JSON.stringify(doc)).not.toMatch(/pmincidentdata/);
    expect(markdown).not.toMatch(/pmincidentdata/);
  });

  it('the stored hash survives the Yjs round trip (an untouched block is never "edited by hand")', () => {
    const src = '{{ incident.timeline }}\n\n{{ incident.scope_of_impact }}\n\n{{incident.card}}';
    const { doc } = renderTemplate(src, makeCtx(), { destination: 'notebook' });
    const live = liveIncidentDataBlocks(jsonToYDoc(doc));
    expect(live).toHaveLength(3);
    for (const b of live) expect(b.currentHash).toBe(b.storedHash);
  });

  it('other destinations and inline uses stay unmarked, output intact', () => {
    const ctx = makeCtx();
    expect(
      marked(renderTemplate('{{ incident.timeline }}', ctx, { destination: 'confluence' }).doc),
    ).toHaveLength(0);
    const inList = renderTemplate('- item {{ incident.timeline }}', ctx, { destination: 'notebook' }).doc;
    expect(JSON.stringify(inList)).not.toMatch(/pmincidentdata/);
    expect(JSON.stringify(inList)).toContain('Rolled back deploy');
    expect(marked(renderTemplate('{{ incident.title }}', ctx, { destination: 'notebook' }).doc)).toHaveLength(
      0,
    );
  });
});
