import { describe, expect, it } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import { jsonToHtml, jsonToMarkdown, jsonToText } from '../src/index.js';
import { fullDoc } from './fixtures.js';

const evil: JSONContent = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script>' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
        {
          type: 'text',
          text: ' data',
          marks: [{ type: 'link', attrs: { href: ' data:text/html,<b>x</b>' } }],
        },
        { type: 'text', text: ' tab', marks: [{ type: 'link', attrs: { href: 'java\tscript:alert(1)' } }] },
      ],
    },
    {
      type: 'codeBlock',
      attrs: { language: '"><script>' },
      content: [{ type: 'text', text: '</code><img src=x onerror=alert(1)>' }],
    },
  ],
};

describe('jsonToHtml', () => {
  it('renders every node type through the schema', () => {
    const html = jsonToHtml(fullDoc);
    expect(html).toContain('<h1>Postmortem: DB outage</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain(
      '<a target="_blank" rel="noopener noreferrer nofollow" href="https://example.com/runbook">the runbook</a>',
    );
    expect(html).toContain('<pre><code class="language-sql">SELECT 1;\nSELECT 2;</code></pre>');
    expect(html).toContain('<ul data-type="taskList"><li data-checked="true" data-type="taskItem">');
    expect(html).toContain('<tbody><tr><th colspan="1" rowspan="1"><p>Time</p></th>');
  });

  it('keeps hostile text and links inert', () => {
    const html = jsonToHtml(evil);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/href="\s*data:/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('click');
  });
});

describe('jsonToMarkdown', () => {
  it('writes GFM for headings, lists, task lists, tables, code, links and emphasis', () => {
    expect(jsonToMarkdown(fullDoc)).toBe(
      [
        '# Postmortem: DB outage',
        '',
        'Plain, **bold** and *italic* and ~~struck~~, under `code()`',
        '',
        'See [the runbook](<https://example.com/runbook>).\\',
        'Second line',
        '',
        '- one',
        '  - nested',
        '- two',
        '',
        '1. first',
        '2. second',
        '',
        '- [x] done item',
        '- [ ] open item',
        '',
        '> quoted',
        '',
        '```sql',
        'SELECT 1;',
        'SELECT 2;',
        '```',
        '',
        '---',
        '',
        '| Time | Event |',
        '| --- | --- |',
        '| 10:00 | Alert fired |',
        '',
      ].join('\n'),
    );
  });

  it('escapes markup in text and drops unsafe links', () => {
    const md = jsonToMarkdown(evil);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).not.toMatch(/javascript:/i);
    expect(md).not.toMatch(/\]\(/);
  });
});

describe('jsonToText', () => {
  it('gives one line per block, tab-separated table cells', () => {
    expect(jsonToText(fullDoc)).toBe(
      [
        'Postmortem: DB outage',
        'Plain, bold and italic and struck, under code()',
        'See the runbook.',
        'Second line',
        'one',
        'nested',
        'two',
        'first',
        'second',
        'done item',
        'open item',
        'quoted',
        'SELECT 1;',
        'SELECT 2;',
        'Time\tEvent',
        '10:00\tAlert fired',
      ].join('\n'),
    );
  });
});

describe('linear time', () => {
  const big = (n: number): JSONContent => ({
    type: 'doc',
    content: Array.from({ length: n }, (_, i) => ({
      type: 'paragraph',
      content: [
        { type: 'text', text: `line ${i} `, marks: [{ type: 'bold' }] },
        { type: 'text', text: 'tail' },
      ],
    })),
  });
  // Best of several interleaved samples: single runs of a few ms are dominated by GC pauses and by
  // other processes on a 2-core machine; a retry absorbs a rare outlier, a quadratic path fails every time.
  const ratio = (f: (d: JSONContent) => unknown, a: JSONContent, b: JSONContent): number => {
    let ta = Infinity;
    let tb = Infinity;
    for (let r = 0; r < 7; r++) {
      let t0 = performance.now();
      f(a);
      ta = Math.min(ta, performance.now() - t0);
      t0 = performance.now();
      f(b);
      tb = Math.min(tb, performance.now() - t0);
    }
    return tb / ta;
  };
  it(
    'jsonToHtml and jsonToMarkdown scale linearly (8k vs 2k paragraphs < 8×; quadratic would be 16×)',
    { retry: 2 },
    () => {
      const [a, b] = [big(2_000), big(8_000)];
      for (const f of [jsonToHtml, jsonToMarkdown]) {
        f(a); // warm up the JIT on both sizes so the ratio measures the algorithm, not compilation
        f(b);
        expect(ratio(f, a, b), f.name).toBeLessThan(8);
      }
    },
  );
});
