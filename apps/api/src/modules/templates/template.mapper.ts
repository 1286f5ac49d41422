import type { Template as TemplateDto } from '@pm/contracts';
import type { Template } from '@pm/db';

export const toTemplateDto = (t: Template): TemplateDto => ({
  id: t.id,
  name: t.name,
  content: t.content,
  destination: t.destination,
  incidentType: t.incidentType,
  isDefault: t.isDefault,
  createdAt: t.createdAt.toISOString(),
  modifiedAt: t.updatedAt.toISOString(),
});
