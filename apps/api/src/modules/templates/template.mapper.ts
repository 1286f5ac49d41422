import type { Template as TemplateDto } from '@pm/contracts';
import type { Template } from '@pm/db';

/** Entity → API shape (`updatedAt` is the spec's `modifiedAt`). Populate `lastModifiedBy` first. */
export const toTemplateDto = (t: Template): TemplateDto => ({
  id: t.id,
  name: t.name,
  content: t.content,
  destination: t.destination,
  confluence: t.confluenceSettings,
  googleDocs: t.googleDocsSettings,
  incidentType: t.incidentType,
  isDefault: t.isDefault,
  defaultAt: t.defaultAt ? t.defaultAt.toISOString() : null,
  createdAt: t.createdAt.toISOString(),
  modifiedAt: t.updatedAt.toISOString(),
  lastModifiedBy: t.lastModifiedBy ? { id: t.lastModifiedBy.id, name: t.lastModifiedBy.name } : null,
});
