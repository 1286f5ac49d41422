import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { jsonToMarkdown } from '../src/index.js';
import { hostileDoc, richDoc } from './fixtures.js';

// Raw HTML on, the most permissive common renderer setting: anything our escaping missed would come out as markup.
const render = (md: string) => new MarkdownIt({ html: true, linkify: true }).render(md);

describe('jsonToMarkdown exports', () => {
  const md = jsonToMarkdown(richDoc);

  it('writes the incident card, nested task lists and ordered list starts', () => {
    expect(md).toContain(
      [
        '| Field | Value |',
        '| --- | --- |',
        '| Title | Checkout outage |',
        '| Severity | SEV-2 |',
        '| Status | resolved |',
        '| Impact | EU customers could not pay |',
      ].join('\n'),
    );
    expect(md).toContain('- [ ] Add alert\n  - [x] draft query\n');
    expect(md).toContain('3. third\n');
  });

  it('fences code that contains backticks, and keeps it verbatim', () => {
    expect(md).toContain('````md\n```\nfenced\n```\n]]> end\n````\n');
    expect(render(md)).toContain(
      '<pre><code class="language-md">```\nfenced\n```\n]]&gt; end\n</code></pre>',
    );
    expect(md).toContain('``a`b``');
    expect(render(md)).toContain('<code>a`b</code>');
  });

  it('keeps tables one line per row: pipes in code escaped, breaks as spaces', () => {
    expect(md).toContain('| Cmd | Note |\n| --- | --- |\n| `a \\| b` | line1 line2 |\n');
    const html = render(md);
    expect(html).toContain('<td><code>a | b</code></td>');
    expect(html).toContain('<td>line1 line2</td>');
    expect(html).toContain('<th>Field</th>');
  });

  it('does not turn "!" before a link into an image, nor indented text into code', () => {
    const html = render(md);
    expect(html).toContain('Wow!<a href="https://example.com/a%20b">link</a>');
    expect(html).not.toContain('<img');
    expect(html).toContain('<p>not code</p>');
  });

  it('keeps hostile incident data inert even for a renderer that allows raw HTML', () => {
    const out = jsonToMarkdown(hostileDoc);
    expect(out).not.toMatch(/(?<!\\)\]\(\s*<?\s*(javascript|data|vbscript)/i);
    expect(out).toContain('| Impact | \\| broken \\| table # heading |');
    const html = render(out);
    // Outside <code>/<pre> (where text is shown literally) there is no markup from the data.
    const outsideCode = html.replace(/<pre><code[^>]*>[\s\S]*?<\/code><\/pre>/g, '');
    expect(outsideCode).not.toMatch(/<(script|img|h1 )/i);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript)/i);
    expect(html).not.toMatch(/\son\w+="/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<h1>&lt;h1 onclick=alert(1)&gt;</h1>');
    expect(html).toContain('<ol>\n<li>x</li>'); // garbage start attribute → 1
    expect(html).toContain('<a href="https://example.com/%22onmouseover=%22alert(1)">quote</a>');
    expect(html).toContain('&lt;/code&gt;&lt;img src=x onerror=alert(1)&gt;]]&gt;'); // code block, as text
  });
});
