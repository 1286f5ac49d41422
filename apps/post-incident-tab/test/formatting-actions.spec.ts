import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BLOCK_ACTIONS,
  HISTORY_ACTIONS,
  INSERT_ACTIONS,
  MARK_ACTIONS,
  TABLE_ACTIONS,
  inTable,
  type FormatAction,
} from '../src/editor/formatting/actions.js';
import { collabEditor, docOf, nodeTypes, p, stopCapturing, type, json } from './formatting-helpers.js';

const all = [...MARK_ACTIONS, ...BLOCK_ACTIONS, ...INSERT_ACTIONS, ...TABLE_ACTIONS, ...HISTORY_ACTIONS];
const action = (id: string): FormatAction => all.find((a) => a.id === id)!;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('toolbar commands', () => {
  it('have unique ids and accessible names', () => {
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    for (const a of all) expect(a.label.length, a.id).toBeGreaterThan(2);
  });

  it('toggle inline marks on the selection and report them as active', () => {
    const { editor } = collabEditor(docOf(p('root cause')));
    editor.commands.setTextSelection({ from: 1, to: 5 });
    for (const id of ['bold', 'italic', 'strike', 'code']) {
      expect(action(id).isActive(editor), id).toBe(false);
      expect(action(id).run(editor), id).toBe(true);
      expect(action(id).isActive(editor), id).toBe(true);
      action(id).run(editor);
    }
    action('bold').run(editor);
    expect(json(editor).content![0]!.content![0]).toEqual({
      type: 'text',
      text: 'root',
      marks: [{ type: 'bold' }],
    });
  });

  it('turn the current block into headings, lists, task lists, quotes and code blocks', () => {
    const { editor } = collabEditor(docOf(p('Impact')));
    editor.commands.setTextSelection(2);
    action('heading-2').run(editor);
    expect(json(editor).content![0]).toMatchObject({ type: 'heading', attrs: { level: 2 } });
    expect(action('heading-2').isActive(editor)).toBe(true);
    expect(action('heading-1').isActive(editor)).toBe(false);
    action('heading-2').run(editor); // toggles back
    for (const [id, node] of [
      ['bullet-list', 'bulletList'],
      ['ordered-list', 'orderedList'],
      ['task-list', 'taskList'],
      ['blockquote', 'blockquote'],
      ['code-block', 'codeBlock'],
    ] as const) {
      action(id).run(editor);
      expect(nodeTypes(editor), id).toContain(node);
      expect(action(id).isActive(editor), id).toBe(true);
      action(id).run(editor);
      expect(nodeTypes(editor), id).not.toContain(node);
    }
  });

  it('insert a table with row / column controls that only apply inside it, and a divider', () => {
    const { editor } = collabEditor(docOf(p('x')));
    editor.commands.setTextSelection(2);
    expect(inTable(editor)).toBe(false);
    expect(TABLE_ACTIONS.every((a) => !a.canRun(editor))).toBe(true);
    action('table').run(editor);
    expect(inTable(editor)).toBe(true);
    const rows = () => json(editor).content!.find((n) => n.type === 'table')!.content!;
    expect(rows()).toHaveLength(3);
    expect(rows()[0]!.content!.map((c) => c.type)).toEqual(['tableHeader', 'tableHeader', 'tableHeader']);
    action('row-add').run(editor);
    expect(rows()).toHaveLength(4);
    action('column-add').run(editor);
    expect(rows()[0]!.content).toHaveLength(4);
    action('column-delete').run(editor);
    action('row-delete').run(editor);
    expect(rows()).toHaveLength(3);
    expect(rows()[0]!.content).toHaveLength(3);
    action('table-delete').run(editor);
    expect(nodeTypes(editor)).not.toContain('table');
    action('divider').run(editor);
    expect(nodeTypes(editor)).toContain('horizontalRule');
  });

  it('undo and redo use the Yjs undo manager: own steps only, disabled when there is nothing to undo', () => {
    const { editor, doc } = collabEditor(docOf(p('text')));
    expect(action('undo').canRun(editor)).toBe(false);
    editor.commands.setTextSelection({ from: 1, to: 5 });
    action('bold').run(editor);
    stopCapturing(editor);
    // A collaborator's edit arrives through the shared Y.Doc (another origin): undo must leave it alone.
    doc.transact(() => {
      const el = new Y.XmlElement('paragraph');
      el.insert(0, [new Y.XmlText('from a colleague')]);
      doc.getXmlFragment('default').push([el]);
    }, 'remote');
    expect(editor.getText()).toContain('from a colleague');
    expect(action('undo').canRun(editor)).toBe(true);
    expect(action('undo').run(editor)).toBe(true);
    expect(json(editor).content![0]!.content![0]!.marks).toBeUndefined();
    expect(action('redo').canRun(editor)).toBe(true);
    expect(editor.getText()).toContain('from a colleague');
    action('redo').run(editor);
    expect(json(editor).content![0]!.content![0]!.marks).toEqual([{ type: 'bold' }]);
    expect(action('redo').canRun(editor)).toBe(false);
  });

  it('markdown shortcuts (StarterKit input rules) work with Collaboration on', () => {
    const { editor } = collabEditor(docOf(p()));
    editor.commands.setTextSelection(1);
    type(editor, '## Timeline');
    expect(json(editor).content![0]).toMatchObject({ type: 'heading', attrs: { level: 2 } });
    editor.commands.enter();
    type(editor, '- first');
    expect(nodeTypes(editor)).toContain('bulletList');
    editor.commands.enter();
    editor.commands.enter(); // leaves the list
    type(editor, '[ ] task');
    expect(nodeTypes(editor)).toContain('taskItem');
    editor.commands.enter();
    editor.commands.enter();
    type(editor, '> quote');
    expect(nodeTypes(editor)).toContain('blockquote');
    editor.commands.enter();
    editor.commands.enter();
    type(editor, 'so **bold** ');
    expect(JSON.stringify(json(editor))).toContain('{"type":"text","marks":[{"type":"bold"}],"text":"bold"}');
    editor.commands.enter();
    type(editor, '``` ');
    expect(nodeTypes(editor)).toContain('codeBlock');
  });
});
