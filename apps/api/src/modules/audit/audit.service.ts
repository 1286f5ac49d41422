import { MikroORM, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { AuditEntry, AuditFilter, AuditPage, AuditQuery } from '@pm/contracts';
import { DomainEvent, Incident } from '@pm/db';
import type { AuthUser } from '../auth/auth.decorators.js';
import { canSeeIncident } from '../incidents/incident-access.js';
import { IncidentsService } from '../incidents/incidents.service.js';

/** Rows read per page of an export. */
const EXPORT_PAGE = 500;

/**
 * Reads the audit trail (the `domain_events` rows, newest first by `seq`). Entries of an incident are shown only
 * while the reader can see that incident (its CURRENT visibility): without Private Incidents Global Access, only
 * entries without an incident (templates) or of incidents the reader can see now are returned, so entries of a
 * private incident they are not on, and of deleted incidents whose visibility is unknown, stay hidden.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly orm: MikroORM,
    private readonly incidents: IncidentsService,
  ) {}

  async list(user: AuthUser, q: AuditQuery): Promise<AuditPage> {
    const em = this.orm.em.fork();
    const where = await this.where(user, q, q.cursor);
    const rows = await em.find(DomainEvent, where, { orderBy: { seq: 'desc' }, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return {
      items: await this.toEntries(page),
      nextCursor: rows.length > q.limit ? page[page.length - 1]!.seq : null,
    };
  }

  /** One incident's entries; the incident must be visible to the reader (404 otherwise, like the incident). */
  async forIncident(user: AuthUser, incidentId: string, q: AuditQuery): Promise<AuditPage> {
    await this.incidents.getVisible(user, incidentId, this.orm.em.fork());
    return this.list(user, { ...q, incidentId });
  }

  /** Every matching entry, page by page (newest first), for a streaming export. */
  async *all(user: AuthUser, f: AuditFilter): AsyncGenerator<AuditEntry> {
    let cursor: number | undefined;
    for (;;) {
      const em = this.orm.em.fork();
      const where = await this.where(user, f, cursor);
      const rows = await em.find(DomainEvent, where, { orderBy: { seq: 'desc' }, limit: EXPORT_PAGE });
      for (const e of await this.toEntries(rows)) yield e;
      if (rows.length < EXPORT_PAGE) return;
      cursor = rows[rows.length - 1]!.seq;
    }
  }

  private async where(user: AuthUser, f: AuditFilter, cursor?: number): Promise<FilterQuery<DomainEvent>> {
    const and: FilterQuery<DomainEvent>[] = [];
    if (f.incidentId) and.push({ incidentId: f.incidentId });
    if (f.postmortemId) and.push({ postmortemId: f.postmortemId });
    if (f.type?.length) and.push({ type: { $in: f.type } });
    if (f.actorId) and.push({ actorId: f.actorId });
    if (f.from) and.push({ createdAt: { $gte: new Date(f.from) } });
    if (f.to) and.push({ createdAt: { $lt: new Date(f.to) } });
    if (cursor !== undefined) and.push({ seq: { $lt: cursor } });
    if (!user.permissions.has('private_incidents_global_access')) {
      // The one access rule, applied to each incident's current visibility and responders.
      const all = await this.orm.em
        .fork()
        .find(Incident, {}, { fields: ['id', 'visibility', 'responderIds'] });
      const visible = all.filter((i) => canSeeIncident(user, i)).map((i) => i.id);
      and.push({ $or: [{ incidentId: null }, { incidentId: { $in: visible } }] });
    }
    return and.length ? { $and: and } : {};
  }

  /** DTOs, with the incident's number and title as they are now. */
  private async toEntries(rows: DomainEvent[]): Promise<AuditEntry[]> {
    const ids = [...new Set(rows.map((r) => r.incidentId).filter((id): id is string => !!id))];
    const incidents = ids.length
      ? await this.orm.em.fork().find(Incident, { id: { $in: ids } }, { fields: ['id', 'publicId', 'title'] })
      : [];
    const byId = new Map(incidents.map((i) => [i.id, i]));
    return rows.map((r) => {
      const inc = r.incidentId ? byId.get(r.incidentId) : undefined;
      return {
        id: r.id,
        seq: r.seq,
        type: r.type,
        createdAt: r.createdAt.toISOString(),
        incidentId: r.incidentId,
        incidentPublicId: inc?.publicId ?? null,
        incidentTitle: inc?.title ?? null,
        postmortemId: r.postmortemId,
        followUpId: r.followUpId,
        templateId: r.templateId,
        actorId: r.actorId,
        actorName: r.actorName,
        requestId: r.requestId,
        before: r.before,
        after: r.after,
        data: r.data,
      };
    });
  }
}
