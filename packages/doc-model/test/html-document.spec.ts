import { describe, expect, it } from 'vitest';
import { EXPORT_CSP, jsonToHtml, jsonToHtmlDocument } from '../src/index.js';
import { hostileDoc, richDoc } from './fixtures.js';

describe('jsonToHtmlDocument', () => {
  const page = jsonToHtmlDocument(richDoc, { title: 'Postmortem: DB outage' });

  it('is a complete page with charset, strict CSP, title, inline style and the rendered body', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(EXPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(page).toContain('<title>Postmortem: DB outage</title>');
    expect(page).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
    expect(page).toContain(`<main>\n${jsonToHtml(richDoc)}\n</main>`);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('loads nothing from outside and runs nothing', () => {
    expect(page).not.toMatch(/<(script|link|iframe|object|embed|img|base|form)\b/i);
    expect(page).not.toMatch(/url\(|@import|src=/i);
    // The only absolute URL is the document's own link (an <a>, not a resource).
    expect([...page.matchAll(/https?:\/\//g)]).toHaveLength(2); // runbook + a b link
  });

  it('shows the incident card once, as a table, without stray attributes', () => {
    expect(page).toContain('<th>Title</th><td>Checkout outage</td>');
    expect(page).not.toMatch(/\sincidentId=|\stitle="Checkout/);
  });

  it('escapes the title and language and keeps hostile data inert', () => {
    const evil = jsonToHtmlDocument(hostileDoc, {
      title: '</title><script>alert(1)</script>',
      lang: 'en"><script>',
    });
    expect(evil).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(evil).toContain('<html lang="en">');
    expect(evil).not.toMatch(/<(script|img)\b/i);
    expect(evil).not.toMatch(/href="\s*(javascript|data|vbscript)/i);
    expect(evil).not.toMatch(/\son\w+="/i);
    expect(evil).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(jsonToHtmlDocument(richDoc, { title: 't', lang: 'de-CH' })).toContain('<html lang="de-CH">');
  });
});
