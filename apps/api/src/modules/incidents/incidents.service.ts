import { MikroORM, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { CreateIncidentInput, IncidentDetail, Incident as IncidentDto } from '@pm/contracts';
import { Incident, TimelineEntry, nextIncidentPublicId } from '@pm/db';
import { AppError, notFound } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { canSeeIncident, visibleIncidentsFilter } from './incident-access.js';
import { toIncidentDetail, toIncidentDto } from './incident.mapper.js';

@Injectable()
export class IncidentsService {
  constructor(private readonly orm: MikroORM) {}

  async list(
    user: AuthUser,
    q: { text?: string; status?: string },
  ): Promise<{ items: IncidentDto[]; total: number }> {
    const where: FilterQuery<Incident> = { ...visibleIncidentsFilter(user) };
    if (q.status) where.status = q.status as Incident['status'];
    if (q.text) where.title = { $like: `%${q.text.replace(/[%_\\]/g, (c) => `\\${c}`)}%` };
    const [rows, total] = await this.orm.em.findAndCount(Incident, where, {
      orderBy: { createdAt: 'desc' },
      limit: 200,
    });
    return { items: rows.map(toIncidentDto), total };
  }

  /** Loads an incident the user may see; 404 INCIDENT_NOT_FOUND otherwise (private ones included). */
  async getVisible(user: AuthUser, id: string): Promise<Incident> {
    const incident = await this.orm.em.findOne(Incident, { id });
    if (!incident || !canSeeIncident(user, incident)) throw notFound('INCIDENT', id);
    return incident;
  }

  async detail(user: AuthUser, id: string): Promise<IncidentDetail> {
    const incident = await this.getVisible(user, id);
    const timeline = await this.orm.em.find(TimelineEntry, { incident }, { orderBy: { occurredAt: 'asc' } });
    return toIncidentDetail(incident, timeline);
  }

  async create(user: AuthUser, input: CreateIncidentInput): Promise<IncidentDetail> {
    const em = this.orm.em;
    const now = new Date();
    const detectedAt = input.detectedAt ? new Date(input.detectedAt) : null;
    if (detectedAt && detectedAt.getTime() > now.getTime() + 60_000) {
      throw new AppError('VALIDATION_FAILED', 'detectedAt: cannot be in the future', {
        issues: [{ path: 'detectedAt', message: 'cannot be in the future', code: 'custom' }],
      });
    }
    const resolved = input.status === 'resolved' || input.status === 'completed';
    const incident = em.create(Incident, {
      publicId: await nextIncidentPublicId(em),
      title: input.title,
      severity: input.severity,
      status: input.status,
      visibility: input.visibility,
      summary: input.summary ?? null,
      commanderName: input.commanderName ?? null,
      detectedAt,
      resolvedAt: resolved ? now : null,
    });
    const entries = (input.timeline ?? []).map((t) =>
      em.create(TimelineEntry, {
        incident,
        kind: 'note',
        content: t.content,
        important: t.important,
        authorName: user.name,
        occurredAt: t.occurredAt ? new Date(t.occurredAt) : now,
      }),
    );
    await em.flush();
    return toIncidentDetail(
      incident,
      entries.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()),
    );
  }
}
