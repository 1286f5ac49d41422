import {
  blamingAdvice,
  compileBlamingPhrases,
  DEFAULT_BLAMING_PHRASES,
  type PhraseMatch,
} from '@pm/doc-model';
import { Extension, type Editor } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/**
 * Blameless-wording highlights: inline decorations over the phrases the server's quality check flags (same
 * matcher from @pm/doc-model). Decorations are view-only: nothing is written to the document or the Y.Doc.
 */
interface State {
  match: (text: string) => PhraseMatch[];
  set: DecorationSet;
}
const key = new PluginKey<State>('pm-blameless');

/** Each textblock's start position (inside it) and text, one character per inline leaf (as @pm/doc-model counts). */
export function textblocks(doc: PmNode): { start: number; text: string; code: boolean }[] {
  const out: { start: number; text: string; code: boolean }[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    let text = '';
    node.forEach((child) => (text += child.isText ? child.text! : ' '));
    out.push({ start: pos + 1, text, code: node.type.spec.code === true });
    return false;
  });
  return out;
}

function build(doc: PmNode, match: State['match']): DecorationSet {
  const decos: Decoration[] = [];
  for (const b of textblocks(doc)) {
    if (b.code) continue;
    for (const m of match(b.text))
      decos.push(
        Decoration.inline(b.start + m.from, b.start + m.to, {
          class: 'pm-blaming',
          title: blamingAdvice(m.phrase),
          'data-phrase': m.phrase,
        }),
      );
  }
  return DecorationSet.create(doc, decos);
}

export const blamelessWording = Extension.create({
  name: 'pmBlamelessWording',
  addProseMirrorPlugins() {
    return [
      new Plugin<State>({
        key,
        state: {
          init: (_c, state) => {
            const match = compileBlamingPhrases(DEFAULT_BLAMING_PHRASES);
            return { match, set: build(state.doc, match) };
          },
          apply: (tr, old, _o, state) => {
            const phrases = tr.getMeta(key) as string[] | undefined;
            if (phrases) {
              const match = compileBlamingPhrases(phrases);
              return { match, set: build(state.doc, match) };
            }
            return tr.docChanged ? { match: old.match, set: build(state.doc, old.match) } : old;
          },
        },
        props: { decorations: (state) => key.getState(state)?.set },
      }),
    ];
  },
});

/** Switches the highlighted phrases (the incident type's list, as the last quality run returned it). */
export function setBlamingPhrases(editor: Editor, phrases: string[]): void {
  editor.view.dispatch(editor.state.tr.setMeta(key, phrases).setMeta('addToHistory', false));
}

/** Selects and scrolls to a quality result's text range (block index + offsets); false when it is gone. */
export function selectLocation(editor: Editor, loc: { block: number; from: number; to: number }): boolean {
  const b = textblocks(editor.state.doc)[loc.block];
  if (!b || loc.to > b.text.length) return false;
  editor
    .chain()
    .focus()
    .setTextSelection({ from: b.start + loc.from, to: b.start + loc.to })
    .scrollIntoView()
    .run();
  return true;
}
