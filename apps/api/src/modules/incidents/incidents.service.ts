import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type {
  CreateIncidentInput,
  IncidentDetail,
  Incident as IncidentDto,
  IncidentListQuery,
  UpdateIncidentInput,
} from '@pm/contracts';
import {
  ensureDefaultIncidentType,
  Incident,
  incidentDetail,
  IncidentField,
  IncidentType,
  listIncidents,
  nextIncidentPublicId,
  Responder,
  User,
  type SearchViewer,
} from '@pm/db';
import { AppError, notFound } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { canSeeIncident } from './incident-access.js';
import { IncidentAccessEvents } from './incident-access-events.js';
import { applyIncidentPatch } from './incident-patch.js';
import { recordTimeline, touchResponder } from './incident-activity.js';
import { assertNotFuture, assertTimestamps, checkFieldValue } from './incident-rules.js';

const POPULATE = ['commander', 'createdBy', 'incidentType'] as const;
const viewerOf = (user: AuthUser): SearchViewer => ({ userId: user.id, permissions: user.permissions });

@Injectable()
export class IncidentsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly access: IncidentAccessEvents,
  ) {}

  /**
   * Incidents the user can see, newest first; `total` counts only those (private ones excluded). Plain SQL in
   * @pm/db (`listIncidents`): this route is read on every page load; see incident-reads.ts for why.
   */
  list(user: AuthUser, q: IncidentListQuery): Promise<{ items: IncidentDto[]; total: number }> {
    return listIncidents(this.orm.em, viewerOf(user), q);
  }

  /** Loads an incident the user may see; 404 INCIDENT_NOT_FOUND otherwise (private ones included). */
  async getVisible(user: AuthUser, id: string, em: EntityManager = this.orm.em): Promise<Incident> {
    const incident = await em.findOne(Incident, { id }, { populate: POPULATE });
    if (!incident || !canSeeIncident(user, incident)) throw notFound('INCIDENT', id);
    return incident;
  }

  /** The incident page's read (plain SQL like {@link list}); 404 INCIDENT_NOT_FOUND when it may not be seen. */
  async detail(user: AuthUser, id: string): Promise<IncidentDetail> {
    const found = await incidentDetail(this.orm.em, viewerOf(user), id);
    if (!found) throw notFound('INCIDENT', id);
    return found;
  }

  async create(user: AuthUser, input: CreateIncidentInput): Promise<IncidentDetail> {
    const em = this.orm.em;
    const now = new Date();
    const detectedAt = input.detectedAt ? new Date(input.detectedAt) : null;
    assertTimestamps({ declaredAt: now, detectedAt, resolvedAt: null });
    const type = input.incidentTypeId
      ? await em.findOne(IncidentType, { id: input.incidentTypeId })
      : await ensureDefaultIncidentType(em);
    if (!type)
      throw new AppError('INCIDENT_TYPE_NOT_FOUND', `Incident type ${input.incidentTypeId} was not found`);
    const commander = await this.resolveCommander(em, input);
    const customFields = await this.checkFields(em, {}, input.customFields ?? {});
    for (const t of input.timeline ?? [])
      if (t.occurredAt) assertNotFuture('timeline.occurredAt', new Date(t.occurredAt));
    const resolved = input.status === 'resolved' || input.status === 'completed';
    const incident = em.create(Incident, {
      publicId: await nextIncidentPublicId(em),
      title: input.title,
      severity: input.severity,
      status: input.status,
      visibility: input.visibility,
      summary: input.summary ?? null,
      commander,
      createdBy: em.getReference(User, user.id),
      incidentType: type,
      chatChannelUrl: input.chatChannelUrl ?? null,
      meetingUrl: input.meetingUrl ?? null,
      customFields,
      detectedAt,
      resolvedAt: resolved ? now : null,
    });
    // The declarer is on the team (so a private incident stays visible to them); the commander holds the IC role.
    await touchResponder(em, incident, user);
    if (commander) {
      if (commander.id === user.id) {
        (await em.findOne(Responder, { incident, user: user.id }))!.role = 'incident_commander';
      } else {
        em.create(Responder, { incident, user: commander, role: 'incident_commander' });
        incident.responderIds = [...incident.responderIds, commander.id];
      }
    }
    for (const t of input.timeline ?? []) {
      recordTimeline(em, incident, user, t.content, {
        kind: 'note',
        important: t.important,
        occurredAt: t.occurredAt ? new Date(t.occurredAt) : now,
      });
    }
    await em.flush();
    return this.detail(user, incident.id);
  }

  /** PATCH: every change is validated, applied, and recorded as an "incident update" timeline cell. */
  async update(user: AuthUser, id: string, input: UpdateIncidentInput): Promise<IncidentDetail> {
    const em = this.orm.em;
    const incident = await this.getVisible(user, id);
    const customFields =
      input.customFields && (await this.checkFields(em, incident.customFields, input.customFields));
    const { accessChanged } = await applyIncidentPatch(em, incident, user, { ...input, customFields });
    await em.flush();
    if (accessChanged) await this.access.publish(incident.id);
    return this.detail(user, id);
  }

  /** Deletes an incident and everything under it (timeline, impacts, team, postmortem links). Irreversible. */
  async remove(user: AuthUser, id: string): Promise<void> {
    const incident = await this.getVisible(user, id);
    await this.orm.em.remove(incident).flush();
    await this.access.publish(id);
  }

  private async resolveCommander(em: EntityManager, input: CreateIncidentInput): Promise<User | null> {
    if (input.commanderId) {
      const u = await em.findOne(User, { id: input.commanderId });
      if (!u) throw new AppError('USER_NOT_FOUND', `commanderId: user ${input.commanderId} was not found`);
      return u;
    }
    // Legacy free-text commander: matched to a user by name when one exists.
    return input.commanderName ? em.findOne(User, { name: input.commanderName }) : null;
  }

  /** Validates a values patch against the field definitions and returns the merged map. */
  private async checkFields(
    em: EntityManager,
    current: Record<string, unknown>,
    patch: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const names = Object.keys(patch);
    if (!names.length) return current;
    const defs = new Map((await em.find(IncidentField, { name: { $in: names } })).map((f) => [f.name, f]));
    const next = { ...current };
    for (const name of names) {
      const def = defs.get(name);
      if (!def) {
        throw new AppError('FIELD_NOT_FOUND', `customFields.${name}: no such field`, {
          issues: [{ path: `customFields.${name}`, message: 'no such field', code: 'unknown_field' }],
        });
      }
      const v = checkFieldValue(def, patch[name]);
      if (v === null) delete next[name];
      else next[name] = v;
    }
    return next;
  }
}
