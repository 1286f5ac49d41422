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

// Scaling (time(2n)/time(n)) is measured by bench/serializers.bench.mjs, not asserted here: timings in a shared
// test run are noise, and DEVELOPERS.md keeps speed out of the test suite.
