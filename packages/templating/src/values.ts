import { escapeMarkdown } from '@pm/doc-model';
import { VARIABLE_KEYS } from './catalog.js';
import type { FollowUpItem, ImpactItem, IncidentContext, PersonRef, TimelineItem } from './context.js';
import { EM_DASH, formatDuration, formatTimestamp, localParts } from './format.js';

/** Options of a render that shape variable values. */
export interface ValueOptions {
  maxTimelineEntries: number;
  /** Only entries marked important (the reference's legacy "Marked as Important" option). */
  importantOnly?: boolean;
  /**
   * Notebook renders: `{{incident.card}}` outputs this marker paragraph instead of the static table, and
   * render.ts swaps it for a live `incidentCard` node (a per-render random marker, so incident text cannot forge it).
   */
  cardMarker?: string;
  /** Notebook renders: `{{incident.follow-ups}}` outputs this marker, swapped for a live `followUps` node. */
  followUpsMarker?: string;
}

/**
 * The Liquid scope for a render, plus the Markdown of list-valued variables. List values are plain
 * arrays (so `{% for %}` works); when output directly, the escape hook looks them up in `markdown`
 * and emits our own (already escaped) Markdown instead of the array.
 */
export interface Scope {
  vars: Record<string, unknown>;
  markdown: WeakMap<object, string>;
  /** Raw (unescaped) card values for the `incidentCard` node: the node's attributes are text, never markup. */
  card: Record<
    'incidentId' | 'title' | 'severity' | 'status' | 'impact' | 'postmortemStatus' | 'owner',
    string
  >;
  /** The live follow-ups node for notebooks: the incident and a snapshot of its list at generation time. */
  followUps: { incidentId: string; items: FollowUpItem[]; markdown: string };
  /** Markdown of a subset of the timeline's loop items (the `tagged` filter's output prints like the timeline). */
  timelineMarkdownOf: (items: readonly object[]) => string;
}

const esc = (s: string | null | undefined): string => (s ? escapeMarkdown(s) : EM_DASH);
/** Multi-line text inside a list item: one escaped line per line, joined by hard breaks. */
const escLines = (s: string): string =>
  s
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => escapeMarkdown(l.trim()))
    .join('\\\n  ') || EM_DASH;

function personDisplay(p: PersonRef | null | undefined): string | null {
  return p?.name || p?.email || p?.handle || null;
}

function sortedTimeline(items: TimelineItem[]): TimelineItem[] {
  // Stable sort by time; the snapshot is usually sorted already, so this is near-linear.
  return items
    .map((e, i) => ({ e, i, t: Date.parse(e.occurredAt) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
}

function timelineMarkdown(entries: TimelineItem[], tz: string, max: number): string {
  if (entries.length === 0) return `_No timeline entries._`;
  const shown = entries.slice(0, max);
  const out: string[] = [];
  let day = '';
  for (const e of shown) {
    const parts = localParts(e.occurredAt, tz);
    const date = parts?.date ?? 'Unknown date';
    if (date !== day) {
      if (out.length) out.push('');
      out.push(`**${escapeMarkdown(date)}**`, '');
      day = date;
    }
    const time = parts ? `${parts.time} ${escapeMarkdown(tz)}` : EM_DASH;
    const mark = e.important ? '★ ' : '';
    const kind = e.kind === 'update' ? '_Incident update:_ ' : '';
    const author = e.authorName ? ` (${escapeMarkdown(e.authorName)})` : '';
    out.push(`- ${time} — ${mark}${kind}${escLines(e.content)}${author}`);
  }
  if (entries.length > shown.length) {
    out.push('', `_${entries.length - shown.length} more timeline entries not shown (limit ${max})._`);
  }
  return out.join('\n');
}

function followUpsMarkdown(items: FollowUpItem[], tz: string): string {
  if (items.length === 0) return '_No follow-ups._';
  return items
    .map((f) => {
      const meta = [
        f.assignee ? escapeMarkdown(f.assignee) : null,
        f.dueDate ? `due ${escapeMarkdown(localParts(f.dueDate, tz)?.date ?? f.dueDate)}` : null,
      ].filter(Boolean);
      return `- [${f.done ? 'x' : ' '}] ${escLines(f.content)}${meta.length ? ` (${meta.join(', ')})` : ''}`;
    })
    .join('\n');
}

function impactDuration(i: ImpactItem, nowIso: string): string | null {
  return formatDuration(Date.parse(i.endAt ?? nowIso) - Date.parse(i.startAt));
}

/** Custom field value → display string (arrays joined, objects as JSON, empty → null). */
function customValue(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length ? value.map((x) => String(x)).join(', ') : null;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | boolean);
}

/** Defines an own property, so keys like `__proto__` or `constructor` never reach a prototype. */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Builds the Liquid scope `{ incident: {...} }` for `ctx`; every catalog variable has a value. */
export function buildScope(ctx: IncidentContext, opts: ValueOptions): Scope {
  const tz = ctx.timeZone ?? 'UTC';
  const i = ctx.incident;
  const markdown = new WeakMap<object, string>();
  const ts = (iso: string | null | undefined) => formatTimestamp(iso, tz) ?? EM_DASH;
  const incident: Record<string, unknown> = {};

  // Custom fields first, so built-in variables win on a name clash.
  for (const [k, val] of Object.entries(i.customFields ?? {})) {
    if (!VARIABLE_KEYS.has(k)) defineOwn(incident, k, customValue(val) ?? EM_DASH);
  }

  const entries = opts.importantOnly ? i.timeline.filter((e) => e.important) : i.timeline;
  const sourceOf = new WeakMap<object, TimelineItem>();
  const loopItem = (e: TimelineItem) => {
    const p = localParts(e.occurredAt, tz);
    const item = {
      content: e.content,
      important: e.important,
      kind: e.kind,
      author: e.authorName ?? EM_DASH,
      authorName: e.authorName ?? EM_DASH,
      occurredAt: e.occurredAt,
      date: p?.date ?? EM_DASH,
      time: p ? `${p.time} ${tz}` : EM_DASH,
      timestamp: ts(e.occurredAt),
      tags: [...(e.tags ?? [])],
    };
    sourceOf.set(item, e);
    return item;
  };
  const sorted = sortedTimeline(entries);
  const timeline = sorted.map(loopItem);
  markdown.set(timeline, timelineMarkdown(sorted, tz, opts.maxTimelineEntries));
  const timelineMarkdownOf = (items: readonly object[]) =>
    timelineMarkdown(
      items.map((x) => sourceOf.get(x)).filter((e): e is TimelineItem => e !== undefined),
      tz,
      opts.maxTimelineEntries,
    );
  // Key moments come from the whole timeline (not only important entries): tagging is its own curation.
  const keyMomentEntries = sortedTimeline(i.timeline.filter((e) => e.tags?.includes('key_moment')));
  const keyMoments = keyMomentEntries.map(loopItem);
  markdown.set(keyMoments, timelineMarkdown(keyMomentEntries, tz, opts.maxTimelineEntries));

  const impacts = i.impacts ?? [];
  const starts = impacts.map((x) => Date.parse(x.startAt)).filter((n) => !Number.isNaN(n));
  const ends = impacts.map((x) => Date.parse(x.endAt ?? ctx.generatedAt)).filter((n) => !Number.isNaN(n));
  const start = starts.length ? Math.min(...starts) : null;
  const end = ends.length ? Math.max(...ends) : null;
  const customerImpact = impacts.map((x) => ({
    description: x.description,
    duration: impactDuration(x, ctx.generatedAt) ?? EM_DASH,
    start: ts(x.startAt),
    end: x.endAt ? ts(x.endAt) : 'ongoing',
  }));
  markdown.set(
    customerImpact,
    customerImpact.length
      ? customerImpact.map((x) => `- ${escLines(x.description)} (${escapeMarkdown(x.duration)})`).join('\n')
      : EM_DASH,
  );
  const scope = impacts.map((x) => x.description);
  markdown.set(scope, scope.length ? scope.map((d) => `- ${escLines(d)}`).join('\n') : EM_DASH);

  const followUps = (i.followUps ?? []).map((f) => ({
    content: f.content,
    assignee: f.assignee ?? EM_DASH,
    due_date: f.dueDate ?? EM_DASH,
    done: f.done,
  }));
  const followUpsStatic = followUpsMarkdown(i.followUps ?? [], tz);
  markdown.set(followUps, opts.followUpsMarker ?? followUpsStatic);

  const factors = (i.contributingFactors ?? []).map((f) => ({
    category: f.category,
    description: f.description,
  }));
  markdown.set(
    factors,
    factors.length
      ? factors.map((f) => `- **${escapeMarkdown(f.category)}:** ${escLines(f.description)}`).join('\n')
      : '_No contributing factors._',
  );

  const responders = (i.responders ?? []).map((r) => {
    const who =
      personDisplay({ name: r.name ?? null, email: r.email ?? null, handle: r.handle ?? null }) ?? EM_DASH;
    return r.role ? `${who} (${r.role})` : who;
  });
  const summaryNames = responders.slice(0, 5).join(', ');
  const respondersSummary =
    responders.length > 5 ? `${summaryNames} and ${responders.length - 5} more` : summaryNames;

  const detectedOrCreated = Date.parse(i.detectedAt ?? i.createdAt);
  const card = [
    ['Title', i.title],
    ['Severity', i.severity],
    ['Status', i.status],
    ['Commander', personDisplay(i.commander)],
    ['Detected', formatTimestamp(i.detectedAt, tz)],
    ['Resolved', formatTimestamp(i.resolvedAt, tz)],
  ] as const;
  const cardObj = Object.fromEntries(card.map(([k, val]) => [k.toLowerCase(), val ?? EM_DASH]));
  markdown.set(
    cardObj,
    opts.cardMarker ??
      ['| Field | Value |', '| --- | --- |', ...card.map(([k, val]) => `| ${k} | ${esc(val)} |`)].join('\n'),
  );
  const cardNode: Scope['card'] = {
    incidentId: i.id,
    title: i.title || EM_DASH,
    severity: i.severity,
    status: i.status,
    impact: impacts.length
      ? `${impacts[0]!.description}${impacts.length > 1 ? ` (+${impacts.length - 1} more)` : ''}`
      : 'No customer impact',
    postmortemStatus: 'Draft', // a generated postmortem starts as a draft; the editor shows the live value
    owner: EM_DASH,
  };

  const values: Record<string, unknown> = {
    id: i.publicId,
    title: i.title || EM_DASH,
    severity: i.severity,
    status: i.status,
    state: i.status,
    visibility: i.visibility,
    summary: i.summary || EM_DASH,
    created: ts(i.createdAt),
    detected: ts(i.detectedAt),
    resolved: ts(i.resolvedAt),
    duration: i.resolvedAt
      ? (formatDuration(Date.parse(i.resolvedAt) - detectedOrCreated) ?? EM_DASH)
      : EM_DASH,
    customer_impacted: impacts.length > 0 ? 'True' : 'False',
    customer_impact: customerImpact,
    scope_of_impact: scope,
    customer_impact_start: start === null ? EM_DASH : ts(new Date(start).toISOString()),
    customer_impact_end: end === null ? EM_DASH : ts(new Date(end).toISOString()),
    customer_impact_duration:
      start !== null && end !== null ? (formatDuration(end - start) ?? EM_DASH) : EM_DASH,
    commander: personDisplay(i.commander) ?? EM_DASH,
    commander_name: i.commander?.name || EM_DASH,
    commander_email: i.commander?.email || EM_DASH,
    commander_handle: i.commander?.handle || EM_DASH,
    created_by_name: i.createdBy?.name || EM_DASH,
    created_by_email: i.createdBy?.email || EM_DASH,
    created_by_handle: i.createdBy?.handle || EM_DASH,
    responders_summary: respondersSummary || EM_DASH,
    responders_full_list: responders.join(', ') || EM_DASH,
    timeline,
    key_moments: keyMoments,
    contributing_factors: factors,
    'follow-ups': followUps,
    card: cardObj,
  };
  for (const key of VARIABLE_KEYS) defineOwn(incident, key, key in values ? values[key] : EM_DASH);
  return {
    vars: { incident },
    markdown,
    card: cardNode,
    followUps: { incidentId: i.id, items: i.followUps ?? [], markdown: followUpsStatic },
    timelineMarkdownOf,
  };
}
