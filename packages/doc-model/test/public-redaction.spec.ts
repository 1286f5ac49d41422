import { describe, expect, it } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import {
  commentAuthorsOfState,
  createThread,
  INTERNAL_LINK,
  jsonToYDoc,
  yStateToJson,
  isInternalHost,
  isPublicHref,
  jsonToHtml,
  publicSections,
  redactForPublic,
  redactPublicText,
  REDACTED,
  type PublicRedactionRules,
} from '../src/index.js';

const t = (text: string, marks?: JSONContent['marks']): JSONContent => ({
  type: 'text',
  text,
  ...(marks ? { marks } : {}),
});
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const h = (level: number, text: string): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [t(text)],
});

const doc: JSONContent = {
  type: 'doc',
  content: [
    h(1, 'Postmortem: checkout outage'),
    p(t('Commander: Priya Natarajan')),
    h(2, 'Summary'),
    p(t('Priya Natarajan and @marco restarted the pool; Lena Vogel (lena@example.com) watched.')),
    p(t('Team: Payments')),
    p(t('The payments-core cluster was degraded.')),
    h(2, 'Impact'),
    p(
      t('See '),
      t('the dashboard', [{ type: 'link', attrs: { href: 'https://grafana.corp.example.com/d/1' } }]),
      t(' and '),
      t('status page', [{ type: 'link', attrs: { href: 'https://status.example.com/x' } }]),
      t(' and http://wiki/runbook and https://10.1.2.3/x.'),
    ),
    {
      type: 'followUps',
      attrs: {
        incidentId: 'abc',
        items: [
          {
            id: 'f1',
            content: 'Fix pool (Marco Silva)',
            assignee: 'Marco Silva',
            dueDate: null,
            done: false,
          },
        ],
      },
    },
    h(2, 'Internal notes'),
    p(t('Secret stuff')),
  ],
};

const rules: PublicRedactionRules = {
  people: [
    { names: ['Priya Natarajan', 'priya', '@priya', 'priya@example.com'], role: 'the incident commander' },
    { names: ['Marco Silva', 'marco', '@marco'], role: 'a responder' },
    { names: ['Lena Vogel', 'lena', 'lena@example.com'], role: 'a responder' },
  ],
  customFields: [{ labels: ['team', 'Team'], values: ['Payments', 'payments-core'] }],
  internalHosts: ['corp.example.com'],
};

describe('public sections', () => {
  it('splits at h2 with the h1 and its blocks as intro', () => {
    expect(publicSections(doc)).toEqual([
      { id: 'intro', heading: 'Postmortem: checkout outage' },
      { id: 's1-summary', heading: 'Summary' },
      { id: 's2-impact', heading: 'Impact' },
      { id: 's3-internal-notes', heading: 'Internal notes' },
    ]);
  });

  it('keeps only the chosen sections and reports unknown ids', () => {
    const r = redactForPublic(doc, ['s1-summary', 'nope'], rules);
    const html = jsonToHtml(r.doc);
    expect(html).toContain('Summary');
    expect(html).not.toContain('Impact');
    expect(html).not.toContain('Secret stuff');
    expect(r.unknown).toEqual(['nope']);
  });
});

describe('redaction', () => {
  const r = redactForPublic(doc, ['intro', 's1-summary', 's2-impact'], rules);
  const html = jsonToHtml(r.doc);

  it('replaces names, handles and e-mails by roles', () => {
    expect(html).not.toMatch(/Priya|Natarajan|Marco|Silva|Lena|Vogel|@example\.com/);
    expect(html).toContain(
      'The incident commander and a responder restarted the pool; a responder (a responder) watched.',
    );
    expect(r.summary.names).toBeGreaterThanOrEqual(5);
  });

  it('drops custom field lines and values', () => {
    expect(html).not.toMatch(/Payments|payments-core/);
    expect(html).toContain(`The ${REDACTED} cluster was degraded.`);
    expect(r.summary.customFields).toBeGreaterThanOrEqual(2);
  });

  it('strips internal links to text and keeps public ones', () => {
    expect(html).not.toContain('grafana.corp');
    expect(html).toContain('the dashboard');
    expect(html).toContain('href="https://status.example.com/x"');
    expect(html).not.toContain('http://wiki');
    expect(html).not.toContain('10.1.2.3');
    expect(html).toContain(INTERNAL_LINK);
  });

  it('redacts follow-up snapshots and drops internal ids', () => {
    expect(html).toContain('Fix pool (a responder)');
    expect(html).not.toContain('data-incident-id');
    expect(html).not.toContain('"f1"');
  });

  it('never lets hostile text or links through', () => {
    const hostile: JSONContent = {
      type: 'doc',
      content: [
        p(t('<script>alert(1)</script>')),
        p(t('click', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]), t(' javascript:alert(2)')),
      ],
    };
    const out = jsonToHtml(redactForPublic(hostile, ['intro'], rules).doc);
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/javascript:/i);
    expect(out).toContain('&lt;script&gt;');
  });

  it('matches custom field values case-sensitively (a team name, not the ordinary word)', () => {
    const r2 = redactForPublic(
      { type: 'doc', content: [p(t('payments were slow for Payments'))] },
      ['intro'],
      rules,
    );
    expect(jsonToHtml(r2.doc)).toBe(`<p>payments were slow for ${REDACTED}</p>`);
  });

  it('redacts a single string', () => {
    expect(redactPublicText('Outage led by Priya Natarajan', rules)).toBe(
      'Outage led by the incident commander',
    );
  });
});

describe('internal hosts', () => {
  it.each([
    ['https://wiki/x', false],
    ['http://localhost:3000', false],
    ['https://192.168.1.1/', false],
    ['https://jira.corp.example.com/browse/X', false],
    ['https://a.internal/x', false],
    ['mailto:a@b.com', false],
    ['https://u:p@example.com/', false],
    ['https://example.com/', true],
  ])('%s public=%s', (href, ok) => {
    expect(isPublicHref(href, ['corp.example.com'])).toBe(ok);
  });

  it('matches configured hosts and their subdomains only', () => {
    expect(isInternalHost('corp.example.com', ['*.corp.example.com'])).toBe(true);
    expect(isInternalHost('notcorp.example.com', ['corp.example.com'])).toBe(false);
  });
});

describe('comments', () => {
  it('are outside the document JSON; their authors are listed for the name rule', () => {
    const ydoc = jsonToYDoc({ type: 'doc', content: [p(t('Body text'))] });
    createThread(ydoc, {
      from: new Uint8Array([0]),
      to: new Uint8Array([0]),
      quote: 'Body',
      author: { id: 'u1', name: 'Lena Vogel' },
      body: 'secret remark',
    });
    const state = Y.encodeStateAsUpdate(ydoc);
    expect(commentAuthorsOfState(state)).toEqual([{ id: 'u1', name: 'Lena Vogel' }]);
    const html = jsonToHtml(redactForPublic(yStateToJson(state), ['intro'], rules).doc);
    expect(html).toBe('<p>Body text</p>');
  });
});
