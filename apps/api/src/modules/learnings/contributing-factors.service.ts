import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  DEFAULT_CONTRIBUTING_FACTOR_CATEGORIES,
  type ContributingFactorDto,
  type CreateContributingFactorInput,
  type UpdateContributingFactorInput,
} from '@pm/contracts';
import { ContributingFactor, OrgSetting } from '@pm/db';
import { AppError } from '../../common/errors.js';
import { recordEvent } from '../audit/record-event.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import type { PostmortemRow } from '../postmortems/postmortem.mapper.js';
import { PostmortemsService } from '../postmortems/postmortems.service.js';
import { frozen } from '../reviews/reviews.service.js';

const CATEGORIES_KEY = 'contributing_factor_categories';

const toDto = (f: ContributingFactor): ContributingFactorDto => ({
  id: f.id,
  postmortemId: f.postmortem.id,
  category: f.category,
  description: f.description,
  createdById: f.createdBy?.id ?? null,
  createdByName: f.createdBy?.name ?? null,
  createdAt: f.createdAt.toISOString(),
  updatedAt: f.updatedAt.toISOString(),
});

/**
 * Contributing factors of a postmortem (categorised rows beside the prose) and the organisation's category list.
 * Writes need Incidents Write (the controller) and are refused on a Completed postmortem like every other change.
 */
@Injectable()
export class ContributingFactorsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly postmortems: PostmortemsService,
  ) {}

  async categories(em: EntityManager = this.orm.em): Promise<string[]> {
    const row = await em.findOne(OrgSetting, { key: CATEGORIES_KEY });
    const list = row?.value;
    return Array.isArray(list) && list.length
      ? (list as string[])
      : [...DEFAULT_CONTRIBUTING_FACTOR_CATEGORIES];
  }

  /** Replaces the list; existing factors keep their category (counts of a retired category stay countable). */
  async setCategories(user: AuthUser, categories: string[]): Promise<{ categories: string[] }> {
    const em = this.orm.em;
    const before = await this.categories(em);
    const row = await em.findOne(OrgSetting, { key: CATEGORIES_KEY });
    if (row) row.value = categories;
    else em.create(OrgSetting, { key: CATEGORIES_KEY, value: categories });
    await recordEvent(em, user, {
      type: 'settings.contributing_factor_categories_changed',
      before: { categories: before },
      after: { categories },
    });
    await em.flush();
    return { categories };
  }

  async list(user: AuthUser, postmortemId: string): Promise<{ items: ContributingFactorDto[] }> {
    const pm = await this.postmortems.getVisible(user, postmortemId);
    const rows = await this.orm.em.find(
      ContributingFactor,
      { postmortem: pm.id },
      { populate: ['createdBy'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return { items: rows.map(toDto) };
  }

  async create(
    user: AuthUser,
    postmortemId: string,
    input: CreateContributingFactorInput,
  ): Promise<ContributingFactorDto> {
    const em = this.orm.em;
    const pm = await this.writable(user, postmortemId);
    const category = await this.validCategory(em, input.category);
    const f = em.create(ContributingFactor, {
      postmortem: pm.id,
      category,
      description: input.description,
      createdBy: user.id,
    });
    await recordEvent(em, user, {
      type: 'postmortem.contributing_factor_added',
      incidentId: pm.incident.id,
      postmortemId: pm.id,
      after: { category, description: input.description },
      data: { contributingFactorId: f.id },
    });
    await em.flush();
    await em.populate(f, ['createdBy']);
    return toDto(f);
  }

  async update(
    user: AuthUser,
    postmortemId: string,
    factorId: string,
    input: UpdateContributingFactorInput,
  ): Promise<ContributingFactorDto> {
    const em = this.orm.em;
    const pm = await this.writable(user, postmortemId);
    const f = await this.factor(em, pm, factorId);
    const before = { category: f.category, description: f.description };
    if (input.category !== undefined) f.category = await this.validCategory(em, input.category);
    if (input.description !== undefined) f.description = input.description;
    await recordEvent(em, user, {
      type: 'postmortem.contributing_factor_updated',
      incidentId: pm.incident.id,
      postmortemId: pm.id,
      before,
      after: { category: f.category, description: f.description },
      data: { contributingFactorId: f.id },
    });
    await em.flush();
    return toDto(f);
  }

  async remove(user: AuthUser, postmortemId: string, factorId: string): Promise<void> {
    const em = this.orm.em;
    const pm = await this.writable(user, postmortemId);
    const f = await this.factor(em, pm, factorId);
    await recordEvent(em, user, {
      type: 'postmortem.contributing_factor_removed',
      incidentId: pm.incident.id,
      postmortemId: pm.id,
      before: { category: f.category, description: f.description },
      data: { contributingFactorId: f.id },
    });
    em.remove(f);
    await em.flush();
  }

  private async writable(user: AuthUser, postmortemId: string): Promise<PostmortemRow> {
    const pm = await this.postmortems.getVisible(user, postmortemId);
    if (pm.status === 'completed') throw frozen(pm.id);
    return pm;
  }

  private async factor(em: EntityManager, pm: PostmortemRow, id: string): Promise<ContributingFactor> {
    const f = await em.findOne(ContributingFactor, { id, postmortem: pm.id }, { populate: ['createdBy'] });
    if (!f) throw new AppError('CONTRIBUTING_FACTOR_NOT_FOUND', `Contributing factor ${id} was not found`);
    return f;
  }

  /** The list's own spelling of `name` (matched case-insensitively), or CONTRIBUTING_FACTOR_CATEGORY_UNKNOWN. */
  private async validCategory(em: EntityManager, name: string): Promise<string> {
    const categories = await this.categories(em);
    const hit = categories.find((c) => c.toLowerCase() === name.trim().toLowerCase());
    if (!hit)
      throw new AppError(
        'CONTRIBUTING_FACTOR_CATEGORY_UNKNOWN',
        `"${name}" is not one of the contributing-factor categories: ${categories.join(', ')}`,
        { categories },
      );
    return hit;
  }
}
