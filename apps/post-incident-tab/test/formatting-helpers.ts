import { docExtensions, jsonToYState, YJS_FRAGMENT } from '@pm/doc-model';
import { Editor, type JSONContent } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** An editor like the tab's (doc-model schema + Collaboration on a local Y.Doc, so undo is the Yjs one). */
export function collabEditor(content?: JSONContent): { editor: Editor; doc: Y.Doc } {
  const doc = new Y.Doc();
  // Content arrives the way it does in the tab: as Yjs state (not an undoable local edit).
  if (content) Y.applyUpdate(doc, jsonToYState(content), 'server');
  const element = document.body.appendChild(document.createElement('div'));
  const editor = new Editor({
    element,
    extensions: [...docExtensions(), Collaboration.configure({ document: doc, field: YJS_FRAGMENT })],
  });
  return { editor, doc };
}

/** Ends the undo manager's capture window, so the next change is its own undo step (no timing involved). */
export function stopCapturing(editor: Editor): void {
  yUndoPluginKey.getState(editor.state)?.undoManager.stopCapturing();
}

/**
 * Types text the way a keyboard does for ProseMirror: each character goes through the `handleTextInput` props
 * (input rules, the suggestion plugin) before it is inserted.
 */
export function type(editor: Editor, text: string): void {
  const { view } = editor;
  for (const ch of text) {
    const { from, to } = view.state.selection;
    const handled = view.someProp('handleTextInput', (f) =>
      f(view, from, to, ch, () => view.state.tr.insertText(ch, from, to)),
    );
    if (!handled) view.dispatch(view.state.tr.insertText(ch, from, to));
  }
}

/** Sends a key to the editor's keydown handlers (keymaps, the slash menu). */
export function press(editor: Editor, key: string): boolean {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  return editor.view.someProp('handleKeyDown', (f) => f(editor.view, event)) ?? false;
}

export const p = (text?: string): JSONContent =>
  text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' };
export const docOf = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

/** Node type names of the document, depth first. */
export function nodeTypes(editor: Editor): string[] {
  const out: string[] = [];
  editor.state.doc.descendants((n) => {
    out.push(n.type.name);
  });
  return out;
}

/** The document as plain JSONContent (Tiptap 3 types getJSON() too narrowly for deep reads). */
export const json = (editor: Editor): JSONContent => editor.getJSON() as JSONContent;
