import type { JSONContent } from '@tiptap/core';
import { blamingAdvice, compileBlamingPhrases, DEFAULT_BLAMING_PHRASES } from './blaming.js';

/**
 * Postmortem quality checks: pure functions over the document (Tiptap JSON), the incident's impacts and
 * follow-ups and the template's Markdown. The API runs them on demand and before In Review / Completed; the tab
 * shows the results. Text locations are counted in "textblocks" (paragraphs, headings, code blocks in document
 * order) so the tab can map them onto its live ProseMirror document (see {@link textblocksOf}).
 */

export const QUALITY_CHECK_IDS = [
  'impact_quantified',
  'follow_ups_complete',
  'timeline_present',
  'required_sections',
  'blameless_wording',
] as const;
export type QualityCheckId = (typeof QUALITY_CHECK_IDS)[number];
export type QualityLevel = 'off' | 'warning' | 'blocking';

export interface QualityConfig {
  levels: Record<QualityCheckId, QualityLevel>;
  /** Null = {@link DEFAULT_BLAMING_PHRASES}. */
  blamingPhrases: string[] | null;
}

export const DEFAULT_QUALITY_CONFIG: QualityConfig = {
  levels: {
    impact_quantified: 'warning',
    follow_ups_complete: 'warning',
    timeline_present: 'warning',
    required_sections: 'warning',
    blameless_wording: 'warning',
  },
  blamingPhrases: null,
};

export type QualityLocation =
  { kind: 'text'; block: number; from: number; to: number } | { kind: 'follow_up'; followUpId: string };

export interface QualityItem {
  message: string;
  location: QualityLocation | null;
}

export interface QualityResult {
  id: QualityCheckId;
  level: Exclude<QualityLevel, 'off'>;
  /** `fail` = a blocking check failed, `warn` = a warning check failed. */
  status: 'pass' | 'warn' | 'fail';
  message: string;
  items: QualityItem[];
}

export interface QualityInput {
  doc: JSONContent;
  impacts: { description: string; startAt: string | Date | null; endAt: string | Date | null }[];
  followUps: { id: string; content: string; assigneeIds: string[]; dueDate: string | null }[];
  /** The template's Markdown (null when generated without one or it was deleted). */
  template: string | null;
  config?: QualityConfig;
}

const TEXTBLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

export interface Textblock {
  /** Index among the document's textblocks. */
  block: number;
  type: string;
  level: number;
  /** Text nodes as they are; any other inline node counts as one space (its ProseMirror size is 1). */
  text: string;
  /** Index of the top-level node it sits in. */
  top: number;
}

/** Every textblock of the document, in order (the tab walks its ProseMirror doc the same way). */
export function textblocksOf(doc: JSONContent): Textblock[] {
  const out: Textblock[] = [];
  const walk = (node: JSONContent, top: number) => {
    if (node.type && TEXTBLOCKS.has(node.type)) {
      const text = (node.content ?? []).map((c) => (c.type === 'text' ? (c.text ?? '') : ' ')).join('');
      const level = node.type === 'heading' ? Number(node.attrs?.level ?? 1) : 0;
      out.push({ block: out.length, type: node.type, level, text, top });
      return;
    }
    for (const c of node.content ?? []) walk(c, top);
  };
  (doc.content ?? []).forEach((n, i) => walk(n, i));
  return out;
}

const normalize = (s: string) =>
  s
    .replace(/[*_`#>[\]()~-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

interface Section {
  heading: Textblock;
  /** Text of everything under the heading (atoms such as the follow-ups block count as content). */
  text: string;
}

function sectionsOf(doc: JSONContent, blocks: Textblock[]): Section[] {
  const top = doc.content ?? [];
  const headings = blocks.filter((b) => b.type === 'heading' && top[b.top]?.type === 'heading');
  return headings.map((h, i) => {
    const next = headings.slice(i + 1).find((n) => n.level <= h.level);
    const end = next ? next.top : top.length;
    const parts: string[] = [];
    for (let t = h.top + 1; t < end; t++) {
      const node = top[t]!;
      const own = blocks.filter((b) => b.top === t).map((b) => b.text);
      // A node without textblocks (incident card, follow-ups block, image…) is content by itself.
      parts.push(
        own.length ? own.join('\n') : node.type && node.type !== 'horizontalRule' ? `[${node.type}]` : '',
      );
    }
    return { heading: h, text: parts.join('\n').trim() };
  });
}

/** Headings of the template's Markdown with the placeholder text under each (null when it renders data). */
export function templateSections(markdown: string): { title: string; placeholder: string | null }[] {
  const out: { title: string; body: string[] }[] = [];
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) out.push({ title: m[2]!, body: [] });
    else out.at(-1)?.body.push(line);
  }
  return out
    .filter((s) => !/\{\{|\{%/.test(s.title))
    .map((s) => {
      const body = s.body.join('\n').trim();
      return { title: s.title, placeholder: body && !/\{\{|\{%/.test(body) ? body : null };
    });
}

const pass = (id: QualityCheckId, message: string): Omit<QualityResult, 'level'> => ({
  id,
  status: 'pass',
  message,
  items: [],
});
const failed = (id: QualityCheckId, message: string, items: QualityItem[]): Omit<QualityResult, 'level'> => ({
  id,
  status: 'fail',
  message,
  items,
});

const headingAt = (h: Textblock): QualityLocation => ({
  kind: 'text',
  block: h.block,
  from: 0,
  to: h.text.length,
});

function checkImpact(input: QualityInput, sections: Section[]) {
  const withDuration = input.impacts.filter((i) => i.startAt && i.endAt);
  const impactText = [
    ...input.impacts.map((i) => i.description),
    ...sections.filter((s) => /impact/i.test(s.heading.text)).map((s) => s.text),
  ].join('\n');
  const items: QualityItem[] = [];
  if (!withDuration.length)
    items.push({ message: 'No impact with a start and an end (duration unknown)', location: null });
  if (!/\d/.test(impactText))
    items.push({ message: 'No number of affected users or requests in the impact', location: null });
  return items.length
    ? failed('impact_quantified', 'Impact is not quantified', items)
    : pass('impact_quantified', 'Impact has a duration and a number of affected users or requests');
}

function checkFollowUps(input: QualityInput) {
  const items: QualityItem[] = [];
  for (const f of input.followUps) {
    const missing = [f.assigneeIds.length ? null : 'assignee', f.dueDate ? null : 'due date'].filter(Boolean);
    if (missing.length)
      items.push({
        message: `Follow-up "${f.content}" has no ${missing.join(' and no ')}`,
        location: { kind: 'follow_up', followUpId: f.id },
      });
  }
  return items.length
    ? failed('follow_ups_complete', 'Some follow-ups lack an assignee or a due date', items)
    : pass('follow_ups_complete', 'Every follow-up has an assignee and a due date');
}

function checkTimeline(sections: Section[]) {
  const s = sections.find((x) => /timeline/i.test(x.heading.text));
  if (!s) return failed('timeline_present', 'The document has no Timeline section', []);
  if (!s.text)
    return failed('timeline_present', 'The timeline section is empty', [
      { message: `"${s.heading.text}" has no content`, location: headingAt(s.heading) },
    ]);
  return pass('timeline_present', 'The timeline section has content');
}

function checkRequired(input: QualityInput, sections: Section[]) {
  if (input.template === null) return pass('required_sections', 'No template to compare with');
  const items: QualityItem[] = [];
  for (const t of templateSections(input.template)) {
    const s = sections.find((x) => normalize(x.heading.text) === normalize(t.title));
    if (!s) {
      items.push({ message: `Section "${t.title}" is missing`, location: null });
    } else if (!s.text) {
      items.push({ message: `Section "${t.title}" is empty`, location: headingAt(s.heading) });
    } else if (t.placeholder !== null && normalize(s.text) === normalize(t.placeholder)) {
      items.push({
        message: `Section "${t.title}" still has the template's placeholder text`,
        location: headingAt(s.heading),
      });
    }
  }
  return items.length
    ? failed('required_sections', 'Some sections of the template are not filled', items)
    : pass('required_sections', 'Every section of the template is filled');
}

function checkBlameless(blocks: Textblock[], phrases: readonly string[]) {
  const match = compileBlamingPhrases(phrases);
  const items: QualityItem[] = [];
  for (const b of blocks) {
    if (b.type === 'codeBlock') continue;
    for (const m of match(b.text))
      items.push({
        message: `"${b.text.slice(m.from, m.to)}": ${blamingAdvice(m.phrase)}`,
        location: { kind: 'text', block: b.block, from: m.from, to: m.to },
      });
  }
  return items.length
    ? failed('blameless_wording', `${items.length} blaming phrase(s) found`, items)
    : pass('blameless_wording', 'No blaming wording found');
}

/** Runs every check that is not off; a failed check is `fail` when blocking, `warn` when a warning. */
export function runQualityChecks(input: QualityInput): QualityResult[] {
  const config = input.config ?? DEFAULT_QUALITY_CONFIG;
  const blocks = textblocksOf(input.doc);
  const sections = sectionsOf(input.doc, blocks);
  const run: Record<QualityCheckId, () => Omit<QualityResult, 'level'>> = {
    impact_quantified: () => checkImpact(input, sections),
    follow_ups_complete: () => checkFollowUps(input),
    timeline_present: () => checkTimeline(sections),
    required_sections: () => checkRequired(input, sections),
    blameless_wording: () => checkBlameless(blocks, config.blamingPhrases ?? DEFAULT_BLAMING_PHRASES),
  };
  const out: QualityResult[] = [];
  for (const id of QUALITY_CHECK_IDS) {
    const level = config.levels[id] ?? 'warning';
    if (level === 'off') continue;
    const r = run[id]();
    out.push({ ...r, level, status: r.status === 'pass' ? 'pass' : level === 'blocking' ? 'fail' : 'warn' });
  }
  return out;
}
