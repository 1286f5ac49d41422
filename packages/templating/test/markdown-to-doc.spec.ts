import { describe, expect, it } from 'vitest';
import { jsonToMarkdown, jsonToText, type JSONContent } from '@pm/doc-model';
import { markdownToDoc } from '../src/index.js';

describe('markdownToDoc', () => {
  it('maps GFM to the doc schema: headings, lists, task lists, tables, code, quotes, marks', () => {
    const doc = markdownToDoc(
      '# H\n\n- a\n  - b\n\n1. one\n\n- [ ] todo\n- [x] done\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```ts\nx()\n```\n\n> q\n\n---\n\n**b** *i* ~~s~~ `c` [l](https://x.io)',
    );
    expect(doc.content!.map((n) => n.type)).toEqual([
      'heading',
      'bulletList',
      'orderedList',
      'taskList',
      'table',
      'codeBlock',
      'blockquote',
      'horizontalRule',
      'paragraph',
    ]);
    const marks = doc
      .content!.at(-1)!
      .content!.filter((t) => t.marks)
      .map((t) => t.marks![0]!.type);
    expect(marks).toEqual(['bold', 'italic', 'strike', 'code', 'link']);
  });

  it('round trips doc-model Markdown export back to the same text', () => {
    const src: JSONContent = markdownToDoc(
      '# Title *x*\n\n- a \\* b\n- [link](https://e.com)\n\n- [x] t\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n```\ncode <b>\n```\n\n10:30 - done. 1. not a list # not heading',
    );
    const again = markdownToDoc(jsonToMarkdown(src));
    expect(again).toEqual(src);
    expect(jsonToText(again)).toContain('10:30 - done. 1. not a list # not heading');
  });

  it('never produces raw HTML or unsafe links', () => {
    const doc = markdownToDoc(
      '<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](data:text/html,x) ![i](https://x/y.png)',
    );
    const s = JSON.stringify(doc);
    const hrefs = [...s.matchAll(/"href":"([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['https://x/y.png']); // image syntax degrades to a safe link; js:/data: stay text
    expect(s).toContain('<img src=x onerror=alert(1)>');
    expect(doc.content).toHaveLength(1);
  });
});
