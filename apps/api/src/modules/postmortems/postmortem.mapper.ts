import type { Postmortem as PostmortemDto } from '@pm/contracts';
import type { Postmortem } from '@pm/db';

/** Needs `owner` populated (or null) for the owner's name. */
export const toPostmortemDto = (p: Postmortem): PostmortemDto => ({
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
});
