import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyRefresh,
  incidentDataNode,
  jsonToHtml,
  jsonToMarkdown,
  jsonToText,
  jsonToYDoc,
  lineDiff,
  liveIncidentDataBlocks,
  planRefresh,
  yDocToJson,
  YJS_FRAGMENT,
  type JSONContent,
} from '../src/index.js';

const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const list = (...items: string[]): JSONContent => ({
  type: 'bulletList',
  content: items.map((t) => ({ type: 'listItem', content: [p(t)] })),
});

function generated(): Y.Doc {
  return jsonToYDoc({
    type: 'doc',
    content: [
      p('Summary written by people.'),
      incidentDataNode('timeline', [list('10:00 Alert fired', '10:30 Rolled back')], 'tl'),
      p('Analysis written by people.'),
      incidentDataNode('customer_impact', [list('Checkout failed (2h)')], 'imp'),
    ],
  });
}

describe('incidentData blocks: plan and apply a refresh', () => {
  it('an untouched block will update, an edited one is "edited by hand", an equal one is unchanged', () => {
    const doc = generated();
    // Someone edits the impact block by hand.
    const imp = liveIncidentDataBlocks(doc).find((b) => b.blockId === 'imp')!;
    const text = (imp.element.get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    ((text.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'EDITED ');
    const rendered = new Map<string, JSONContent[]>([
      ['timeline', [list('10:00 Alert fired', '10:30 Rolled back', '11:00 Note added')]],
      ['customer_impact', [list('Checkout failed (3h)')]],
    ]);
    const plan = planRefresh(liveIncidentDataBlocks(doc), rendered);
    expect(plan.map((x) => [x.blockId, x.status])).toEqual([
      ['tl', 'will_update'],
      ['imp', 'edited_by_hand'],
    ]);
    expect(plan[1]!.before).toContain('EDITED Checkout failed (2h)');
    expect(plan[1]!.after).toContain('Checkout failed (3h)');
    const same = planRefresh(
      liveIncidentDataBlocks(generated()),
      new Map([['timeline', [list('10:00 Alert fired', '10:30 Rolled back')]]]),
    );
    expect(same[0]!.status).toBe('unchanged');
    // Edited by hand while the incident data did not change: nothing to offer, the edit is left alone.
    const editedOnly = planRefresh(
      liveIncidentDataBlocks(doc),
      new Map([['customer_impact', [list('Checkout failed (2h)')]]]),
    );
    expect(editedOnly[0]!.status).toBe('unchanged');
  });

  it('replaces only the chosen blocks, in one transaction, and leaves every other text alone', () => {
    const doc = generated();
    const plan = planRefresh(
      liveIncidentDataBlocks(doc),
      new Map([
        ['timeline', [list('10:00 Alert fired', '11:00 Note added')]],
        ['customer_impact', [list('Checkout failed (3h)')]],
      ]),
    );
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const origin = Symbol('refresh');
    let seenOrigin: unknown;
    doc.on('update', (_u: Uint8Array, o: unknown) => (seenOrigin = o));
    const applied = applyRefresh(
      doc,
      plan
        .filter((x) => x.blockId === 'tl')
        .map((x) => ({ blockId: x.blockId, content: x.content, expectedHash: x.currentHash })),
      origin,
    );
    expect(applied).toEqual(['tl']);
    expect(transactions).toBe(1);
    expect(seenOrigin).toBe(origin);
    const text = jsonToText(yDocToJson(doc));
    expect(text).toContain('Summary written by people.');
    expect(text).toContain('Analysis written by people.');
    expect(text).toContain('11:00 Note added');
    expect(text).not.toContain('10:30 Rolled back');
    expect(text).toContain('Checkout failed (2h)'); // not chosen: kept
    // The refreshed block is "as generated" again: its stored hash matches its content.
    for (const b of liveIncidentDataBlocks(doc)) expect(b.currentHash).toBe(b.storedHash);
  });

  it('skips a block someone typed into after the plan (never overwrites unseen typing)', () => {
    const doc = generated();
    const [tl] = planRefresh(liveIncidentDataBlocks(doc), new Map([['timeline', [list('new')]]]));
    const live = liveIncidentDataBlocks(doc)[0]!;
    const para = ((live.element.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    (para.get(0) as Y.XmlText).insert(0, 'typed ');
    expect(
      applyRefresh(doc, [{ blockId: 'tl', content: tl!.content, expectedHash: tl!.currentHash }]),
    ).toEqual([]);
    expect(jsonToText(yDocToJson(doc))).toContain('typed 10:00 Alert fired');
  });

  it('exports show the content of marked blocks without any wrapper text', () => {
    const json = yDocToJson(generated());
    expect(jsonToMarkdown(json)).toContain('- 10:00 Alert fired');
    expect(jsonToMarkdown(json)).not.toMatch(/incidentData|tl/);
    expect(jsonToHtml(json)).toContain('data-source="timeline"');
    expect(doc0Types(json)).toContain('incidentData');
    expect(Y.encodeStateAsUpdate(generated()).length).toBeGreaterThan(0);
    expect(YJS_FRAGMENT).toBe('default');
  });

  it('lineDiff marks removed and added lines', () => {
    expect(lineDiff('a\nb\nc', 'a\nc\nd')).toEqual([
      { op: ' ', line: 'a' },
      { op: '-', line: 'b' },
      { op: ' ', line: 'c' },
      { op: '+', line: 'd' },
    ]);
  });
});

function doc0Types(json: JSONContent): string[] {
  return (json.content ?? []).map((n) => n.type ?? '');
}
