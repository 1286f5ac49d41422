// @vitest-environment jsdom
// DOMPurify does not work on happy-dom (it drops the root element and misses nested ones), so the sanitizer is
// tested on jsdom, which parses like a browser.
import { jsonToHtml } from '@pm/doc-model';
import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../src/sanitize.js';

describe('sanitizeHtml (DOMPurify)', () => {
  it('keeps structure, drops scripts, handlers and javascript: links', () => {
    const out = sanitizeHtml(
      '<h2>Impact</h2><img src=x onerror="alert(1)"><a href="javascript:alert(1)">x</a><a href="https://ok.test">y</a><script>1</script>',
    );
    expect(out).toContain('<h2>Impact</h2>');
    expect(out).not.toMatch(/onerror|javascript:|<script/);
    expect(out).toContain('href="https://ok.test"');
  });

  it('allows only http(s) and mailto links, and no styles, forms, frames, media or SVG', () => {
    const out = sanitizeHtml(
      [
        '<a href="mailto:oncall@example.com">mail</a>',
        '<a href="data:text/html,x">data</a><a href="/relative">rel</a><a href=" JaVa\tscript:alert(1)">js</a>',
        '<p style="position:fixed;inset:0">cover</p><style>body{display:none}</style>',
        '<form action="https://evil.test"><input name="password"><button>Sign in</button></form>',
        '<iframe src="https://evil.test"></iframe><video src="https://x.test/v.mp4"></video>',
        '<svg><a href="https://x.test"><text>s</text></a></svg>',
      ].join(''),
    );
    expect(out).toContain('<a href="mailto:oncall@example.com">mail</a>');
    expect(out).toContain('<a>data</a><a>rel</a><a>js</a>'); // the text stays, the target goes
    expect(out).not.toMatch(/style|<form|<input|<button|<iframe|<video|<svg|evil/);
    expect(out).toContain('<p>cover</p>');
  });

  it('keeps everything the document model renders (headings, lists, task lists, tables, cards, links)', () => {
    const text = (t: string, marks?: JSONContent['marks']): JSONContent => ({
      type: 'text',
      text: t,
      ...(marks ? { marks } : {}),
    });
    const para = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
    const html = jsonToHtml({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('Timeline')] },
        para(
          text('bold', [{ type: 'bold' }]),
          text(' '),
          text('docs', [{ type: 'link', attrs: { href: 'https://docs.test' } }]),
        ),
        { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('one'))] }] },
        {
          type: 'taskList',
          content: [{ type: 'taskItem', attrs: { checked: true }, content: [para(text('fix pool'))] }],
        },
        {
          type: 'table',
          content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [para(text('cell'))] }] }],
        },
        {
          type: 'incidentCard',
          attrs: { incidentId: 'e0000000-0000-4000-8000-000000000001', title: 'Checkout 500s' },
        },
        { type: 'codeBlock', content: [text('SELECT 1')] },
      ],
    });
    const doc = new DOMParser().parseFromString(sanitizeHtml(html), 'text/html');
    expect(doc.querySelector('h2')?.textContent).toBe('Timeline');
    expect(doc.querySelector('strong')?.textContent).toBe('bold');
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://docs.test');
    expect(doc.querySelector('ul li p')?.textContent).toBe('one');
    expect(doc.querySelector('ul[data-type="taskList"] li[data-checked="true"]')?.textContent).toContain(
      'fix pool',
    );
    expect(doc.querySelector('table td')?.textContent).toBe('cell');
    const card = doc.querySelector('div.pm-incident-card[data-type="incident-card"]');
    expect(card?.getAttribute('data-title')).toBe('Checkout 500s');
    expect(card?.querySelector('td')?.textContent).toBe('Checkout 500s');
    expect(doc.querySelector('pre code')?.textContent).toBe('SELECT 1');
  });
});
