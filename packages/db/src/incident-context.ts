import type { EntityManager } from '@mikro-orm/core';
import type { IncidentContext, PersonRef } from '@pm/contracts';
import { ContributingFactor } from './entities/contributing-factor.entity.js';
import { Impact } from './entities/impact.entity.js';
import { loadFollowUps, toFollowUpItem } from './follow-ups.js';
import { IncidentField } from './entities/incident-field.entity.js';
import { Incident } from './entities/incident.entity.js';
import { Responder } from './entities/responder.entity.js';
import { TimelineEntry } from './entities/timeline-entry.entity.js';
import type { User } from './entities/user.entity.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const person = (u: User | null): PersonRef | null =>
  u ? { name: u.name, email: u.email, handle: u.handle } : null;

/** Human role name of a responder row (what templates print). */
function roleName(r: Responder): string {
  if (r.role === 'incident_commander') return 'Incident Commander';
  if (r.role === 'custom' && r.customType) return r.customType.name;
  return 'Responder';
}

/** What {@link loadIncidentContext} returns: the render context and the declared custom field names. */
export interface LoadedIncidentContext {
  ctx: IncidentContext;
  /** Every custom property field declared in this installation (set on this incident or not). */
  customFieldNames: string[];
}

/**
 * Loads an incident with its team, impacts, fields and timeline as render context (the shape of @pm/contracts that
 * @pm/templating renders); throws when the incident does not exist.
 */
export async function loadIncidentContext(
  em: EntityManager,
  incidentId: string,
  timeZone = 'UTC',
): Promise<LoadedIncidentContext> {
  const incident = await em.findOneOrFail(
    Incident,
    { id: incidentId },
    { populate: ['commander', 'createdBy'] },
  );
  const [timeline, impacts, responders, fields, followUps, factors] = await Promise.all([
    em.find(TimelineEntry, { incident }, { orderBy: { occurredAt: 'asc' } }),
    em.find(Impact, { incident }, { orderBy: { startAt: 'asc' } }),
    em.find(Responder, { incident }, { populate: ['user', 'customType'], orderBy: { createdAt: 'asc' } }),
    em.find(IncidentField, {}),
    loadFollowUps(em, incident.id),
    em.find(
      ContributingFactor,
      { postmortem: { incident: incident.id, removedAt: null } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    ),
  ]);
  const customFields: Record<string, unknown> = {};
  for (const f of fields) {
    const v = incident.customFields[f.name];
    if (v !== undefined && v !== null) customFields[f.name] = v;
  }
  const ctx: IncidentContext = {
    incident: {
      id: incident.id,
      publicId: incident.publicId,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      visibility: incident.visibility,
      summary: incident.summary,
      commander: person(incident.commander),
      createdBy: person(incident.createdBy),
      createdAt: incident.createdAt.toISOString(),
      detectedAt: iso(incident.detectedAt),
      resolvedAt: iso(incident.resolvedAt),
      timeline: timeline.map((t) => ({
        content: t.content,
        important: t.important,
        kind: t.kind,
        authorName: t.authorName,
        occurredAt: t.occurredAt.toISOString(),
        tags: t.tags ?? [],
      })),
      impacts: impacts.map((i) => ({
        description: i.description,
        startAt: i.startAt.toISOString(),
        endAt: iso(i.endAt),
      })),
      responders: responders.map((r) => ({ ...person(r.user)!, role: roleName(r) })),
      customFields,
      followUps: followUps.map(toFollowUpItem),
      contributingFactors: factors.map((f) => ({ category: f.category, description: f.description })),
    },
    timeZone,
    generatedAt: new Date().toISOString(),
  };
  return { ctx, customFieldNames: fields.map((f) => f.name) };
}
