import type { EntityManager } from '@mikro-orm/core';
import { Impact } from './entities/impact.entity.js';
import { IncidentField } from './entities/incident-field.entity.js';
import { Incident } from './entities/incident.entity.js';
import { Responder } from './entities/responder.entity.js';
import { TimelineEntry } from './entities/timeline-entry.entity.js';
import type { User } from './entities/user.entity.js';

type PersonRef = { name: string | null; email: string | null; handle: string | null };

/**
 * The plain-JSON data a template render needs (dates as ISO strings). Structurally the `IncidentContext` of
 * @pm/templating; built here because only the server can read the database, and shared by the API's preview and
 * the worker's generation so both render exactly the same thing.
 */
export interface IncidentContextData {
  incident: {
    id: string;
    publicId: number;
    title: string;
    severity: string;
    status: string;
    visibility: string;
    summary: string | null;
    commander: PersonRef | null;
    createdBy: PersonRef | null;
    createdAt: string;
    detectedAt: string | null;
    resolvedAt: string | null;
    timeline: Array<{
      content: string;
      important: boolean;
      kind: string;
      authorName: string | null;
      occurredAt: string;
    }>;
    impacts: Array<{ description: string; startAt: string; endAt: string | null }>;
    responders: Array<PersonRef & { role: string }>;
    /** Values of the defined custom fields by snake_case name (unset fields are absent). */
    customFields: Record<string, unknown>;
  };
  timeZone: string;
  generatedAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const person = (u: User | null): PersonRef | null =>
  u ? { name: u.name, email: u.email, handle: u.handle } : null;

/** Human role name of a responder row (what templates print). */
function roleName(r: Responder): string {
  if (r.role === 'incident_commander') return 'Incident Commander';
  if (r.role === 'custom' && r.customType) return r.customType.name;
  return 'Responder';
}

/** Loads an incident with its team, impacts, fields and timeline as render context; throws when it does not exist. */
export async function loadIncidentContext(
  em: EntityManager,
  incidentId: string,
  timeZone = 'UTC',
): Promise<IncidentContextData> {
  const incident = await em.findOneOrFail(
    Incident,
    { id: incidentId },
    { populate: ['commander', 'createdBy'] },
  );
  const [timeline, impacts, responders, fields] = await Promise.all([
    em.find(TimelineEntry, { incident }, { orderBy: { occurredAt: 'asc' } }),
    em.find(Impact, { incident }, { orderBy: { startAt: 'asc' } }),
    em.find(Responder, { incident }, { populate: ['user', 'customType'], orderBy: { createdAt: 'asc' } }),
    em.find(IncidentField, {}),
  ]);
  const customFields: Record<string, unknown> = {};
  for (const f of fields) {
    const v = incident.customFields[f.name];
    if (v !== undefined && v !== null) customFields[f.name] = v;
  }
  return {
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
      })),
      impacts: impacts.map((i) => ({
        description: i.description,
        startAt: i.startAt.toISOString(),
        endAt: iso(i.endAt),
      })),
      responders: responders.map((r) => ({ ...person(r.user)!, role: roleName(r) })),
      customFields,
    },
    timeZone,
    generatedAt: new Date().toISOString(),
  };
}
