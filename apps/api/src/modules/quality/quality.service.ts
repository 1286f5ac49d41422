import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { PostmortemStatus, QualityConfigDto, QualityRun } from '@pm/contracts';
import {
  DEFAULT_BLAMING_PHRASES,
  DEFAULT_QUALITY_CONFIG,
  runQualityChecks,
  type QualityConfig,
  type JSONContent,
} from '@pm/doc-model';
import { Document, FollowUp, Impact, IncidentType, recordDomainEvent, Template } from '@pm/db';
import { AppError } from '../../common/errors.js';
import { currentRequestId } from '../../infra/request-id.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import type { PostmortemRow } from '../postmortems/postmortem.mapper.js';
import { PostmortemsService } from '../postmortems/postmortems.service.js';

/** Statuses a postmortem may only enter when no blocking quality check fails. */
const GATED: ReadonlySet<PostmortemStatus> = new Set(['in_review', 'completed']);

/**
 * Runs the pure checks of @pm/doc-model against what is stored: the document's JSON (collab's derived copy), the
 * incident's impacts and follow-ups, the template's Markdown and the incident type's configuration.
 */
@Injectable()
export class QualityService {
  constructor(
    private readonly orm: MikroORM,
    private readonly postmortems: PostmortemsService,
  ) {}

  /** An explicit run (the tab's button): records `postmortem.quality_checked`. */
  async runFor(user: AuthUser, id: string): Promise<QualityRun> {
    const em = this.orm.em.fork();
    const pm = await this.postmortems.getVisible(user, id, em);
    const run = await this.evaluate(em, pm);
    // The API's forks are SQL entity managers; the helper types them as such.
    await recordDomainEvent(em as never, {
      type: 'postmortem.quality_checked',
      incidentId: pm.incident.id,
      postmortemId: pm.id,
      actorId: user.id,
      requestId: currentRequestId(),
      data: {
        passed: run.passed,
        failing: run.results.filter((r) => r.status !== 'pass').map((r) => ({ id: r.id, status: r.status })),
      },
    });
    await em.flush();
    return run;
  }

  /**
   * The gate of a status change: throws QUALITY_CHECKS_FAILED (409) when moving to In Review / Completed while a
   * blocking check fails; warnings never refuse. One call from the lifecycle service.
   */
  async assertStatusAllowed(em: EntityManager, pm: PostmortemRow, next: PostmortemStatus): Promise<void> {
    if (!GATED.has(next) || !pm.document) return;
    const run = await this.evaluate(em, pm);
    if (run.passed) return;
    const failed = run.results.filter((r) => r.status === 'fail');
    throw new AppError(
      'QUALITY_CHECKS_FAILED',
      `Blocking quality checks failed: ${failed.map((r) => r.message).join('; ')}`,
      { failed },
    );
  }

  async configOf(em: EntityManager, typeId: string | null | undefined): Promise<QualityConfig> {
    if (!typeId) return DEFAULT_QUALITY_CONFIG;
    const type = await em.findOne(IncidentType, { id: typeId }, { fields: ['qualityChecks'] });
    const cfg = type?.qualityChecks;
    if (!cfg) return DEFAULT_QUALITY_CONFIG;
    return {
      levels: { ...DEFAULT_QUALITY_CONFIG.levels, ...(cfg.levels as QualityConfig['levels']) },
      blamingPhrases: cfg.blamingPhrases,
    };
  }

  async getConfig(typeId: string): Promise<QualityConfigDto> {
    const em = this.orm.em.fork();
    await this.typeOrFail(em, typeId);
    const cfg = await this.configOf(em, typeId);
    return { levels: cfg.levels, blamingPhrases: cfg.blamingPhrases };
  }

  async putConfig(typeId: string, input: QualityConfigDto): Promise<QualityConfigDto> {
    const em = this.orm.em.fork();
    const type = await this.typeOrFail(em, typeId);
    type.qualityChecks = {
      levels: { ...DEFAULT_QUALITY_CONFIG.levels, ...input.levels },
      blamingPhrases: input.blamingPhrases,
    };
    await em.flush();
    return this.getConfig(typeId);
  }

  private async typeOrFail(em: EntityManager, id: string) {
    const type = await em.findOne(IncidentType, { id });
    if (!type) throw new AppError('INCIDENT_TYPE_NOT_FOUND', `Incident type ${id} was not found`);
    return type;
  }

  private async evaluate(em: EntityManager, pm: PostmortemRow): Promise<QualityRun> {
    const incidentId = pm.incident.id;
    const [doc, impacts, followUps, template, config] = await Promise.all([
      pm.document ? em.findOne(Document, { id: pm.document.id }, { fields: ['json'] }) : null,
      em.find(Impact, { incident: incidentId }, { orderBy: { startAt: 'asc' } }),
      em.find(FollowUp, { incident: incidentId }, { orderBy: { position: 'asc' } }),
      pm.template ? em.findOne(Template, { id: pm.template.id }, { fields: ['content'] }) : null,
      this.configOf(em, (pm.incident.incidentType as { id?: string } | null)?.id),
    ]);
    const results = runQualityChecks({
      doc: (doc?.json ?? { type: 'doc', content: [] }) as JSONContent,
      impacts,
      followUps,
      template: template?.content ?? null,
      config,
    });
    return {
      postmortemId: pm.id,
      checkedAt: new Date().toISOString(),
      passed: !results.some((r) => r.status === 'fail'),
      blamingPhrases: [...(config.blamingPhrases ?? DEFAULT_BLAMING_PHRASES)],
      results,
    };
  }
}
