import { describe, expect, it } from 'vitest';
import {
  aiSuggestionAttrs,
  aiSuggestionNode,
  jsonToConfluenceStorage,
  jsonToHtml,
  jsonToHtmlDocument,
  jsonToMarkdown,
  jsonToText,
  jsonToYState,
  plainTextParagraphs,
  validateDoc,
  withoutAiSuggestions,
  yStateToJson,
  type JSONContent,
} from '../src/index.js';

const hostile =
  'Impact was <b>bad</b> <script>alert(1)</script>\n[click](javascript:alert(1)) **bold**\n\nSecond <a href="https://x">x</a>';
const block = aiSuggestionNode(
  {
    instruction: 'Summarize <impact>',
    sources: ['title', 'summary'],
    provider: 'openai_compatible:m',
    state: 'ready',
  },
  hostile,
);
const doc: JSONContent = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Before' }] }, block],
};

describe('aiSuggestion', () => {
  it('keeps a provider answer as plain text: paragraphs and hard breaks, no marks, no links', () => {
    const paras = plainTextParagraphs(hostile);
    expect(paras).toHaveLength(2);
    const texts = paras.flatMap((p) => p.content ?? []);
    expect(texts.every((n) => n.type === 'hardBreak' || (n.type === 'text' && !n.marks))).toBe(true);
    expect(texts.map((n) => n.text ?? '\n').join('')).toContain('<script>alert(1)</script>');
    expect(plainTextParagraphs('  \n\n ')).toEqual([{ type: 'paragraph' }]);
    expect(plainTextParagraphs('a\u0000b\ue000c')).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'abc' }] },
    ]);
  });

  it('is a valid node that survives the Yjs round trip with its attributes', () => {
    expect(validateDoc(doc).ok).toBe(true);
    const back = yStateToJson(jsonToYState(doc));
    const node = back.content?.[1];
    expect(node?.type).toBe('aiSuggestion');
    expect(aiSuggestionAttrs(node?.attrs)).toEqual({
      instruction: 'Summarize <impact>',
      sources: ['title', 'summary'],
      provider: 'openai_compatible:m',
      state: 'ready',
    });
  });

  it('renders escaped in the preview HTML (marked, instruction and sources shown, no live markup)', () => {
    const html = jsonToHtml(doc);
    expect(html).toContain('data-type="ai-suggestion"');
    expect(html).toContain('AI suggestion: Summarize &lt;impact&gt;');
    expect(html).toContain('Sources: title, summary');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<a ');
  });

  it('is left out of every export and of the search text until accepted', () => {
    for (const out of [
      jsonToMarkdown(doc),
      jsonToHtmlDocument(doc, { title: 't' }),
      jsonToConfluenceStorage(doc),
      jsonToText(doc),
    ]) {
      expect(out).toContain('Before');
      expect(out).not.toContain('Impact was');
      expect(out).not.toContain('Summarize');
    }
    // A document holding only a suggestion stays valid.
    const only = withoutAiSuggestions({ type: 'doc', content: [block] });
    expect(only).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });
});
