import type { AiDraftField, IncidentContext } from '@pm/contracts';

/** Timeline entries sent at most (the newest are kept when there are more), and characters per field. */
const MAX_TIMELINE = 200;
const MAX_FIELD_CHARS = 20_000;

const clip = (s: string) => (s.length > MAX_FIELD_CHARS ? `${s.slice(0, MAX_FIELD_CHARS)}…` : s);

/**
 * The incident facts an AI provider may receive: only the fields the admin allowed, as plain text, empty ones left
 * out. (Scrubbing happens in the provider, on everything it sends.)
 */
export function aiFacts(
  ctx: IncidentContext,
  allowed: readonly AiDraftField[],
): { facts: Record<string, string>; sources: AiDraftField[] } {
  const i = ctx.incident;
  const value: Record<AiDraftField, () => string> = {
    title: () => i.title,
    severity: () => i.severity,
    status: () => i.status,
    summary: () => i.summary ?? '',
    timeline: () =>
      i.timeline
        .slice(-MAX_TIMELINE)
        .map((e) => `${e.occurredAt} ${e.content}`)
        .join('\n'),
    customer_impact: () =>
      (i.impacts ?? []).map((x) => `${x.startAt} – ${x.endAt ?? 'ongoing'}: ${x.description}`).join('\n'),
    custom_fields: () =>
      Object.entries(i.customFields ?? {})
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
        .join('\n'),
    responders: () =>
      (i.responders ?? [])
        .map((r) => `${r.name ?? r.handle ?? 'someone'}${r.role ? ` (${r.role})` : ''}`)
        .join('\n'),
  };
  const facts: Record<string, string> = {};
  const sources: AiDraftField[] = [];
  for (const field of allowed) {
    const text = value[field]().trim();
    if (!text) continue;
    facts[field] = clip(text);
    sources.push(field);
  }
  return { facts, sources };
}
