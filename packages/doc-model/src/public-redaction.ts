import type { JSONContent } from '@tiptap/core';
import { FOLLOW_UPS, followUpSnapshot } from './follow-ups.js';
import { INCIDENT_CARD, INCIDENT_CARD_FIELDS } from './incident-card.js';
import { INCIDENT_DATA } from './incident-data.js';

/**
 * The rules that turn a postmortem into its public version (pure; the API feeds the incident's people and fields):
 * - only the sections the author chose are kept (a section = a top-level heading of the section level and the blocks
 *   up to the next one; blocks before the first heading form the `intro` section);
 * - people's names (full name, handle, `@handle`, e-mail) become their role ("the incident commander", "a responder");
 * - custom field values become "[redacted]" and a textblock labelled with a field ("Team: …") is dropped;
 * - links that are not http(s) or point at an internal host keep their text and lose the link; a bare internal URL
 *   in text becomes "[internal link]";
 * - live blocks lose their internal ids. Comments live outside the document JSON and are never part of it.
 */

export interface PublicSectionInfo {
  id: string;
  heading: string;
}

export interface PublicPerson {
  /** Every spelling to replace: name, handle, e-mail (empty ones are ignored). */
  names: string[];
  /** The role name put in their place ("the incident commander"). */
  role: string;
}

export interface PublicCustomField {
  /** The field's name and display name (labels of "Label: value" lines). */
  labels: string[];
  /** Its value(s) on the incident, as text. */
  values: string[];
}

export interface PublicRedactionRules {
  people: PublicPerson[];
  customFields: PublicCustomField[];
  /** Hosts whose links are internal: `corp.example.com` (that host and its subdomains) or `*.example.com`. */
  internalHosts: string[];
}

export interface PublicRedactionSummary {
  names: number;
  customFields: number;
  links: number;
  blocks: number;
}

export const REDACTED = '[redacted]';
export const INTERNAL_LINK = '[internal link]';

const textOf = (n: JSONContent): string =>
  n.type === 'text' ? (n.text ?? '') : (n.content ?? []).map(textOf).join('');

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/** The heading level that splits the document: 2 when any top-level h2 exists (h1 is then the title), else 1. */
function sectionLevel(blocks: JSONContent[]): number | null {
  const levels = blocks.filter((b) => b.type === 'heading').map((b) => Number(b.attrs?.['level'] ?? 1));
  if (levels.includes(2)) return 2;
  return levels.length ? Math.min(...levels) : null;
}

interface Split {
  info: PublicSectionInfo;
  blocks: JSONContent[];
}

function splitSections(doc: JSONContent): Split[] {
  const blocks = doc.content ?? [];
  const level = sectionLevel(blocks);
  const out: Split[] = [];
  let current: Split | null = null;
  for (const b of blocks) {
    const isSection = b.type === 'heading' && Number(b.attrs?.['level'] ?? 1) === level;
    if (isSection) {
      const heading = textOf(b).trim() || 'Untitled section';
      current = { info: { id: `s${out.length}-${slug(heading)}`, heading }, blocks: [b] };
      out.push(current);
    } else {
      if (!current) {
        const first = b.type === 'heading' ? textOf(b).trim() : '';
        current = { info: { id: 'intro', heading: first || 'Introduction' }, blocks: [] };
        out.push(current);
      }
      current.blocks.push(b);
    }
  }
  return out;
}

/** The sections an author can choose from, in document order. */
export function publicSections(doc: JSONContent): PublicSectionInfo[] {
  return splitSections(doc).map((s) => s.info);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression of literal alternatives, longest first, matched as whole words. */
function literalMatcher(words: string[], caseInsensitive = true): RegExp | null {
  const uniq = [...new Set(words.map((w) => w.trim()).filter((w) => w.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  if (!uniq.length) return null;
  return new RegExp(
    `(?<![\\p{L}\\p{N}_])(?:${uniq.map(escapeRe).join('|')})(?![\\p{L}\\p{N}_])`,
    caseInsensitive ? 'giu' : 'gu',
  );
}

const BARE_URL = /\b(?:https?|ftp|file|javascript|data):[^\s<>"')]+|\bwww\.[^\s<>"')]+/gi;

/** True when `href` may stay a link on a public page: http(s) to a host that is not internal. */
export function isPublicHref(href: unknown, internalHosts: string[]): boolean {
  if (typeof href !== 'string') return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  return !isInternalHost(url.hostname, internalHosts);
}

/**
 * Hosts never public: no dot (intranet names, `localhost`), reserved private suffixes, IP literals of private,
 * loopback and link-local ranges, and the configured list.
 */
export function isInternalHost(rawHost: string, internalHosts: string[]): boolean {
  const host = rawHost
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (!host.includes('.') || host.includes(':')) return true; // single label or IPv6 literal
  if (/\.(local|internal|intranet|corp|lan|home\.arpa|localhost)$/.test(host)) return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 10 || a === 127 || a === 0 || (a === 169 && b === 254)) return true;
    if ((a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127))
      return true;
  }
  return internalHosts.some((raw) => {
    const h = raw.trim().toLowerCase().replace(/^\*\./, '').replace(/^\./, '');
    return !!h && (host === h || host.endsWith(`.${h}`));
  });
}

interface Ctx {
  rules: PublicRedactionRules;
  people: RegExp | null;
  roleOf: Map<string, string>;
  fieldValues: RegExp | null;
  fieldLabels: RegExp | null;
  summary: PublicRedactionSummary;
}

function redactText(s: string, ctx: Ctx): string {
  let out = s;
  if (ctx.people)
    out = out.replace(ctx.people, (m, offset: number) => {
      ctx.summary.names++;
      const role = ctx.roleOf.get(m.toLowerCase()) ?? 'a responder';
      // A role that starts a sentence starts with a capital ("Priya paged…" → "The incident commander paged…").
      const starts = /(^|[.!?]\s+)$/.test(out.slice(0, offset));
      return starts ? role.charAt(0).toUpperCase() + role.slice(1) : role;
    });
  if (ctx.fieldValues)
    out = out.replace(ctx.fieldValues, () => {
      ctx.summary.customFields++;
      return REDACTED;
    });
  out = out.replace(BARE_URL, (m) => {
    if (isPublicHref(m, ctx.rules.internalHosts)) return m;
    ctx.summary.links++;
    return INTERNAL_LINK;
  });
  return out;
}

function redactMarks(marks: JSONContent['marks'], ctx: Ctx): JSONContent['marks'] {
  if (!marks) return marks;
  return marks.flatMap((m) => {
    if (m.type !== 'link') return [m];
    if (isPublicHref(m.attrs?.['href'], ctx.rules.internalHosts))
      return [
        { ...m, attrs: { href: m.attrs?.['href'], target: '_blank', rel: 'noopener noreferrer nofollow' } },
      ];
    ctx.summary.links++;
    return [];
  });
}

/** "Team: Payments" as a paragraph / list item / heading, or a table row whose first cell is "Team". */
function isLabelled(n: JSONContent, ctx: Ctx): boolean {
  if (!ctx.fieldLabels) return false;
  if (n.type === 'tableRow') {
    const first = textOf(n.content?.[0] ?? {}).trim();
    return ctx.fieldLabels.test(`${first}:`);
  }
  if (n.type === 'paragraph' || n.type === 'listItem' || n.type === 'heading')
    return ctx.fieldLabels.test(textOf(n).trim());
  return false;
}

function redactNode(n: JSONContent, ctx: Ctx): JSONContent | null {
  if (n.type === 'text') {
    const text = redactText(n.text ?? '', ctx);
    if (!text) return null;
    const marks = redactMarks(n.marks, ctx);
    return { type: 'text', text, ...(marks?.length ? { marks } : {}) };
  }
  // A textblock or list item labelled with a custom field ("Team: Payments") goes entirely.
  if (isLabelled(n, ctx)) {
    ctx.summary.blocks++;
    ctx.summary.customFields++;
    return null;
  }
  let attrs = n.attrs;
  if (n.type === INCIDENT_CARD) {
    const next: Record<string, unknown> = { incidentId: null };
    for (const [key] of INCIDENT_CARD_FIELDS) next[key] = redactText(String(n.attrs?.[key] ?? ''), ctx);
    attrs = next;
  } else if (n.type === FOLLOW_UPS) {
    const items = followUpSnapshot(n.attrs).map((f) => ({
      content: redactText(f.content, ctx),
      assignee: f.assignee ? redactText(f.assignee, ctx) : null,
      dueDate: f.dueDate ?? null,
      done: f.done,
    }));
    attrs = { incidentId: null, items };
  } else if (n.type === INCIDENT_DATA) {
    attrs = { ...n.attrs, blockId: '', hash: '' };
  }
  const out: JSONContent = { ...n, ...(attrs ? { attrs } : {}) };
  if (n.content) {
    const content = n.content.map((c) => redactNode(c, ctx)).filter((c): c is JSONContent => !!c);
    // Structural nodes that need a child (a list item, a table row) disappear with their last one.
    if (!content.length && n.content.length && n.type !== 'paragraph' && n.type !== 'heading') {
      ctx.summary.blocks++;
      return null;
    }
    out.content = content;
  }
  return out;
}

/**
 * The public version of `doc`: the chosen sections (unknown ids are reported, never guessed) with every rule applied.
 */
export function redactForPublic(
  doc: JSONContent,
  sectionIds: readonly string[],
  rules: PublicRedactionRules,
): { doc: JSONContent; summary: PublicRedactionSummary; unknown: string[] } {
  const sections = splitSections(doc);
  const known = new Set(sections.map((s) => s.info.id));
  const unknown = sectionIds.filter((id) => !known.has(id));
  const chosen = new Set(sectionIds);
  const roleOf = new Map<string, string>();
  // The first role given to a spelling wins (callers list the commander and owner before plain responders).
  for (const p of rules.people)
    for (const n of p.names) {
      const key = n.trim().toLowerCase();
      if (key.length >= 2 && !roleOf.has(key)) roleOf.set(key, p.role);
    }
  const fieldValues = rules.customFields.flatMap((f) => f.values);
  const labels = rules.customFields.flatMap((f) => f.labels).filter((l) => l.trim().length >= 2);
  const ctx: Ctx = {
    rules,
    people: literalMatcher([...roleOf.keys()]),
    roleOf,
    // One- and two-letter values ("A", "no") would redact ordinary words: only values of 3+ characters count, and
    // case-sensitively (the team "Payments" is redacted, "payments" as a word is not).
    fieldValues: literalMatcher(
      fieldValues.filter((v) => v.trim().length >= 3),
      false,
    ),
    fieldLabels: labels.length
      ? new RegExp(`^(?:${labels.map((l) => escapeRe(l.trim())).join('|')})\\s*[:|–-]`, 'iu')
      : null,
    summary: { names: 0, customFields: 0, links: 0, blocks: 0 },
  };
  const blocks = sections
    .filter((s) => chosen.has(s.info.id))
    .flatMap((s) => s.blocks)
    .map((b) => redactNode(b, ctx))
    .filter((b): b is JSONContent => !!b);
  return {
    doc: { type: 'doc', content: blocks.length ? blocks : [{ type: 'paragraph' }] },
    summary: ctx.summary,
    unknown,
  };
}

/** Applies the name, field and URL rules to a single string (the page title). */
export function redactPublicText(s: string, rules: PublicRedactionRules): string {
  return (
    (
      redactForPublic(
        { type: 'doc', content: [{ type: 'paragraph', content: s ? [{ type: 'text', text: s }] : [] }] },
        ['intro'],
        rules,
      ).doc.content?.[0]?.content ?? []
    )
      .map(textOf)
      .join('') || ''
  );
}
