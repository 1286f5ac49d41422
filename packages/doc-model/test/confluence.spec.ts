import { describe, expect, it } from 'vitest';
import { cdata, jsonToConfluenceStorage, type JSONContent } from '../src/index.js';
import { hostileDoc, richDoc } from './fixtures.js';
import { xmlProblem } from './xml-check.js';

/** The text of every CDATA section, joined (what Confluence's code macro shows). */
const cdataText = (xml: string) =>
  [...xml.matchAll(/<ac:plain-text-body>((?:<!\[CDATA\[[\s\S]*?\]\]>)+)<\/ac:plain-text-body>/g)].map((m) =>
    [...m[1]!.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((c) => c[1]).join(''),
  );

describe('jsonToConfluenceStorage', () => {
  const out = jsonToConfluenceStorage(richDoc);

  it('is well-formed XML', () => {
    expect(xmlProblem(out)).toBeNull();
    expect(xmlProblem(jsonToConfluenceStorage(hostileDoc))).toBeNull();
  });

  it('writes headings, marks, links, breaks, lists, quotes and rules as XHTML', () => {
    expect(out).toContain('<h1>Postmortem: DB outage</h1>');
    expect(out).toContain(
      '<p>Plain, <strong>bold</strong> and <em>italic</em> and <s>struck</s>, <u>under</u> <code>code()</code></p>',
    );
    expect(out).toContain(
      '<p>See <a href="https://example.com/runbook">the runbook</a>.<br/>Second line</p>',
    );
    expect(out).toContain('<ul><li><p>one</p><ul><li><p>nested</p></li></ul></li><li><p>two</p></li></ul>');
    expect(out).toContain('<ol><li><p>first</p></li><li><p>second</p></li></ol>');
    expect(out).toContain('<ol start="3"><li><p>third</p></li></ol>');
    expect(out).toContain('<blockquote><p>quoted</p></blockquote><ac:structured-macro');
    expect(out).toContain('<hr/>');
  });

  it('writes task lists as ac:task-list with unique ids, status and nested tasks', () => {
    expect(out).toContain(
      '<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>done item</ac:task-body></ac:task><ac:task><ac:task-id>2</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>open item</ac:task-body></ac:task></ac:task-list>',
    );
    expect(out).toContain(
      '<ac:task-body>Add alert<ac:task-list><ac:task><ac:task-id>4</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>draft query</ac:task-body>',
    );
  });

  it('writes code blocks as the code macro with the language and the exact text, even with ]]> inside', () => {
    expect(out).toContain(
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">sql</ac:parameter><ac:plain-text-body><![CDATA[SELECT 1;\nSELECT 2;]]></ac:plain-text-body></ac:structured-macro>',
    );
    expect(cdataText(out)).toEqual(['SELECT 1;\nSELECT 2;', '```\nfenced\n```\n]]> end']);
  });

  it('writes tables with header cells, and the incident card as a label/value table', () => {
    expect(out).toContain(
      '<table><tbody><tr><th><p>Time</p></th><th><p>Event</p></th></tr><tr><td><p>10:00</p></td><td><p>Alert fired</p></td></tr></tbody></table>',
    );
    expect(out).toContain('<tr><th><p>Title</p></th><td><p>Checkout outage</p></td></tr>');
    expect(out).toContain('<tr><th><p>Postmortem owner</p></th><td><p>Sam Standard</p></td></tr>');
    const merged: JSONContent = {
      type: 'doc',
      content: [
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [
                { type: 'tableHeader', attrs: { colspan: 2, rowspan: 1 }, content: [{ type: 'paragraph' }] },
              ],
            },
          ],
        },
      ],
    };
    expect(jsonToConfluenceStorage(merged)).toBe(
      '<table><tbody><tr><th colspan="2"><p></p></th></tr></tbody></table>',
    );
  });

  it('keeps hostile incident data inert: markup escaped, unsafe links reduced to text, CDATA not escapable', () => {
    const xml = jsonToConfluenceStorage(hostileDoc);
    // Outside the code macro's CDATA nothing may form a tag or an event handler.
    const outside = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
    expect(outside).not.toMatch(/<(script|img|h1 )/i);
    expect(outside).not.toMatch(/href="\s*(javascript|data|vbscript)/i);
    expect(outside).not.toMatch(/ on\w+="/i);
    expect(outside).not.toMatch(/<\/ac:plain-text-body><script/);
    expect([...outside.matchAll(/<a /g)]).toHaveLength(1); // only the https link survives…
    expect(outside).toContain('<a href="https://example.com/&quot;onmouseover=&quot;alert(1)"> quote</a>'); // …quoted
    expect(outside).toContain(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p>',
    );
    expect(outside).toContain('<p>js upper tab data vb');
    expect(outside).toContain('<td><p>]]&gt;&lt;script&gt;</p></td>');
    expect(outside).toContain('<td><p>javascript:alert(1)</p></td>'); // as text
    // eslint-disable-next-line no-control-regex -- the point is that none of them is left
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/); // XML 1.0 forbids them
    expect(cdataText(xml)).toEqual([
      '</code><img src=x onerror=alert(1)>]]></ac:plain-text-body><script>alert(1)</script>',
    ]);
    expect(xml).toContain('<ac:parameter ac:name="language">scriptalert1script</ac:parameter>');
    expect(xml).toContain('<ol><li>');
    expect(xml).toContain('<h1>&lt;h1 onclick=alert(1)&gt;</h1>');
  });

  it('splits every ]]> across CDATA sections', () => {
    expect(cdata('a]]>b]]>')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>');
  });
});
