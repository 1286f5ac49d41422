import {
  aiSuggestionNode,
  docExtensions,
  jsonToYDoc,
  YJS_FRAGMENT,
  yDocToJson,
  type JSONContent,
} from '@pm/doc-model';
import { Editor } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { afterEach, describe, expect, it } from 'vitest';
import { AiSuggestionView } from '../src/editor/ai-suggestion.js';

const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const attrs = {
  instruction: 'Summarize <impact>',
  sources: ['title', 'summary'],
  provider: 'openai_compatible:m',
};
const start: JSONContent = {
  type: 'doc',
  content: [
    p('Intro'),
    aiSuggestionNode({ ...attrs, state: 'ready' }, 'Drafted <b>impact</b>.\n\nSecond paragraph.'),
    aiSuggestionNode({ ...attrs, state: 'unavailable' }, 'AI draft unavailable: HTTP 429.'),
    p('Outro'),
  ],
};

let editor: Editor | undefined;
afterEach(() => editor?.destroy());

function open(editable: boolean) {
  const ydoc = jsonToYDoc(start);
  const element = document.body.appendChild(document.createElement('div'));
  editor = new Editor({
    element,
    editable,
    extensions: [
      ...docExtensions().filter((e) => e.name !== 'aiSuggestion'),
      AiSuggestionView,
      Collaboration.configure({ document: ydoc, field: YJS_FRAGMENT }),
    ],
  });
  let transactions = 0;
  ydoc.on('afterTransaction', (tr: { local: boolean; changed: Map<unknown, unknown> }) => {
    if (tr.changed.size) transactions++;
  });
  return { element, ydoc, transactions: () => transactions };
}

describe('AI suggestion block in the editor', () => {
  it('shows a marked box with the instruction and the sources (as text), Accept only when there is a draft', () => {
    const { element } = open(true);
    const boxes = element.querySelectorAll('[data-testid="ai-suggestion"]');
    expect(boxes).toHaveLength(2);
    expect(boxes[0]!.querySelector('[data-testid="ai-suggestion-instruction"]')!.textContent).toBe(
      'Instruction: Summarize <impact>',
    );
    expect(boxes[0]!.querySelector('[data-testid="ai-suggestion-sources"]')!.textContent).toBe(
      'Sources sent: title, summary · openai_compatible:m',
    );
    expect(boxes[0]!.querySelector('b')).toBeNull();
    expect(boxes[0]!.querySelector('[data-testid="ai-suggestion-accept"]')).not.toBeNull();
    expect(boxes[1]!.querySelector('[data-testid="ai-suggestion-accept"]')).toBeNull();
    expect(boxes[1]!.querySelector('[data-testid="ai-suggestion-discard"]')).not.toBeNull();
  });

  it('Accept replaces the block with its paragraphs in one Yjs transaction; Discard removes it', () => {
    const { element, ydoc, transactions } = open(true);
    (element.querySelector('[data-testid="ai-suggestion-accept"]') as HTMLButtonElement).click();
    expect(transactions()).toBe(1);
    let json = yDocToJson(ydoc);
    expect(json.content?.map((n) => n.type)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'aiSuggestion',
      'paragraph',
    ]);
    expect(json.content?.[1]?.content?.[0]?.text).toBe('Drafted <b>impact</b>.');
    (element.querySelector('[data-testid="ai-suggestion-discard"]') as HTMLButtonElement).click();
    expect(transactions()).toBe(2);
    json = yDocToJson(ydoc);
    expect(json.content?.map((n) => n.type)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
  });

  it('read-only: the box shows without buttons', () => {
    const { element } = open(false);
    expect(element.querySelectorAll('[data-testid="ai-suggestion"]')).toHaveLength(2);
    expect(
      element.querySelector('[data-testid^="ai-suggestion-accept"], [data-testid^="ai-suggestion-discard"]'),
    ).toBeNull();
  });
});
