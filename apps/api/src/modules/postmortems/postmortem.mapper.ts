import type { Loaded } from '@mikro-orm/core';
import type { Postmortem as PostmortemDto } from '@pm/contracts';
import type { Postmortem } from '@pm/db';

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

/** Needs `owner` (and `template` for its name) populated (or null). */
export const toPostmortemDto = (p: PostmortemRow): PostmortemDto => ({
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
  // An unpopulated reference has no name: report null rather than guess.
  templateName: p.template?.name ?? null,
  removedAt: p.removedAt ? p.removedAt.toISOString() : null,
  // `document` is populated by every query that maps postmortems; an unpopulated one counts as 0.
  commentCount: p.document?.commentCount ?? 0,
});

/** Labels of the editorial statuses, as the UI and timeline entries name them. */
export const STATUS_LABELS = { draft: 'Draft', in_review: 'In Review', completed: 'Completed' } as const;
