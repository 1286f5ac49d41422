import { performance } from 'node:perf_hooks';
import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { TEMPLATE_MAX_BYTES, type PreviewTemplateInputBody } from '@pm/contracts';
import { renderIncidentTemplate } from '@pm/db';
import { jsonToHtml } from '@pm/doc-model';
import { TemplateError, validateTemplate } from '@pm/templating';
import { AppError } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { TemplateVocabulary } from './template-vocabulary.js';
import { TemplatesService } from './templates.service.js';

/** Timeline entries a preview renders at most (generation uses the engine's own cap). */
const PREVIEW_TIMELINE_CAP = 1000;

/** Renders a template (saved or draft) against an incident the user can see, for the editor and the tab. */
@Injectable()
export class TemplatePreviewService {
  constructor(
    private readonly orm: MikroORM,
    private readonly incidents: IncidentsService,
    private readonly templates: TemplatesService,
    private readonly vocabulary: TemplateVocabulary,
  ) {}

  async preview(user: AuthUser, input: PreviewTemplateInputBody) {
    const saved = input.templateId ? await this.templates.get(input.templateId) : null;
    const source = input.content ?? saved?.content ?? null;
    if (source === null) throw new AppError('VALIDATION_FAILED', 'templateId or content is required');
    if (Buffer.byteLength(source) > TEMPLATE_MAX_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', `Template exceeds ${TEMPLATE_MAX_BYTES} bytes`, {
        limit: TEMPLATE_MAX_BYTES,
      });
    }
    const timeZone = input.timeZone ?? 'UTC';
    if (!isTimeZone(timeZone)) {
      throw new AppError('VALIDATION_FAILED', `timeZone: unknown time zone ${timeZone}`, {
        issues: [{ path: 'timeZone', message: 'unknown IANA time zone', code: 'custom' }],
      });
    }
    // Private incidents answer 404 unless the user may see them (the one rule of incident-access.ts).
    const incident = await this.incidents.getVisible(user, input.incidentId);
    const started = performance.now();
    const customFieldNames = await this.vocabulary.customFieldNames();
    const validation = validateTemplate(source, { customFields: customFieldNames });
    // The worker's generation runs the same pipeline, so what the user previews is what gets generated.
    const rendered = await renderIncidentTemplate(this.orm.em, incident.id, source, {
      timeZone,
      maxTimelineEntries: PREVIEW_TIMELINE_CAP,
      importantOnly: input.importantOnly ?? false,
      destination: input.destination ?? saved?.destination ?? 'notebook',
    }).catch((e: unknown) => {
      if (!(e instanceof TemplateError)) throw e;
      throw new AppError('TEMPLATE_INVALID', e.message, {
        errors: validation.errors.length
          ? validation.errors
          : [{ line: 1, col: 1, code: 'TEMPLATE_SYNTAX', message: e.message }],
      });
    });
    return {
      doc: rendered.doc,
      html: jsonToHtml(rendered.doc),
      warnings: rendered.warnings,
      errors: validation.errors,
      renderMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
