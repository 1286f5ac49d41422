import { describe, expect, it } from 'vitest';
import {
  jsonToHtml,
  jsonToMarkdown,
  jsonToText,
  jsonToYState,
  validateDoc,
  yStateToJson,
  type JSONContent,
} from '../src/index.js';

const card = (title: string): JSONContent => ({
  type: 'doc',
  content: [
    {
      type: 'incidentCard',
      attrs: {
        incidentId: '11111111-1111-4111-8111-111111111111',
        title,
        severity: 'SEV-2',
        status: 'resolved',
        impact: 'Customers impacted',
        postmortemStatus: 'Draft',
        owner: 'Sam Standard',
      },
    },
  ],
});

describe('incident card node', () => {
  it('is part of the schema and survives the Yjs round trip with every attribute', () => {
    const doc = card('Checkout outage');
    expect(validateDoc(doc).ok).toBe(true);
    expect(yStateToJson(jsonToYState(doc))).toEqual(doc);
  });

  it('exports a snapshot table to HTML, Markdown and text, with hostile values inert', () => {
    const doc = card('<script>alert(1)</script> | pipes');
    const html = jsonToHtml(doc);
    expect(html).toContain('data-type="incident-card"');
    expect(html).toContain('<th>Severity</th><td>SEV-2</td>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    const md = jsonToMarkdown(doc);
    expect(md).toContain('| Postmortem owner | Sam Standard |');
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('\\| pipes');
    expect(jsonToText(doc)).toContain('Status\tresolved');
  });
});
