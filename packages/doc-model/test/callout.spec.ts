import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import {
  jsonToConfluenceStorage,
  jsonToHtml,
  jsonToHtmlDocument,
  jsonToMarkdown,
  jsonToText,
  jsonToYState,
  validateDoc,
  yStateToJson,
  type JSONContent,
} from '../src/index.js';
import { xmlProblem } from './xml-check.js';

const t = (text: string): JSONContent => ({ type: 'text', text });
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const callout = (tone: unknown, ...content: JSONContent[]): JSONContent => ({
  type: 'callout',
  attrs: { tone },
  content,
});

const doc: JSONContent = {
  type: 'doc',
  content: [
    callout('warning', p(t('Do not restart <db> during backups.')), {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [p(t('check the lock first'))] }],
    }),
    callout('info', p(t('Plain note'))),
    p(t('after')),
  ],
};

describe('callout node', () => {
  it('is part of the schema, round-trips through Yjs and needs block content', () => {
    expect(validateDoc(doc)).toEqual({ ok: true });
    expect(yStateToJson(jsonToYState(doc))).toEqual(doc);
    expect(validateDoc({ type: 'doc', content: [callout('info')] }).ok).toBe(false);
  });

  it('renders HTML as a toned div whose content is escaped; an unknown tone falls back to info', () => {
    const html = jsonToHtml(doc);
    expect(html).toContain(
      '<div data-type="callout" data-tone="warning" class="pm-callout pm-callout--warning" role="note"><p>Do not restart &lt;db&gt; during backups.</p><ul>',
    );
    const odd = jsonToHtml({ type: 'doc', content: [callout('"><script>', p(t('x')))] });
    expect(odd).toContain('data-tone="info"');
    expect(odd).not.toContain('<script>');
    expect(jsonToHtmlDocument(doc, { title: 'T' })).toContain('.pm-callout--warning {');
  });

  it('exports Markdown as a GFM alert that still reads as a quote', () => {
    const md = jsonToMarkdown(doc);
    expect(md).toContain(
      '> [!WARNING]\n> Do not restart \\<db\\> during backups.\n>\n> - check the lock first\n\n> [!NOTE]\n> Plain note\n\nafter',
    );
    const rendered = new MarkdownIt().render(md);
    expect(rendered).toContain('<blockquote>');
    expect(rendered).toContain('<li>check the lock first</li>');
  });

  it('exports Confluence storage as the panel macro of its tone, well-formed', () => {
    const xml = jsonToConfluenceStorage(doc);
    expect(xml).toContain(
      '<ac:structured-macro ac:name="note"><ac:rich-text-body><p>Do not restart &lt;db&gt; during backups.</p><ul><li><p>check the lock first</p></li></ul></ac:rich-text-body></ac:structured-macro>',
    );
    expect(xml).toContain('<ac:structured-macro ac:name="info"><ac:rich-text-body><p>Plain note</p>');
    expect(xmlProblem(xml)).toBeNull();
  });

  it('keeps its text in the plain-text export', () => {
    expect(jsonToText(doc).split('\n')).toEqual([
      'Do not restart <db> during backups.',
      'check the lock first',
      'Plain note',
      'after',
    ]);
  });
});
