import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from 'y-prosemirror';
import {
  DOC_SCHEMA_VERSION,
  YJS_FRAGMENT,
  docExtensions,
  getDocSchema,
  jsonToYState,
  validateDoc,
  yDocToJson,
  yStateToJson,
} from '../src/index.js';
import { fullDoc } from './fixtures.js';

describe('doc schema', () => {
  it('has every node and mark the editor needs, with unique extension names', () => {
    const schema = getDocSchema();
    for (const n of [
      'doc',
      'paragraph',
      'heading',
      'bulletList',
      'orderedList',
      'listItem',
      'taskList',
      'taskItem',
      'table',
      'tableRow',
      'tableHeader',
      'tableCell',
      'codeBlock',
      'blockquote',
      'horizontalRule',
      'hardBreak',
      'text',
      'incidentCard',
      'followUps',
      'callout',
      'aiSuggestion',
    ]) {
      expect(schema.nodes[n], n).toBeDefined();
    }
    for (const m of ['bold', 'italic', 'strike', 'code', 'link', 'underline'])
      expect(schema.marks[m], m).toBeDefined();
    expect(getDocSchema()).toBe(schema);
    expect(DOC_SCHEMA_VERSION).toBe(6); // 2: incidentCard node, 3: followUps node, 4: callout node, 5: incidentData, 6: aiSuggestion (older editors must reload)
    const names = docExtensions().map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('validates documents of the schema and rejects unknown nodes and bad content', () => {
    expect(validateDoc(fullDoc)).toEqual({ ok: true });
    expect(validateDoc({ type: 'doc', content: [{ type: 'script', content: [] }] }).ok).toBe(false);
    expect(
      validateDoc({ type: 'doc', content: [{ type: 'text', text: 'bare text at block level' }] }).ok,
    ).toBe(false);
    expect(validateDoc({ type: 'paragraph' }).ok).toBe(false);
    expect(validateDoc(null).ok).toBe(false);
  });
});

describe('Yjs conversion', () => {
  it('round trips a document with every node type unchanged (json → yState → json)', () => {
    const canonical = getDocSchema().nodeFromJSON(fullDoc).toJSON() as unknown;
    const state = jsonToYState(fullDoc);
    expect(state).toBeInstanceOf(Uint8Array);
    const back = yStateToJson(state);
    expect(back).toEqual(canonical);
    expect(yStateToJson(jsonToYState(back))).toEqual(back);
  });

  it('uses the same encoding as Hocuspocus TiptapTransformer (y-prosemirror into fragment "default")', () => {
    expect(YJS_FRAGMENT).toBe('default');
    const theirs = prosemirrorJSONToYDoc(getDocSchema(), fullDoc, 'default');
    expect(yStateToJson(Y.encodeStateAsUpdate(theirs))).toEqual(yStateToJson(jsonToYState(fullDoc)));
    const ours = new Y.Doc();
    Y.applyUpdate(ours, jsonToYState(fullDoc));
    expect(ours.getXmlFragment('default').length).toBe(fullDoc.content!.length);
    expect(yDocToJson(ours)).toEqual(yStateToJson(jsonToYState(fullDoc)));
  });
});
