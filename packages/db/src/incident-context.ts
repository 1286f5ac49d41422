import type { EntityManager } from '@mikro-orm/core';
import { Incident } from './entities/incident.entity.js';
import { TimelineEntry } from './entities/timeline-entry.entity.js';

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
    commander: { name: string | null; email: string | null; handle: string | null } | null;
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
    customFields: Record<string, unknown>;
  };
  timeZone: string;
  generatedAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Loads an incident and its timeline as render context; throws when the incident does not exist. */
export async function loadIncidentContext(
  em: EntityManager,
  incidentId: string,
  timeZone = 'UTC',
): Promise<IncidentContextData> {
  const incident = await em.findOneOrFail(Incident, { id: incidentId });
  const timeline = await em.find(TimelineEntry, { incident }, { orderBy: { occurredAt: 'asc' } });
  return {
    incident: {
      id: incident.id,
      publicId: incident.publicId,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      visibility: incident.visibility,
      summary: incident.summary,
      commander: incident.commanderName ? { name: incident.commanderName, email: null, handle: null } : null,
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
      customFields: {},
    },
    timeZone,
    generatedAt: new Date().toISOString(),
  };
}
