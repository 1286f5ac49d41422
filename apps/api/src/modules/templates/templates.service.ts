import { MikroORM, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  TEMPLATE_MAX_BYTES,
  type CreateTemplateInput,
  type Destination,
  type Template as TemplateDto,
  type TemplateListQuery,
} from '@pm/contracts';
import { Template, User } from '@pm/db';
import { validateTemplate } from '@pm/templating';
import { AppError, notFound } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { assertDestinationAccount } from './template-accounts.js';
import { defaultAtFrom, recomputeDefaults } from './template-defaults.js';
import { toTemplateDto } from './template.mapper.js';
import { TemplateVocabulary } from './template-vocabulary.js';
import { recordEvent } from '../audit/record-event.js';

/** The audited fields of a template (never its body: only its size). */
const audited = (t: Template) => ({
  name: t.name,
  destination: t.destination,
  incidentType: t.incidentType,
  isDefault: t.defaultAt !== null,
  contentLength: t.content.length,
});

const SORT_PROPS = {
  name: 'name',
  createdAt: 'createdAt',
  modifiedAt: 'updatedAt',
  defaultAt: 'defaultAt',
} as const;

/** Fields a create/update/import writes (already validated by the contracts schema). */
export interface TemplateWrite {
  name?: string;
  content?: string;
  destination?: Destination;
  confluence?: CreateTemplateInput['confluence'];
  googleDocs?: CreateTemplateInput['googleDocs'];
  incidentType?: string | null;
  isDefault?: boolean | string | null;
}

const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message, code: 'custom' }] });

/** Template CRUD, default resolution per incident type, and save-time validation. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly vocabulary: TemplateVocabulary,
  ) {}

  /** Lists templates, optionally of one incident type, sorted by `sort` (`-` = descending). */
  async list(q: TemplateListQuery = {}): Promise<{ items: TemplateDto[] }> {
    const where: FilterQuery<Template> = {};
    if (q.incidentType !== undefined) where.incidentType = q.incidentType === 'none' ? null : q.incidentType;
    let orderBy: Record<string, 'asc' | 'desc'> = { isDefault: 'desc', name: 'asc' };
    if (q.sort) {
      const desc = q.sort.startsWith('-');
      const key = q.sort.replace(/^-/, '') as keyof typeof SORT_PROPS;
      orderBy = { [SORT_PROPS[key]]: desc ? 'desc' : 'asc' };
    }
    const rows = await this.orm.em.find(Template, where, {
      orderBy: { ...orderBy, id: 'asc' },
      populate: ['lastModifiedBy'],
    });
    return { items: rows.map(toTemplateDto) };
  }

  /** Loads a template entity; 404 TEMPLATE_NOT_FOUND otherwise. */
  async get(id: string, em: EntityManager = this.orm.em): Promise<Template> {
    const t = await em.findOne(Template, { id }, { populate: ['lastModifiedBy'] });
    if (!t) throw notFound('TEMPLATE', id);
    return t;
  }

  async getDto(id: string): Promise<TemplateDto> {
    return toTemplateDto(await this.get(id));
  }

  /** Rejects content over the size cap (413) or with syntax errors / unknown variables (422 with line:col). */
  async assertValidContent(content: string): Promise<void> {
    if (Buffer.byteLength(content) > TEMPLATE_MAX_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', `Template exceeds ${TEMPLATE_MAX_BYTES} bytes`, {
        limit: TEMPLATE_MAX_BYTES,
      });
    }
    const result = validateTemplate(content, { customFields: await this.vocabulary.customFieldNames() });
    if (!result.ok) {
      const first = result.errors[0]!;
      throw new AppError('TEMPLATE_INVALID', `line ${first.line}:${first.col}: ${first.message}`, {
        errors: result.errors,
        warnings: result.warnings,
      });
    }
  }

  async create(
    user: AuthUser,
    input: TemplateWrite & { name: string; content: string },
  ): Promise<TemplateDto> {
    await this.assertValidContent(input.content);
    const incidentType = input.incidentType ?? null;
    await this.vocabulary.assertIncidentType(incidentType);
    const id = await this.orm.em.transactional(async (em) => {
      const destination = input.destination ?? 'notebook';
      await assertDestinationAccount(em, destination, {
        confluence: input.confluence ?? null,
        googleDocs: input.googleDocs ?? null,
      });
      const t = em.create(Template, {
        name: input.name,
        content: input.content,
        destination,
        confluenceSettings: destination === 'confluence' ? (input.confluence ?? null) : null,
        googleDocsSettings: destination === 'google_docs' ? (input.googleDocs ?? null) : null,
        incidentType,
        defaultAt: defaultAtFrom(input.isDefault, null),
        lastModifiedBy: em.getReference(User, user.id),
      });
      await recordEvent(em, user, { type: 'template.created', templateId: t.id, after: audited(t) });
      await em.flush();
      await recomputeDefaults(em, incidentType);
      return t.id;
    });
    return this.fresh(id);
  }

  async update(user: AuthUser, id: string, input: TemplateWrite): Promise<TemplateDto> {
    if (input.content !== undefined) await this.assertValidContent(input.content);
    await this.orm.em.transactional(async (em) => {
      const t = await this.get(id, em);
      if (input.incidentType !== undefined && input.incidentType !== t.incidentType)
        throw fieldError('incidentType', 'is fixed after creation; create a new template instead');
      const destination = input.destination ?? t.destination;
      const confluence = input.confluence !== undefined ? input.confluence : t.confluenceSettings;
      const googleDocs = input.googleDocs !== undefined ? input.googleDocs : t.googleDocsSettings;
      if (destination === 'confluence' && !confluence)
        throw fieldError('confluence', 'required when destination is confluence');
      if (destination === 'google_docs' && !googleDocs)
        throw fieldError('googleDocs', 'required when destination is google_docs');
      await assertDestinationAccount(em, destination, {
        confluence: confluence ?? null,
        googleDocs: googleDocs ?? null,
      });
      const before = audited(t);
      em.assign(t, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.content !== undefined ? { content: input.content } : {}),
        destination,
        confluenceSettings: destination === 'confluence' ? (confluence ?? null) : null,
        googleDocsSettings: destination === 'google_docs' ? (googleDocs ?? null) : null,
        defaultAt: defaultAtFrom(input.isDefault, t.defaultAt),
        lastModifiedBy: em.getReference(User, user.id),
      });
      // The modifier alone does not count as a change for MikroORM's onUpdate; bump modifiedAt explicitly.
      t.updatedAt = new Date();
      await recordEvent(em, user, { type: 'template.updated', templateId: t.id, before, after: audited(t) });
      await em.flush();
      await recomputeDefaults(em, t.incidentType);
    });
    return this.fresh(id);
  }

  /** Deletes a template; postmortems made from it keep their content (`template` is set null by the FK rule). */
  async remove(user: AuthUser, id: string): Promise<void> {
    await this.orm.em.transactional(async (em) => {
      const t = await this.get(id, em);
      const type = t.incidentType;
      await recordEvent(em, user, { type: 'template.deleted', templateId: t.id, before: audited(t) });
      em.remove(t);
      await em.flush();
      await recomputeDefaults(em, type);
    });
  }

  /** Re-reads a template after a transaction (the request EM may hold a stale copy). */
  private async fresh(id: string): Promise<TemplateDto> {
    const em = this.orm.em.fork();
    const t = await em.findOneOrFail(Template, { id }, { populate: ['lastModifiedBy'] });
    return toTemplateDto(t);
  }
}
