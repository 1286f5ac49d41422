import type { EntityManager, Loaded } from '@mikro-orm/core';
import type { Postmortem as PostmortemDto } from '@pm/contracts';
import { FollowUp, type Postmortem } from '@pm/db';
import { reviewSummary } from '../reviews/review-state.js';

/** Relations every postmortem query that answers a client populates (the DTO needs them). */
export const POSTMORTEM_POPULATE = ['incident', 'owner', 'template', 'document'] as const;
/**
 * The document is populated for its id and comment count only: its JSON and text can be megabytes per row. The
 * template's body is never shown with a postmortem (only its name; exports read its destination settings).
 */
export const POSTMORTEM_EXCLUDE = ['document.json', 'document.text', 'template.content'] as const;

/** A postmortem as {@link POSTMORTEM_POPULATE} and {@link POSTMORTEM_EXCLUDE} load it (the document without its body). */
export type PostmortemRow = Loaded<
  Postmortem,
  (typeof POSTMORTEM_POPULATE)[number],
  '*',
  (typeof POSTMORTEM_EXCLUDE)[number]
>;

/**
 * Open follow-ups per incident, for {@link toPostmortemDto} (one COUNT per incident; a list has one incident).
 * Follow-ups belong to the incident, so every postmortem of an incident reports the same figure.
 */
export async function openFollowUpCounts(
  em: EntityManager,
  incidentIds: Iterable<string>,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const id of new Set(incidentIds)) {
    counts.set(id, await em.count(FollowUp, { incident: id, status: 'open' }));
  }
  return counts;
}

/** Maps rows with their incident's open follow-ups counted. */
export async function toPostmortemDtos(em: EntityManager, rows: PostmortemRow[]): Promise<PostmortemDto[]> {
  const counts = await openFollowUpCounts(
    em,
    rows.map((r) => r.incident.id),
  );
  const dtos = rows.map((r) => toPostmortemDto(r, counts.get(r.incident.id) ?? 0));
  for (let i = 0; i < rows.length; i++) dtos[i]!.review = await reviewSummary(em, rows[i]!);
  return dtos;
}

/** One row with its incident's open follow-ups counted. */
export async function toPostmortemDtoCounted(em: EntityManager, row: PostmortemRow): Promise<PostmortemDto> {
  return (await toPostmortemDtos(em, [row]))[0]!;
}

/** Needs `owner` (and `template` for its name) populated (or null). */
export const toPostmortemDto = (p: PostmortemRow, openFollowUps = 0): PostmortemDto => ({
  id: p.id,
  incidentId: p.incident.id,
  templateId: p.template?.id ?? null,
  title: p.title,
  destination: p.destination,
  generationState: p.generationState,
  progress: p.progress,
  failureReason: p.failureReason,
  status: p.status,
  ownerId: p.owner?.id ?? null,
  ownerName: p.owner?.name ?? null,
  documentId: p.document?.id ?? null,
  url: p.url,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
  kind: p.destination === 'link' ? 'attached' : 'generated',
  // Copied at generation (kept after the template is deleted); older rows fall back to the live template.
  templateName: p.templateName ?? p.template?.name ?? null,
  removedAt: p.removedAt ? p.removedAt.toISOString() : null,
  // `document` is populated by every query that maps postmortems; an unpopulated one counts as 0.
  commentCount: p.document?.commentCount ?? 0,
  openFollowUps,
  lastEditorName: p.document?.lastEditorName ?? null,
  review: null,
});

/** Labels of the editorial statuses, as the UI and timeline entries name them. */
export const STATUS_LABELS = { draft: 'Draft', in_review: 'In Review', completed: 'Completed' } as const;
