import type { Export as ExportDto } from '@pm/contracts';
import type { Export } from '@pm/db';

/** Relations a DTO needs; `content` (the file bytes) is lazy and never loaded for a DTO. */
export const EXPORT_POPULATE = ['requestedBy'] as const;

/** The export row as the API shows it (no target ids beyond what the DTO names, never the file bytes). */
export function toExportDto(e: Export): ExportDto {
  return {
    id: e.id,
    postmortemId: e.postmortem.id,
    kind: e.kind,
    state: e.state,
    progress: e.progress,
    externalId: e.externalId,
    url: e.url,
    fileName: e.fileName,
    size: e.size,
    error: e.error,
    createdAt: e.createdAt.toISOString(),
    createdBy: e.requestedBy ? { id: e.requestedBy.id, name: e.requestedBy.name } : null,
    finishedAt: e.finishedAt?.toISOString() ?? null,
  };
}
