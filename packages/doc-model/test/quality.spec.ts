import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUALITY_CONFIG,
  findBlamingPhrases,
  runQualityChecks,
  templateSections,
  textblocksOf,
  type JSONContent,
  type QualityInput,
  type QualityResult,
} from '../src/index.js';

const p = (text: string): JSONContent => ({
  type: 'paragraph',
  content: text ? [{ type: 'text', text }] : [],
});
const h = (text: string, level = 2): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [{ type: 'text', text }],
});
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

const TEMPLATE = `# {{ incident.title }}\n\n## Summary\n\n_Describe what happened._\n\n## Timeline\n\n{{ incident.timeline }}\n\n## Impact\n\nWho was affected?\n`;
const GOOD: QualityInput = {
  doc: doc(
    h('Outage', 1),
    h('Summary'),
    p('The cache expired and 1200 requests failed.'),
    h('Timeline'),
    p('10:00 alert fired'),
    h('Impact'),
    p('300 users saw errors for 20 minutes'),
  ),
  impacts: [
    {
      description: 'Checkout errors for 300 users',
      startAt: '2026-01-01T10:00:00Z',
      endAt: '2026-01-01T10:20:00Z',
    },
  ],
  followUps: [{ id: 'f1', content: 'Add alert', assigneeIds: ['u1'], dueDate: '2026-02-01' }],
  template: TEMPLATE,
};
const byId = (rs: QualityResult[], id: string) => rs.find((r) => r.id === id)!;

describe('blaming phrase matcher', () => {
  it('matches case-insensitively on word boundaries only', () => {
    expect(findBlamingPhrases('Ops SHOULD HAVE known', ['should have']).map((m) => m.from)).toEqual([4]);
    expect(findBlamingPhrases('shouldhave; reshould have', ['should have'])).toEqual([]);
    expect(findBlamingPhrases('it was obviously-wrong', ['obviously'])).toHaveLength(1);
    expect(findBlamingPhrases('unobviously', ['obviously'])).toEqual([]);
  });

  it('catches a possessive fault after any name, with either apostrophe, and spans line whitespace', () => {
    const ms = findBlamingPhrases("It was Bob's fault, and Ann’s  fault too", ["'s fault"]);
    expect(ms.map((m) => m.from)).toEqual([10, 27]);
    expect(findBlamingPhrases('human\n error', ['human error'])).toHaveLength(1);
  });

  it('treats configured phrases literally (no regex injection) and ignores blanks', () => {
    expect(findBlamingPhrases('aaaa', ['a+', '.*', ''])).toEqual([]);
    expect(findBlamingPhrases('price a+ b', ['a+'])).toHaveLength(1);
    expect(findBlamingPhrases('x (y) x', ['(y)'])).toEqual([{ phrase: '(y)', from: 2, to: 5 }]);
  });

  it('prefers the longest phrase at one place', () => {
    expect(findBlamingPhrases('they should have known', ['should have', 'should have known'])).toEqual([
      { phrase: 'should have known', from: 5, to: 22 },
    ]);
  });
});

describe('quality checks', () => {
  it('pass on a complete, blameless postmortem', () => {
    const rs = runQualityChecks(GOOD);
    expect(rs.map((r) => [r.id, r.status])).toEqual([
      ['impact_quantified', 'pass'],
      ['follow_ups_complete', 'pass'],
      ['timeline_present', 'pass'],
      ['required_sections', 'pass'],
      ['blameless_wording', 'pass'],
    ]);
  });

  it('flags a follow-up without due date or assignee, pointing at the follow-up', () => {
    const r = byId(
      runQualityChecks({
        ...GOOD,
        followUps: [
          ...GOOD.followUps,
          { id: 'f2', content: 'Fix cache', assigneeIds: ['u1'], dueDate: null },
          { id: 'f3', content: 'Docs', assigneeIds: [], dueDate: null },
        ],
      }),
      'follow_ups_complete',
    );
    expect(r.status).toBe('warn');
    expect(r.items).toEqual([
      { message: 'Follow-up "Fix cache" has no due date', location: { kind: 'follow_up', followUpId: 'f2' } },
      {
        message: 'Follow-up "Docs" has no assignee and no due date',
        location: { kind: 'follow_up', followUpId: 'f3' },
      },
    ]);
  });

  it('locates blaming phrases by textblock and offset, skipping code blocks', () => {
    const input = {
      ...GOOD,
      doc: doc(...(GOOD.doc.content ?? []), p('The on-call failed to page. Careless.'), {
        type: 'codeBlock',
        content: [{ type: 'text', text: 'failed to connect' }],
      }),
    };
    const r = byId(runQualityChecks(input), 'blameless_wording');
    expect(r.status).toBe('warn');
    const block = textblocksOf(input.doc).length - 2;
    expect(r.items.map((i) => i.location)).toEqual([
      { kind: 'text', block, from: 12, to: 21 },
      { kind: 'text', block, from: 28, to: 36 },
    ]);
  });

  it('honours configured phrases and levels: blocking fails, off is left out', () => {
    const input = { ...GOOD, doc: doc(...(GOOD.doc.content ?? []), p('A root-cause slip.')) };
    const rs = runQualityChecks({
      ...input,
      config: {
        levels: { ...DEFAULT_QUALITY_CONFIG.levels, blameless_wording: 'blocking', impact_quantified: 'off' },
        blamingPhrases: ['slip'],
      },
    });
    expect(rs.find((r) => r.id === 'impact_quantified')).toBeUndefined();
    expect(byId(rs, 'blameless_wording')).toMatchObject({ status: 'fail', level: 'blocking' });
  });

  it('flags an empty timeline and a missing timeline section', () => {
    const empty = doc(h('Summary'), p('x'), h('Timeline'), p(''), h('Impact'), p('3 users'));
    const r = byId(runQualityChecks({ ...GOOD, doc: empty }), 'timeline_present');
    expect(r.status).toBe('warn');
    expect(r.items[0]!.location).toEqual({ kind: 'text', block: 2, from: 0, to: 8 });
    const none = byId(runQualityChecks({ ...GOOD, doc: doc(h('Summary'), p('x')) }), 'timeline_present');
    expect(none.message).toMatch(/no Timeline section/);
  });

  it('flags template sections left with placeholder text, empty or missing', () => {
    const d = doc(
      h('Summary'),
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'Describe what happened.', marks: [{ type: 'italic' }] }],
      },
      h('Timeline'),
      p('10:00'),
    );
    const r = byId(runQualityChecks({ ...GOOD, doc: d }), 'required_sections');
    expect(r.items.map((i) => i.message)).toEqual([
      `Section "Summary" still has the template's placeholder text`,
      'Section "Impact" is missing',
    ]);
  });

  it('flags impact without duration or numbers', () => {
    const r = byId(
      runQualityChecks({
        ...GOOD,
        doc: doc(h('Timeline'), p('x')),
        impacts: [{ description: 'Checkout broken', startAt: '2026-01-01T10:00:00Z', endAt: null }],
      }),
      'impact_quantified',
    );
    expect(r.items).toHaveLength(2);
  });

  it('reads template headings outside code fences and skips Liquid headings', () => {
    expect(templateSections('# {{ x }}\n## A\nfill me\n```\n# not\n```\n## B\n{{ y }}')).toEqual([
      { title: 'A', placeholder: 'fill me\n```\n# not\n```' },
      { title: 'B', placeholder: null },
    ]);
  });
});
