import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { TEMPLATE_MAX_BYTES } from '@pm/contracts';
import { loadIncidentContext, Template } from '@pm/db';
import { jsonToHtml } from '@pm/doc-model';
import { renderTemplate, validateTemplate } from '@pm/templating';
import { AppError, notFound } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { toTemplateDto } from './template.mapper.js';

@Injectable()
export class TemplatesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly incidents: IncidentsService,
  ) {}

  async list() {
    const rows = await this.orm.em.find(Template, {}, { orderBy: { isDefault: 'desc', updatedAt: 'desc' } });
    return { items: rows.map(toTemplateDto) };
  }

  async get(id: string): Promise<Template> {
    const t = await this.orm.em.findOne(Template, { id });
    if (!t) throw notFound('TEMPLATE', id);
    return t;
  }

  /** Renders a template (saved or draft text) against an incident the user can see. */
  async preview(user: AuthUser, input: { templateId?: string; content?: string; incidentId: string }) {
    const source = input.content ?? (input.templateId ? (await this.get(input.templateId)).content : null);
    if (source === null) throw new AppError('VALIDATION_FAILED', 'templateId or content is required');
    if (Buffer.byteLength(source) > TEMPLATE_MAX_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', `Template exceeds ${TEMPLATE_MAX_BYTES} bytes`, {
        limit: TEMPLATE_MAX_BYTES,
      });
    }
    const incident = await this.incidents.getVisible(user, input.incidentId);
    const validation = validateTemplate(source);
    const ctx = await loadIncidentContext(this.orm.em, incident.id);
    try {
      const { doc, warnings } = renderTemplate(source, ctx);
      const problems = validation.errors.map((e) => `${e.line}:${e.col} ${e.message}`);
      return { doc, html: jsonToHtml(doc), warnings: [...problems, ...warnings] };
    } catch (e) {
      throw new AppError('TEMPLATE_INVALID', (e as Error).message, { errors: validation.errors });
    }
  }
}
