import type { Incident as IncidentDto, IncidentDetail, TimelineEntry as TimelineDto } from '@pm/contracts';
import type { Incident, TimelineEntry } from '@pm/db';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toIncidentDto = (i: Incident): IncidentDto => ({
  id: i.id,
  publicId: i.publicId,
  title: i.title,
  severity: i.severity,
  status: i.status,
  visibility: i.visibility,
  summary: i.summary,
  commanderName: i.commanderName,
  createdAt: i.createdAt.toISOString(),
  detectedAt: iso(i.detectedAt),
  resolvedAt: iso(i.resolvedAt),
  updatedAt: i.updatedAt.toISOString(),
});

export const toTimelineDto = (t: TimelineEntry): TimelineDto => ({
  id: t.id,
  kind: t.kind,
  content: t.content,
  important: t.important,
  authorName: t.authorName,
  occurredAt: t.occurredAt.toISOString(),
});

export const toIncidentDetail = (i: Incident, timeline: TimelineEntry[]): IncidentDetail => ({
  ...toIncidentDto(i),
  timeline: timeline.map(toTimelineDto),
});
