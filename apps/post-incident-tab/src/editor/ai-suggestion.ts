import { AiSuggestion, aiSuggestionAttrs } from '@pm/doc-model';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { EditorView } from '@tiptap/pm/view';

const STATE_LABEL: Record<string, string> = {
  ready: 'AI suggestion',
  unavailable: 'AI suggestion unavailable',
  pending: 'AI suggestion (not drafted yet)',
};

/**
 * Accept: the block is replaced by its own paragraphs (as edited so far), in ONE ProseMirror transaction and so ONE
 * Yjs transaction; the text then is ordinary document text. Returns false when the block moved away meanwhile.
 */
export function acceptAiSuggestion(view: EditorView, pos: number): boolean {
  const node = view.state.doc.nodeAt(pos);
  if (node?.type.name !== 'aiSuggestion') return false;
  view.dispatch(view.state.tr.replaceWith(pos, pos + node.nodeSize, node.content));
  return true;
}

/** Discard: the block goes, in one transaction. */
export function discardAiSuggestion(view: EditorView, pos: number): boolean {
  const node = view.state.doc.nodeAt(pos);
  if (node?.type.name !== 'aiSuggestion') return false;
  view.dispatch(view.state.tr.delete(pos, pos + node.nodeSize));
  return true;
}

/**
 * The doc-model block with a node view: a marked box ("AI suggestion") naming the instruction, the incident fields
 * that were sent and the provider, with Accept / Discard for people who may edit. The header is built with
 * textContent (never HTML); the paragraphs below are normal editable content.
 */
export const AiSuggestionView = AiSuggestion.extend({
  addNodeView() {
    return ({ node, getPos, editor }) => {
      let current: PMNode = node;
      const dom = document.createElement('div');
      dom.className = 'pm-ai-suggestion';
      dom.setAttribute('role', 'group');
      dom.setAttribute('data-testid', 'ai-suggestion');

      const header = document.createElement('div');
      header.className = 'pm-ai-suggestion__header';
      header.contentEditable = 'false';
      const body = document.createElement('div');
      body.className = 'pm-ai-suggestion__body';
      dom.append(header, body);

      const button = (label: string, testid: string, act: (view: EditorView, pos: number) => boolean) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = label;
        b.className = `pm-ai-suggestion__btn pm-ai-suggestion__btn--${testid}`;
        b.setAttribute('data-testid', `ai-suggestion-${testid}`);
        b.addEventListener('mousedown', (e) => e.preventDefault()); // keep the editor's selection
        b.addEventListener('click', () => {
          const pos = typeof getPos === 'function' ? getPos() : undefined;
          if (editor.isEditable && typeof pos === 'number') act(editor.view, pos);
        });
        return b;
      };

      const render = () => {
        const a = aiSuggestionAttrs(current.attrs);
        dom.setAttribute('data-state', a.state);
        dom.setAttribute('aria-label', `${STATE_LABEL[a.state] ?? 'AI suggestion'}: ${a.instruction}`);
        const badge = document.createElement('span');
        badge.className = 'pm-ai-suggestion__badge';
        badge.textContent = STATE_LABEL[a.state] ?? 'AI suggestion';
        const instruction = document.createElement('div');
        instruction.className = 'pm-ai-suggestion__meta';
        instruction.setAttribute('data-testid', 'ai-suggestion-instruction');
        instruction.textContent = `Instruction: ${a.instruction}`;
        const sources = document.createElement('div');
        sources.className = 'pm-ai-suggestion__meta';
        sources.setAttribute('data-testid', 'ai-suggestion-sources');
        sources.textContent = `Sources sent: ${a.sources.length ? a.sources.join(', ') : 'none'}${
          a.provider ? ` · ${a.provider}` : ''
        }`;
        const top = document.createElement('div');
        top.className = 'pm-ai-suggestion__top';
        top.append(badge);
        if (editor.isEditable) {
          const actions = document.createElement('span');
          actions.className = 'pm-ai-suggestion__actions';
          if (a.state === 'ready') actions.append(button('Accept', 'accept', acceptAiSuggestion));
          actions.append(button('Discard', 'discard', discardAiSuggestion));
          top.append(actions);
        }
        header.replaceChildren(top, instruction, sources);
      };
      render();
      return {
        dom,
        contentDOM: body,
        update(updated) {
          if (updated.type !== current.type) return false;
          current = updated;
          render();
          return true;
        },
        // Clicks and re-renders of the header are not document changes.
        ignoreMutation: (m) => !body.contains(m.target) && m.type !== 'selection',
        stopEvent: (e) => header.contains(e.target as Node),
      };
    };
  },
});
